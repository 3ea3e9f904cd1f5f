import { describe, expect, it } from 'vitest'
import {
  ATTRIBUTES,
  type Claim,
  claimKey,
  conflicts,
  extractClaims,
  isExclusive,
  sameClaim,
} from './claims.js'

/** A claim as `subject|attribute|value`, with `|-1` when negated: short enough for tables. */
const show = (c: Claim) => `${c.subject}|${c.attribute}|${c.value}${c.polarity === -1 ? '|-1' : ''}`
const claimsOf = (text: string, self = 'alice') => extractClaims(text, { self }).map(show).sort()

type Case = readonly [text: string, want: readonly string[]]

function table(name: string, cases: readonly Case[]) {
  describe(name, () => {
    it.each(cases)('%s', (text, want) => {
      expect(claimsOf(text)).toEqual([...want].sort())
    })
  })
}

table('residence', [
  ['Alice lives in Paris', ['alice|residence|paris']],
  ["Alice's home is in Paris", ['alice|residence|paris']],
  ['alice is based in paris.', ['alice|residence|paris']],
  ['I live in Paris.', ['alice|residence|paris']],
  ['I live in Paris, France.', ['alice|residence|paris']],
  ['I currently live in Paris with my husband.', ['alice|residence|paris']],
  ['I live with my sister in Paris.', ['alice|residence|paris']],
  ["I'm living in London these days.", ['alice|residence|london']],
  ["I've lived in Paris for 10 years.", ['alice|residence|paris']],
  ['I reside in Lisbon.', ['alice|residence|lisbon']],
  ["I'm based in Toronto.", ['alice|residence|toronto']],
  ['I moved to Berlin last year.', ['alice|residence|berlin']],
  ['I just moved to Berlin!', ['alice|residence|berlin']],
  ['Last year, I relocated to Berlin.', ['alice|residence|berlin']],
  ['Two years ago I moved back to Lisbon.', ['alice|residence|lisbon']],
  ['I settled in Denver.', ['alice|residence|denver']],
  ['Paris is where I live now.', ['alice|residence|paris']],
  ['Paris is my home.', ['alice|residence|paris']],
  ['I live in an apartment in Berlin.', ['alice|residence|berlin']],
  ['I live in downtown Chicago.', ['alice|residence|chicago']],
  ['I live in the city of Boston.', ['alice|residence|boston']],
  ['I live in NYC.', ['alice|residence|new york']],
  ['I live in New York City.', ['alice|residence|new york']],
  ['I live in São Paulo.', ['alice|residence|sao paulo']],
  ['I live in Washington, D.C.', ['alice|residence|washington dc']],
  ['I live in the U.S.', ['alice|residence:country|united states']],
  ['I moved to the United States in 2010.', ['alice|residence:country|united states']],
  ['I live in California.', ['alice|residence:region|california']],
  ['I moved from Paris to Berlin.', ['alice|residence|berlin', 'alice|residence|paris|-1']],
  ['I moved away from Chicago.', ['alice|residence|chicago|-1']],
  ['I lived in Paris for 5 years before moving to Berlin.', ['alice|residence|berlin']],
  ['I lived in Paris for 5 years, before moving to Berlin.', ['alice|residence|berlin']],
  ['We moved to Denver.', ['alice|residence|denver']],
  ['The user lives in Oslo.', ['alice|residence|oslo']],
])

table('origin, hometown and birthplace', [
  ["I'm from Spain.", ['alice|origin:country|spain']],
  ["I'm originally from Texas but live in Austin.", ['alice|origin:region|texas', 'alice|residence|austin']],
  ['Bob comes from Lyon.', ['bob|origin|lyon']],
  ['I grew up in Ohio.', ['alice|hometown:region|ohio']],
  ['My hometown is Leeds.', ['alice|hometown|leeds']],
  ['I was born in Paris.', ['alice|birthplace|paris']],
  ['I was born and raised in Chicago.', ['alice|birthplace|chicago', 'alice|hometown|chicago']],
  ["I'm from here.", []],
  ["I'm from a small town.", []],
  ['I was born in 1990.', []],
])

