import { entityKey, singular } from '../extract/entity-key.js'
import { continuesList, modifiesNext, type Phrase, plainPhrase, properPhrase } from './claim-phrase.js'
import { normalisePlace } from './claim-places.js'
import {
  ARTICLES,
  DETERMINERS,
  GENERIC_ORGS,
  GENERIC_PLACES,
  NOT_A_SUBJECT,
  PRONOUNS,
} from './claim-words.js'

/** A normalised value, what follows it, and whether a list goes on after it. */
export interface Value {
  value: string
  after: string
  listy: boolean
}

const lower = (words: readonly string[]) => words.map((w) => w.toLowerCase().replace(/\.+$/, ''))
const noAccents = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '')
const done = (value: string, p: Phrase): Value => ({ value, after: p.after, listy: continuesList(p.after) })
/** Whether a phrase opens with a determiner: any in lower-case text, only articles and possessives in cased text ("New York"). */
const opensWithDeterminer = (word: string, cased: boolean) => (cased ? ARTICLES : DETERMINERS).has(word)

const KIND_OF =
  /^(?:the\s+)?(?:city|town|village|state|province|county|republic|kingdom|island|borough) of\s+/i
const AREA =
  /^(?:downtown|central|northern|southern|eastern|western|suburban|rural|upstate|greater|sunny|rainy|beautiful|lovely)\s+(?=\S)/

/** A place name at the start of `text` ("Paris", "the U.S.", "downtown Chicago"), or null. */
export function placeValue(text: string, cased: boolean): Value | null {
  const trimmed = text.trimStart().replace(KIND_OF, '').replace(AREA, '')
  const p = cased ? properPhrase(trimmed, 4) : plainPhrase(trimmed, 3)
  if (!p || modifiesNext(p)) return null
  const low = lower(p.words)
  if (opensWithDeterminer(low[0] ?? '', cased)) return null
  if (cased ? GENERIC_PLACES.has(low.join(' ')) : low.some((w) => GENERIC_PLACES.has(w))) return null
  return done(normalisePlace(p.words.join(' ')), p)
}

const LEGAL_SUFFIX =
  /\s+(?:and co|inc|llc|ltd|corp|corporation|co|company|gmbh|plc|ag|sa|limited|incorporated)$/

