const list = (text: string): ReadonlySet<string> => new Set(text.split(/,\s*/).map((s) => s.trim()))

/** Countries, so that "lives in France" and "lives in Paris" are not two answers to one question. */
const COUNTRIES =
  list(`afghanistan, albania, algeria, andorra, angola, argentina, armenia, australia, austria,
  azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan, bolivia,
  bosnia and herzegovina, botswana, brazil, brunei, bulgaria, burkina faso, burundi, cambodia, cameroon,
  canada, chad, chile, china, colombia, congo, costa rica, croatia, cuba, cyprus, czech republic, denmark,
  dominican republic, ecuador, egypt, el salvador, estonia, eritrea, ethiopia, fiji, finland, france,
  gabon, gambia, germany, ghana, greece, guatemala, guinea, haiti, honduras, hungary, iceland, india,
  indonesia, iran, iraq, ireland, israel, italy, ivory coast, jamaica, japan, jordan, kazakhstan, kenya,
  kosovo, kuwait, kyrgyzstan, laos, latvia, lebanon, lesotho, liberia, libya, liechtenstein, lithuania,
  luxembourg, madagascar, malawi, malaysia, maldives, mali, malta, mauritania, mauritius, mexico,
  moldova, monaco, mongolia, montenegro, morocco, mozambique, myanmar, namibia, nepal, netherlands,
  new zealand, nicaragua, niger, nigeria, north korea, north macedonia, norway, oman, pakistan,
  palestine, panama, paraguay, peru, philippines, poland, portugal, qatar, romania, russia, rwanda,
  saudi arabia, senegal, serbia, sierra leone, singapore, slovakia, slovenia, somalia, south africa,
  south korea, south sudan, spain, sri lanka, sudan, suriname, sweden, switzerland, syria, taiwan,
  tajikistan, tanzania, thailand, togo, trinidad and tobago, tunisia, turkey, uganda, ukraine,
  united arab emirates, united kingdom, united states, uruguay, uzbekistan, venezuela, vietnam, yemen,
  zambia, zimbabwe`)

/**
 * States, provinces, nations of the UK and regions bigger than a city. Names that are
 * also cities or ambiguous (New York, Washington, Georgia, Victoria) are left out, so
 * they count as plain places.
 */
const REGIONS = list(`alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware,
  florida, hawaii, idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland,
  massachusetts, michigan, minnesota, mississippi, missouri, montana, nebraska, nevada, new hampshire,
  new jersey, new mexico, north carolina, north dakota, ohio, oklahoma, oregon, pennsylvania,
  rhode island, south carolina, south dakota, tennessee, texas, utah, vermont, virginia, west virginia,
  wisconsin, wyoming, ontario, quebec, british columbia, alberta, manitoba, saskatchewan, nova scotia,
  new brunswick, newfoundland, prince edward island, england, scotland, wales, northern ireland,
  new south wales, queensland, tasmania, western australia, south australia, bavaria, catalonia,
  andalusia, tuscany, sicily, sardinia, provence, brittany, normandy, flanders, wallonia, bay area,
  silicon valley, new england, midwest, pacific northwest`)

/** Other spellings and nicknames of places, mapped to one key. */
const ALIASES: Readonly<Record<string, string>> = {
  us: 'united states',
  usa: 'united states',
  america: 'united states',
  states: 'united states',
  'united states of america': 'united states',
  uk: 'united kingdom',
  britain: 'united kingdom',
  'great britain': 'united kingdom',
  holland: 'netherlands',
  czechia: 'czech republic',
  uae: 'united arab emirates',
  turkiye: 'turkey',
  burma: 'myanmar',
  "cote d'ivoire": 'ivory coast',
  nyc: 'new york',
  'new york city': 'new york',
  'big apple': 'new york',
  la: 'los angeles',
  sf: 'san francisco',
  'san fran': 'san francisco',
  dc: 'washington dc',
  'washington dc': 'washington dc',
  philly: 'philadelphia',
  vegas: 'las vegas',
  nola: 'new orleans',
  bombay: 'mumbai',
  bengaluru: 'bangalore',
  kiev: 'kyiv',
  'saint petersburg': 'st petersburg',
  'saint louis': 'st louis',
  munchen: 'munich',
  koln: 'cologne',
  'sf bay area': 'bay area',
  'san francisco bay area': 'bay area',
}

/** Prefixes that name the kind of place rather than the place: "the city of Paris". */
const KIND_OF =
  /^(?:the\s+)?(?:city|town|village|state|province|county|republic|kingdom|island|borough) of\s+/i

/**
 * The key of a place name: lower case, accents and dots removed, a leading "the" or
 * "city of" dropped, nicknames resolved ("NYC" -> "new york", "the U.S." -> "united states").
 *
 * @example
 * normalisePlace('São Paulo') // 'sao paulo'
 */
export function normalisePlace(name: string): string {
  const key = name
    .replace(KIND_OF, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\.(?=\p{L})/gu, '')
    .replace(/[.'"]+$/g, '')
    .replace(/\./g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '')
  return ALIASES[key] ?? key
}

/**
 * The attribute for a place claim: `base` for cities and places of unknown size,
 * `base:country` for countries and `base:region` for states and regions, so that
 * places of different sizes never contradict each other.
 *
 * @example
 * placeAttribute('residence', 'france') // 'residence:country'
 */
export function placeAttribute(base: string, place: string): string {
  if (COUNTRIES.has(place)) return `${base}:country`
  if (REGIONS.has(place)) return `${base}:region`
  return base
}