table('work', [
  ['I work at Google.', ['alice|employer|google']],
  ['I work for Google Inc.', ['alice|employer|google']],
  ["I've been working at Google since 2019.", ['alice|employer|google']],
  ["I'm employed by Acme Corp.", ['alice|employer|acme']],
  ['I joined Microsoft last month.', ['alice|employer|microsoft']],
  ['I started a new job at Spotify.', ['alice|employer|spotify']],
  ['I started working at Amazon.', ['alice|employer|amazon']],
  ['I got a job at Spotify.', ['alice|employer|spotify']],
  ['I got hired by Netflix.', ['alice|employer|netflix']],
  ['I was hired by Netflix.', ['alice|employer|netflix']],
  ['I work for myself.', ['alice|employer|self-employed']],
  ["I'm self-employed.", ['alice|employer|self-employed']],
  ['I left Google.', ['alice|employer|google|-1']],
  ['I quit my job at Google.', ['alice|employer|google|-1']],
  ['I stopped working at Google.', ['alice|employer|google|-1']],
  ['I got fired from Uber.', ['alice|employer|uber|-1']],
  ['I was laid off by Meta.', ['alice|employer|meta|-1']],
  ['I retired from IBM.', ['alice|employer|ibm|-1']],
  ["I'm a nurse.", ['alice|occupation|nurse']],
  [
    "I work as a nurse at St. Mary's Hospital.",
    [
      'alice|occupation|nurse',
      "alice|employer|st mary's hospital",
      "alice|occupation:st mary's hospital|nurse",
    ],
  ],
  [
    "I'm a senior software engineer at Google.",
    [
      'alice|occupation|software engineer',
      'alice|employer|google',
      'alice|occupation:google|software engineer',
    ],
  ],
  [
    'I work at Google as a software developer.',
    [
      'alice|employer|google',
      'alice|occupation|software engineer',
      'alice|occupation:google|software engineer',
    ],
  ],
  [
    'I joined Stripe as a designer.',
    ['alice|employer|stripe', 'alice|occupation|designer', 'alice|occupation:stripe|designer'],
  ],
  ['I became a teacher.', ['alice|occupation|teacher']],
  ['I teach at Lincoln High School.', ['alice|employer|lincoln high school', 'alice|occupation|teacher']],
  ['My job is a physician.', ['alice|occupation|doctor']],
  ["I'm a former teacher.", ['alice|occupation|teacher|-1']],
  ['I used to be a nurse.', ['alice|occupation|nurse|-1']],
  ["I'm not a nurse anymore.", ['alice|occupation|nurse|-1']],
  ["I'm a terrible cook.", []],
  ["I'm an aspiring writer.", []],
  ["I'm a nurse at a hospital.", ['alice|occupation|nurse']],
  ['I work at night.', []],
  ['I work at home.', []],
  ['I left the office early.', []],
  ['I left Google early today.', []],
  ['I joined Twitter in 2009.', []],
  ['I joined a gym.', []],
  ['I work at Procter and Gamble.', []],
])

table('school', [
  ['I study at MIT.', ['alice|school|mit']],
  ["I'm a student at UCLA.", ['alice|occupation|student', 'alice|school|ucla']],
  ["I'm a sophomore at Yale.", ['alice|school|yale']],
  ['I go to Ohio State University.', ['alice|school|ohio state university']],
  ["I'm doing my PhD at ETH Zurich.", ['alice|school|eth zurich']],
  ['I graduated from Stanford.', ['alice|alma mater|stanford']],
  ['I studied at Oxford.', ['alice|alma mater|oxford']],
  ['I went to Harvard University.', ['alice|alma mater|harvard university']],
  ['I went to Harvard.', []],
  ['I attend church every Sunday.', []],
])