/** The key of an organisation: lower case, no accents, dots, ".com" or legal suffix ("Google Inc." -> "google"). */
export function normaliseOrg(name: string): string {
  let key = noAccents(name)
    .toLowerCase()
    .replace(/\.com\b/g, '')
    .replace(/\s+&\s+/g, ' and ')
    .replace(/\.(?=\p{L})/gu, '')
    .replace(/[.,'"]+$/g, '')
    .replace(/\./g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '')
  while (LEGAL_SUFFIX.test(key)) key = key.replace(LEGAL_SUFFIX, '')
  return key
}

/** An organisation's name at the start of `text` ("Google", "the New York Times"), or null. */
export function orgValue(text: string, cased: boolean): Value | null {
  const p = cased ? properPhrase(text.trimStart(), 5) : plainPhrase(text.trimStart(), 3)
  if (!p || modifiesNext(p)) return null
  const low = lower(p.words)
  const generic = GENERIC_ORGS.has(low[low.length - 1] ?? '') && (!cased || low.length === 1)
  if (opensWithDeterminer(low[0] ?? '', cased) || generic) return null
  return done(normaliseOrg(p.words.join(' ')), p)
}

/** A person's name at the start of `text` ("Bob", "Bob Smith"; one word in lower-case text), or null. */
export function personValue(text: string, cased: boolean): Value | null {
  const p = cased ? properPhrase(text.trimStart(), 2) : plainPhrase(text.trimStart(), 1)
  if (!p || modifiesNext(p)) return null
  const low = lower(p.words)
  const notAName = cased ? PRONOUNS : NOT_A_SUBJECT
  if (low.some((w) => notAName.has(w) || opensWithDeterminer(w, cased))) return null
  return done(entityKey(noAccents(p.words.join(' '))), p)
}

const SPELLING: Readonly<Record<string, string>> = {
  colour: 'color',
  colours: 'colors',
  flavour: 'flavor',
  flavours: 'flavors',
  grey: 'gray',
  theatre: 'theater',
  travelling: 'traveling',
  jewellery: 'jewelry',
  programme: 'program',
  centre: 'center',
  favourite: 'favorite',
}

const THING_ALIASES: Readonly<Record<string, string>> = {
  film: 'movie',
  'tv show': 'show',
  'tv series': 'show',
  series: 'show',
  meal: 'food',
  dish: 'food',
  cuisine: 'food',
  beverage: 'drink',
  'video game': 'game',
  'sports team': 'team',
}

/**
 * The attribute for a favourite: `favourite:` and the thing, normalised ("colours" ->
 * "color", "film" -> "movie", "TV show" -> "show").
 *
 * @example
 * favouriteAttribute(['colour']) // 'favourite:color'
 */
export function favouriteAttribute(thing: readonly string[]): string {
  const name = normaliseThing(thing, false)
  return `favourite:${THING_ALIASES[name] ?? name}`
}

/** Words that cannot open an object: pronouns and question words ("I love it", "I like how..."). */
const NOT_AN_OBJECT = new Set(
  `it you him her them me us myself yourself himself herself themselves that this these those what how
  when where who which whoever being to the-way it's`.split(/\s+/),
)
/** Nouns after "the" that point at something else: "I love the way she sings". */
const VAGUE = new Set(
  'way idea fact thought feeling moment part time one same most rest view vibe'.split(' '),
)
/** Gerunds too light to stand alone: "going [to the beach]" is not the thing liked. */
const LIGHT_GERUNDS = new Set(
  `going being getting having doing making taking spending seeing coming staying using trying working
  living eating talking sitting hanging waking looking putting giving keeping leaving meeting`.split(/\s+/),
)

/**
 * The key of a thing: lower case, no accents, British spellings made American, a
 * leading "the" dropped and the last word made singular unless it is capitalised
 * in cased text (so "The Beatles" keeps its s).
 */
export function normaliseThing(words: readonly string[], cased: boolean): string {
  const out = words.map((w) => SPELLING[w.toLowerCase()] ?? noAccents(w.toLowerCase()).replace(/\.+$/, ''))
  if (out[0] === 'the' && out.length > 1) out.shift()
  const last = words[words.length - 1] ?? ''
  if (!cased || !/^\p{Lu}/u.test(last)) out[out.length - 1] = singular(out[out.length - 1] ?? '')
  return out.join(' ')
}

/** A thing liked, disliked or favoured at the start of `text` ("sushi", "the Beatles", "hiking"), or null. */
export function objectValue(text: string, cased: boolean, max = 4): Value | null {
  const p = plainPhrase(text.trimStart(), max)
  if (!p || modifiesNext(p)) return null
  const low = lower(p.words)
  const first = low[0] ?? ''
  const capital = cased && /^\p{Lu}/u.test(p.words[0] ?? '')
  if (NOT_AN_OBJECT.has(first) || first === 'no' || opensWithDeterminer(first, capital)) return null
  if (LIGHT_GERUNDS.has(first) && /^\s+\p{L}/u.test(p.after)) return null
  if (first === 'the' && VAGUE.has(low[1] ?? '')) return null
  return done(normaliseThing(p.words, cased), p)
}

/** Fixed pairs that are one thing, not a list: "mac and cheese". */
const PAIRS = new Set(
  `mac and cheese|rock and roll|fish and chips|salt and pepper|peanut butter and jelly|rhythm and blues|
  dungeons and dragons|law and order|pride and prejudice|bread and butter|black and white|
  cheese and crackers|pb and j|r and b|sweet and sour|lord of the rings|harry potter`
    .split('|')
    .map((s) => s.trim()),
)

/**
 * The objects of a list ("sushi and ramen", "cats or dogs"), each normalised; fixed
 * pairs such as "mac and cheese" stay one object. Null when any item is not an object.
 */
export function objectList(text: string, cased: boolean): string[] | null {
  const out: string[] = []
  let rest = text
  for (let i = 0; i < 4; i++) {
    const v = objectValue(rest, cased)
    // After the first item, each must run to a list mark or the end: "Paris and live there" is no list.
    if (!v || (i > 0 && !/^\s*(?:$|,|(?:and|or|nor|&)\s)/i.test(v.after))) return null
    const pair = /^\s*and\s+([\p{L}\s]+?)(?=$|[,.;!]|\s+(?:and|or)\s)/u.exec(v.after)
    if (pair && PAIRS.has(`${v.value} and ${pair[1]?.trim().toLowerCase()}`)) {
      out.push(`${v.value} and ${pair[1]?.trim().toLowerCase()}`)
      rest = v.after.slice(pair[0].length)
    } else {
      out.push(v.value)
      rest = v.after
    }
    const more = /^\s*(?:,\s*(?:(?:and|or|nor|&)\s+)?|(?:and|or|nor|&)\s+)/i.exec(rest)
    if (!more) return out
    rest = rest.slice(more[0].length)
  }
  return null
}
