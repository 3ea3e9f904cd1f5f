const set = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/))

/** Words that end a value phrase: "Paris [now]", "Google [for] five years", "sushi [more] than". */
export const PHRASE_STOPS = set(`and or but nor with without for since because as now when while where which
  who whom whose that until till after before in on at near by from to into last this next these those
  recently already again anymore too also ago today yesterday tonight tomorrow soon though although
  either right so then really very actually lately currently permanently forever more less better much
  lot i you he she we they it my your his her our their me us them if than like is are was were am be
  been has have had do does did will would can could should not no never just still even only every
  each all some any here there full-time part-time year years month months week weeks day days time
  times morning evening night weekend weekends anyway though lol haha tho too either instead yet one
  two three four five six seven eight nine ten early late used`)

/** Words that open a noun phrase without naming anything: "an apartment", "my job", "some place". */
export const DETERMINERS = set(`a an my your his her our their its this that these those some any another
  every each no one two several many few same other next new different own such what which whose`)

/** Words that stand for a person without naming them, even capitalised. */
export const PRONOUNS =
  set(`i it he she they we you him her them me us this that everyone everybody someone somebody
  nobody anyone anybody who`)

/** Determiners that open no name even when capitalised ("A", "My"): the cased-text subset of `DETERMINERS`. */
export const ARTICLES = set('a an my your his her our their its this that these those some any')

/** Place nouns that are not a place's name: "lives in the city", "moved to the suburbs". */
export const GENERIC_PLACES = set(`home house apartment flat condo city town village suburb suburbs
  countryside country area neighborhood neighbourhood building place dorm dorms studio room basement
  center centre downtown uptown outskirts region state capital south north east west middle nearby
  here there world space heaven hell peace fear denial hope love harmony tears comfort luxury poverty
  style sin moment past present future marketing sales engineering finance hr it management support
  legal accounting operations production office team department position role job school college
  university hospital street road avenue trailer van car tent shelter bubble cave ocean sea lake
  mountains mountain woods forest beach coast island islands campus barracks attic loft cabin
  cottage farm ranch hotel motel hostel airbnb complex unit floor same`)

/** Workplace nouns that are not an employer's name: "works at a hospital", "works for the government". */
export const GENERIC_ORGS = set(`company startup start-up firm hospital school bank store shop restaurant cafe
  office home place job night nights weekends weekend moment factory warehouse agency clinic library
  lab hotel bar gym church farm airport plant mall supermarket university college nonprofit non-profit
  charity government business organization organisation corporation day desk computer living
  pleasure fun money free minimum wage hour hours same local family corporate agency studio site
  department team uni`)

/** Subjects that never name a person: pronouns, quantifiers, question words. */
export const NOT_A_SUBJECT = set(`the a an this that these those it he she they you him her them his its
  their your everyone everybody someone somebody nobody noone anyone anybody no nothing something
  people each every some many most all both either neither there here what who where when why how
  which whoever do does did is are was were can could will would should have has had may might must
  shall let please maybe perhaps if unless although though because since after before while once
  until and but or so yet then also just only even still not never yes hi hello hey thanks thank ok
  okay one others other another person guy girl man woman kids friends parents family folks team
  company everything anything i'd i'll`)

/** Relatives a person has only one of: "my mother" can be a subject without a name. */
export const UNIQUE_RELATIONS: Readonly<Record<string, string>> = {
  mother: 'mother',
  mom: 'mother',
  mum: 'mother',
  mommy: 'mother',
  mama: 'mother',
  father: 'father',
  dad: 'father',
  daddy: 'father',
  papa: 'father',
  wife: 'wife',
  husband: 'husband',
  spouse: 'spouse',
  partner: 'partner',
  boyfriend: 'boyfriend',
  girlfriend: 'girlfriend',
  fiance: 'fiance',
  fiancé: 'fiance',
  fiancee: 'fiance',
  fiancée: 'fiance',
  boss: 'boss',
  stepmother: 'stepmother',
  stepfather: 'stepfather',
  stepmom: 'stepmother',
  stepdad: 'stepfather',
}

/** Relatives a person may have several of: only a subject together with a name ("my sister Emma"). */
export const OTHER_RELATIONS = set(`sister brother son daughter friend cousin aunt uncle niece nephew
  grandma grandmother grandpa grandfather granddaughter grandson neighbor neighbour colleague coworker
  co-worker roommate flatmate housemate kid child baby twin classmate teammate buddy pal bestie
  best-friend manager mentor teacher coach doctor therapist ex dog cat puppy kitten horse rabbit bird
  parrot hamster pet sibling stepson stepdaughter stepsister stepbrother`)

/** Relations that make the named person the owner's partner: "my husband John". */
export const PARTNER_RELATIONS = set('wife husband spouse partner boyfriend girlfriend fiance')

/** Things an "owns:" claim may name, by their other names: "a puppy" is a dog. */
export const OWNABLE: Readonly<Record<string, string>> = {
  dog: 'dog',
  puppy: 'dog',
  cat: 'cat',
  kitten: 'cat',
  kitty: 'cat',
  rabbit: 'rabbit',
  bunny: 'rabbit',
  hamster: 'hamster',
  'guinea pig': 'guinea pig',
  parrot: 'parrot',
  bird: 'bird',
  fish: 'fish',
  goldfish: 'fish',
  turtle: 'turtle',
  tortoise: 'tortoise',
  snake: 'snake',
  lizard: 'lizard',
  gecko: 'gecko',
  ferret: 'ferret',
  horse: 'horse',
  pony: 'pony',
  car: 'car',
  bike: 'bike',
  bicycle: 'bike',
  motorcycle: 'motorcycle',
  motorbike: 'motorcycle',
  house: 'house',
  boat: 'boat',
}

/** Car makes: "drives a Honda" names a car even in lower-case text. */
export const CAR_MAKES = set(`toyota honda tesla ford bmw audi mercedes mercedes-benz volkswagen vw subaru
  mazda nissan hyundai kia volvo jeep chevy chevrolet porsche lexus fiat renault peugeot skoda citroen
  mini jaguar land rover range dodge ram gmc buick cadillac lincoln chrysler acura infiniti mitsubishi
  suzuki polestar rivian lucid byd opel seat alfa ferrari lamborghini maserati bentley prius civic
  corolla camry`)