table('relationship and partner', [
  ["I'm married.", ['alice|relationship|married']],
  ["I'm happily married to Bob.", ['alice|relationship|married', 'alice|partner|bob']],
  ['Alice is married to Bob.', ['alice|relationship|married', 'alice|partner|bob']],
  ['I got engaged to Tom!', ['alice|relationship|engaged', 'alice|partner|tom']],
  ['We got married last June.', ['alice|relationship|married']],
  ["I'm single again.", ['alice|relationship|single']],
  ['I got divorced.', ['alice|relationship|divorced']],
  ["I'm dating Carl.", ['alice|relationship|in a relationship', 'alice|partner|carl']],
  ["I'm in a relationship with Sam.", ['alice|relationship|in a relationship', 'alice|partner|sam']],
  ['I broke up with Carl.', ['alice|relationship|in a relationship|-1', 'alice|partner|carl|-1']],
  ['We broke up.', ['alice|relationship|in a relationship|-1']],
  ['I have a boyfriend.', ['alice|relationship|in a relationship']],
  ["I've never been married.", ['alice|relationship|married|-1']],
  ['My husband John works at Google.', ['alice|partner|john', 'john|employer|google']],
  ["I'm engaged in research.", []],
])

table('age, birthday, name and contact details', [
  ["I'm 34.", ['alice|age|34']],
  ['I am 34 years old.', ['alice|age|34']],
  ["I'm thirty-four.", ['alice|age|34']],
  ['I just turned 35.', ['alice|age|35']],
  ['Bob turned 40 yesterday.', ['bob|age|40']],
  ['My daughter Lily is 5.', ['lily|age|5']],
  ["I'm 34 weeks pregnant.", []],
  ["I'm 5'9.", []],
  ["I'm 100% sure.", []],
  ["I'm two hours late.", []],
  ['My son is 5.', []],
  ['My birthday is March 3rd.', ['alice|birthday|03-03']],
  ['My birthday is on the 3rd of March.', ['alice|birthday|03-03']],
  ["Bob's birthday is July 4.", ['bob|birthday|07-04']],
  ['I was born on March 3, 1990.', ['alice|birthday|03-03']],
  ['My name is Alice Smith.', ['alice|name|alice']],
  ['My name is Will.', ['alice|name|will']],
  ["My name's Bob.", ['alice|name|bob']],
  ["I'm called Alice.", ['alice|name|alice']],
  ['Call me Al.', ['alice|nickname|al']],
  ['I go by Ali.', ['alice|nickname|ali']],
  ['Call me tomorrow.', []],
  ['My email is Alice@Example.com.', ['alice|email|alice@example.com']],
  ['My work email is alice@corp.com.', ['alice|email:work|alice@corp.com']],
  ['Email me at bob@example.org.', ['alice|email|bob@example.org']],
  ['My phone number is +1 (555) 123-4567.', ['alice|phone|+15551234567']],
  ['You can reach me at 555-123-4567.', ['alice|phone|5551234567']],
  ['Call me at 5.', []],
])

table('diet and allergies', [
  ["I'm vegetarian.", ['alice|diet|vegetarian']],
  ['Alice is a vegan.', ['alice|diet|vegan']],
  ['I went vegan last year.', ['alice|diet|vegan']],
  ["I've been vegan since 2015.", ['alice|diet|vegan']],
  ['I follow a plant-based diet.', ['alice|diet|vegan']],
  ['My diet is pescatarian.', ['alice|diet|pescatarian']],
  ["I'm no longer vegan.", ['alice|diet|vegan|-1']],
  ['I stopped eating meat.', ['alice|diet|omnivore|-1']],
  ["I don't eat meat.", ['alice|diet|omnivore|-1']],
  ['I gave up meat.', ['alice|diet|omnivore|-1']],
  ['I eat meat again.', ['alice|diet|omnivore']],
  ['I started eating meat again.', ['alice|diet|omnivore']],
  ["I'm a vegan chef.", ['alice|occupation|chef']],
  [
    "I'm allergic to peanuts and shellfish.",
    ['alice|allergy:peanut|peanut', 'alice|allergy:shellfish|shellfish'],
  ],
  ['I have a peanut allergy.', ['alice|allergy:peanut|peanut']],
  ["I'm not allergic to cats.", ['alice|allergy:cat|cat|-1']],
])

table('favourites and likes', [
  ['My favourite colour is blue.', ['alice|favourite:color|blue']],
  ['My favorite color is blue.', ['alice|favourite:color|blue']],
  ['Blue is my favorite color.', ['alice|favourite:color|blue']],
  ["Bob's favourite colour is green.", ['bob|favourite:color|green']],
  ['My all-time favourite film is Alien.', ['alice|favourite:movie|alien']],
  ['My favourite ice cream flavour is mint.', ['alice|favourite:ice cream flavor|mint']],
  ['My favourite colour used to be red.', ['alice|favourite:color|red|-1']],
  ['My favorite movie is probably Inception.', []],
  ['My favourite foods are pizza and sushi.', []],
  ['Sushi is one of my favourite foods.', []],
  ['I love sushi.', ['alice|likes:sushi|sushi']],
  ['I love sushi and ramen.', ['alice|likes:sushi|sushi', 'alice|likes:ramen|ramen']],
  ['I love mac and cheese.', ['alice|likes:mac and cheese|mac and cheese']],
  ['I really enjoy hiking in the mountains.', ['alice|likes:hiking|hiking']],
  ['I love to play tennis.', ['alice|likes:playing tennis|playing tennis']],
  ['I love playing tennis.', ['alice|likes:playing tennis|playing tennis']],
  ["I'm a big fan of jazz.", ['alice|likes:jazz|jazz']],
  ["I'm really into yoga these days.", ['alice|likes:yoga|yoga']],
  ['I love the Beatles.', ['alice|likes:beatles|beatles']],
  ['I love dogs.', ['alice|likes:dog|dog']],
  ['I hate sushi.', ['alice|likes:sushi|sushi|-1']],
  ["I don't like sushi or ramen.", ['alice|likes:sushi|sushi|-1', 'alice|likes:ramen|ramen|-1']],
  ["I can't stand olives.", ['alice|likes:olive|olive|-1']],
  ["I'm not a fan of jazz.", ['alice|likes:jazz|jazz|-1']],
  ['I no longer like coffee.', ['alice|likes:coffee|coffee|-1']],
  ['I stopped liking coffee.', ['alice|likes:coffee|coffee|-1']],
  ['I used to love sushi.', ['alice|likes:sushi|sushi|-1']],
  ['I hate cilantro but love parsley.', ['alice|likes:cilantro|cilantro|-1', 'alice|likes:parsley|parsley']],
  ['I love Paris.', ['alice|likes:paris|paris']],
  ['I love you.', []],
  ['I love it.', []],
  ['I love my job.', []],
  ['I love the way she sings.', []],
  ['I love going to the beach.', []],
  ['I enjoyed the concert.', []],
  ["I'm loving this weather.", []],
  ["I'd like a coffee.", []],
  ["I don't hate it.", []],
])

table('pets, things owned and cars', [
  ['I have a dog named Max.', ['alice|owns:dog|dog', 'alice|pet:dog|max']],
  ['I adopted a puppy named Biscuit.', ['alice|owns:dog|dog', 'alice|pet:dog|biscuit']],
  ["My dog's name is Max.", ['alice|owns:dog|dog', 'alice|pet:dog|max']],
  ['Our cat is called Luna.', ['alice|owns:cat|cat', 'alice|pet:cat|luna']],
  ['I have two cats.', ['alice|owns:cat|cat', 'alice|count:cat|2']],
  ["I don't have a car anymore.", ['alice|owns:car|car|-1']],
  ['I sold my car.', ['alice|owns:car|car|-1']],
  ['I bought a house.', ['alice|owns:house|house']],
  ['I have a dog walker.', []],
  ['I have a hot dog for lunch.', []],
  ['Caroline adopted a dog yesterday.', ['caroline|owns:dog|dog']],
  ['Oh and we got a new puppy named Oscar!', ['alice|owns:dog|dog', 'alice|pet:dog|oscar']],
  ['I have a little black cat called Luna.', ['alice|owns:cat|cat', 'alice|pet:cat|luna']],
  ['I drive a Tesla.', ['alice|car|tesla']],
  ['I drive an old Honda Civic.', ['alice|car|honda civic']],
  ['My car is a Subaru Outback.', ['alice|car|subaru outback']],
  ['I drive a lot.', []],
])

table('subjects', [
  ['My sister Emma lives in Rome.', ['emma|residence|rome']],
  ["Caroline's sister Emma lives in Rome.", ['emma|residence|rome']],
  ['My mom lives in Lisbon.', ["alice's mother|residence|lisbon"]],
  ["Caroline's husband works at Google.", ["caroline's husband|employer|google"]],
  ["My wife's name is Sarah.", ["alice's wife|name|sarah"]],
  ['My girlfriend Jess loves hiking.', ['alice|partner|jess', 'jess|likes:hiking|hiking']],
  ['My dog Max loves the beach.', ['alice|owns:dog|dog', 'alice|pet:dog|max', 'max|likes:beach|beach']],
  ['Caroline moved to Berlin.', ['caroline|residence|berlin']],
  ['Caroline and others moved to Denver.', ['caroline|residence|denver']],
  ['User works at Google.', ['alice|employer|google']],
  ['My brother and I live in Paris.', ['alice|residence|paris']],
  ['Alice works at Google and Bob works at Apple.', ['alice|employer|google', 'bob|employer|apple']],
  ['He moved to Paris and I moved to Berlin.', ['alice|residence|berlin']],
  ['My sister lives in Rome.', []],
  ['My friend works at Google.', []],
  ['My parents live in Ohio.', []],
  ['She lives in Paris.', []],
  ['They live in Paris.', []],
  ['You live in Paris.', []],
  ['Everyone loves pizza.', []],
  ['The company is based in Berlin.', []],
  ['Emma, my sister, lives in Rome.', []],
  ['She likes sushi and I hate it.', []],
  ['We love sushi.', []],
  ['We have two kids.', []],
])

table('several clauses and sentences', [
  ['I live in Paris and work at Google.', ['alice|residence|paris', 'alice|employer|google']],
  ["I'm 34 and I live in Paris.", ['alice|age|34', 'alice|residence|paris']],
  ["I'm a teacher and I live in Boston.", ['alice|occupation|teacher', 'alice|residence|boston']],
  ['I used to live in Paris. Now I live in Berlin.', ['alice|residence|paris|-1', 'alice|residence|berlin']],
  ['I used to work at Google but now I work at Meta.', ['alice|employer|google|-1', 'alice|employer|meta']],
  ["Hi, I'm Alice and I'm from Spain.", ['alice|origin:country|spain']],
  ['Btw I moved to Lisbon.', ['alice|residence|lisbon']],
  ['I live in Paris, which I love.', ['alice|residence|paris']],
  ["I live in Paris now but I'm moving to Berlin next month.", ['alice|residence|paris']],
  ['i live in paris and i work at google', ['alice|residence|paris', 'alice|employer|google']],
  ['I LIVE IN PARIS', ['alice|residence|paris']],
  ['I left Google last year and joined Meta.', ['alice|employer|google|-1', 'alice|employer|meta']],
  ['I live in Paris with my husband and two kids.', ['alice|residence|paris']],
  ['My wife and I moved to Paris.', ['alice|residence|paris']],
  ['I love Paris and live there.', ['alice|likes:paris|paris']],
  ['I was born and raised in Chicago.', ['alice|birthplace|chicago', 'alice|hometown|chicago']],
])

table('no claim: questions, wishes, plans, visits, past states, lists', [
  ['Do you live in Paris?', []],
  ['Where does Alice live?', []],
  ['Alice lives in Paris?', []],
  ['I want to move to Berlin.', []],
  ['I might move to Berlin.', []],
  ["I'm planning to move to Berlin.", []],
  ['I would love to live in Paris.', []],
  ['I would like to live in Paris.', []],
  ["If I lived in Paris, I'd be happy.", []],
  ["When I move to Berlin I'll buy a bike.", []],
  ["I'm moving to Berlin next month.", []],
  ["I'm moving to Berlin.", []],
  ["Next year I'll move to Berlin.", []],
  ["Maybe I'll move to Boston.", []],
  ['I probably live in Boston.', []],
  ['I think I live in Boston.', []],
  ['I have to move to Boston.', []],
  ['I hope to work at Google.', []],
  ['I almost moved to Boston.', []],
  ['I nearly joined Google.', []],
  ["I think I'm allergic to cats.", []],
  ['I visited Paris last summer.', []],
  ['I travelled to Paris.', []],
  ['I went to Paris.', []],
  ['I flew to Paris.', []],
  ["I'm in Paris.", []],
  ["I'm staying in Paris.", []],
  ["I'm living in Paris for the summer.", []],
  ['Paris is beautiful.', []],
  ['I lived in Paris.', []],
  ['I worked at Google for 5 years.', []],
  ['I was a nurse for 10 years.', []],
  ['I live near Paris.', []],
  ['I live in the city.', []],
  ['I live in the suburbs.', []],
  ['I live in a house.', []],
  ['I live in hope.', []],
  ['I moved to a new apartment.', []],
  ['I was moved to tears.', []],
  ['The meeting moved to Friday.', []],
  ['I moved to Marketing.', []],
  ['I live in Paris and Berlin.', []],
  ["I've lived in Paris, London, and Berlin.", []],
  ['I moved to Paris, then to Berlin.', []],
  ['She said "I live in Paris".', []],
  ['I work in finance.', []],
  ['I live in a van.', []],
  ['I work at a bakery downtown.', []],
  ['I was at Google for six years.', []],
  ["I'm at the gym right now.", []],
  ["I'm in Berlin for work.", []],
  ["I'm heading to Berlin tomorrow.", []],
  ['I moved in with my boyfriend.', []],
  ['I like that idea.', []],
  ["I'm a Leo.", []],
  ["I'm Canadian.", []],
  ["I've quit Facebook.", []],
  ['Today is my birthday.', []],
  ["I'm thinking about going back to school for counseling.", []],
  ['According to Bob, Alice lives in Paris.', []],
  ['When I was 20, I moved to Berlin.', []],
  ['Living in Paris is great.', []],
  ['Paris is 34 km away.', []],
  ['', []],
])

describe('extractClaims: decisions', () => {
  it('keys first-person claims by entityKey(self)', () => {
    expect(extractClaims('I live in Paris.', { self: ' U-42 ' })[0]?.subject).toBe('u-42')
  })

  it('marks each claim exclusive exactly when its attribute is', () => {
    const text =
      'I live in Paris. I love sushi. I have a dog named Max. I drive a Tesla. My favourite colour is blue.'
    const claims = extractClaims(text, { self: 'alice' })
    expect(claims).toHaveLength(6)
    for (const c of claims) expect(c.exclusive).toBe(isExclusive(c.attribute))
  })

  it('documents every attribute it uses', () => {
    const text = `I live in Paris. I'm from Spain. I grew up in Leeds. I was born in Rome. I work at Google.
      I'm a nurse. I study at MIT. I graduated from Yale. I'm married to Bob. I'm 34. My birthday is May 1.
      My name is Alice. Call me Al. My email is a@b.co. My number is 555-123-4567. I'm vegan.
      I'm allergic to nuts. My favourite band is Muse. I love jazz. I have a dog named Max. I drive a Kia.
      I take my coffee black. I have two cats.`
    const bases = new Set(extractClaims(text, { self: 'alice' }).map((c) => c.attribute.split(':')[0] ?? ''))
    expect([...bases].sort()).toEqual(Object.keys(ATTRIBUTES).sort())
  })
})

/** Paraphrases that must give one and the same claim, so the memories are duplicates. */
const PARAPHRASES: ReadonlyArray<readonly string[]> = [
  [
    'Alice lives in Paris',
    "Alice's home is in Paris",
    'alice is based in paris.',
    'I live in Paris.',
    'I moved to Paris, France.',
  ],
  ['I live in NYC.', 'I live in New York City.', 'I moved to New York.'],
  ['I work at Google.', 'I work for Google Inc.', "I'm employed by Google LLC.", 'I joined Google.'],
  ["I'm a nurse.", 'I work as a nurse.', "I'm a registered nurse.", 'I became a nurse.'],
  ['My favourite colour is blue.', 'My favorite color is Blue.', 'Blue is my favourite colour.'],
  ['I love dogs.', 'I really like dogs.', "I'm a huge fan of dogs.", "I'm into dogs."],
  ['I hate sushi.', "I don't like sushi.", "I can't stand sushi.", 'I dislike sushi.'],
  ["I'm 34.", 'I am 34 years old.', "I'm thirty-four.", 'I just turned 34.', 'My age is 34.'],
  ["I'm vegan.", 'I went vegan.', "I'm a vegan.", 'My diet is vegan.'],
]

describe('extractClaims: paraphrases give equal claims', () => {
  it.each(PARAPHRASES.map((group) => [group[0] ?? '', group] as const))('%s', (_, group) => {
    const claims = group.map((text) => extractClaims(text, { self: 'alice' }))
    for (const [i, list] of claims.entries()) {
      expect(list, group[i]).toHaveLength(1)
      const [first] = claims[0] ?? []
      const [mine] = list
      expect(first && mine && sameClaim(first, mine), group[i]).toBe(true)
    }
  })
})

/** [older, newer, whether the newer contradicts the older]. */
const CONTRADICTIONS: ReadonlyArray<readonly [string, string, boolean]> = [
  ['I live in Paris.', 'I moved to Berlin.', true],
  ['I live in Paris.', 'I no longer live in Paris.', true],
  ['I live in Paris.', 'I used to live in Paris.', true],
  ['I love sushi.', 'I hate sushi.', true],
  ['I work at Google.', 'I left Google.', true],
  ['I work at Google.', 'I joined Meta.', true],
  ["I'm 34.", 'I turned 35.', true],
  ["I'm vegetarian.", 'I eat meat again.', true],
  ["I'm single.", 'I got married.', true],
  ['My favourite colour is blue.', 'Green is my favourite colour.', true],
  ['I live in Paris.', 'I live in France.', false],
  ['I live in Paris.', 'My sister Emma lives in Berlin.', false],
  ['I live in Berlin.', 'I no longer live in Paris.', false],
  ["I'm vegetarian.", "I don't eat meat.", false],
  ['I love sushi.', 'I love ramen.', false],
  ["I'm a nurse.", "I'm a writer.", false],
  ['I live in Paris.', 'I love Paris.', false],
  ['I live in Paris.', 'I visited Berlin.', false],
]

describe('extractClaims: contradictions are detectable', () => {
  it.each(CONTRADICTIONS)('%s / %s -> %s', (older, newer, want) => {
    const before = extractClaims(older, { self: 'alice' })
    const after = extractClaims(newer, { self: 'alice' })
    expect(before.length).toBeGreaterThan(0)
    expect(before.some((a) => after.some((b) => conflicts(a, b)))).toBe(want)
  })
})

describe('claimKey', () => {
  it('joins subject and attribute with a NUL', () => {
    const c: Claim = {
      subject: 'alice',
      attribute: 'residence',
      value: 'paris',
      polarity: 1,
      exclusive: true,
    }
    expect(claimKey(c)).toBe('alice\u0000residence')
  })
})
