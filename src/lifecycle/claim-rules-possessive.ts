import { leadingDay, leadingEmail, leadingPhone } from './claim-numbers.js'
import { occupationOf } from './claim-occupations.js'
import { plainPhrase } from './claim-phrase.js'
import { placeAttribute } from './claim-places.js'
import { bareValue, claimFor, endsValue } from './claim-rule.js'
import { ageAt } from './claim-rules-life.js'
import { carOf } from './claim-rules-things.js'
import type { ClaimDraft } from './claim-types.js'
import {
  favouriteAttribute,
  objectValue,
  orgValue,
  personValue,
  placeValue,
  type Value,
} from './claim-values.js'
import { OTHER_RELATIONS, OWNABLE } from './claim-words.js'

type Reader = (
  text: string,
  cased: boolean,
  qualifier: string,
) => { attribute: string; value: Value | null } | null

const firstName = (v: Value | null): Value | null => (v ? { ...v, value: v.value.split(' ')[0] ?? '' } : null)
const HEDGE = /^(?:probably|maybe|perhaps|either|between|hard|tough|possibly|likely|always|changing|a tie)\b/i
const DIET_WORDS: Readonly<Record<string, string>> = {
  vegan: 'vegan',
  vegetarian: 'vegetarian',
  pescatarian: 'pescatarian',
}

const place =
  (attribute: string): Reader =>
  (text, cased) => {
    const value = placeValue(text.replace(/^\s*in\s+/i, ''), cased)
    return { attribute: value ? placeAttribute(attribute, value.value) : attribute, value }
  }

/** Possessed nouns ("my [name] is") and how to read the value after "is". */
const NOUNS: ReadonlyArray<readonly [RegExp, Reader]> = [
  [
    /^(?:(?:first|full|real|given)\s+)?name\b/i,
    (t, c) => ({ attribute: 'name', value: firstName(personValue(t, c)) }),
  ],
  [/^nick-?name\b/i, (t, c) => ({ attribute: 'nickname', value: personValue(t, c) })],
  [
    /^(?:birthday|bday|b-day|birth\s*date|date\s+of\s+birth)\b/i,
    (t) => ({ attribute: 'birthday', value: bareValue(leadingDay(t)) }),
  ],
  [/^age\b/i, (t) => ({ attribute: 'age', value: bareValue(ageAt(t)) })],
  [
    /^(?:(work|personal|school|private|business)\s+)?e-?mail(?:\s+address)?\b/i,
    (t, _c, q) => ({ attribute: q ? `email:${q}` : 'email', value: bareValue(leadingEmail(t)) }),
  ],
  [
    /^(?:(work|personal|home|business|office)\s+)?(?:(?:phone|cell|mobile|cellphone|telephone)(?:\s+number)?|number)\b/i,
    (t, _c, q) => ({ attribute: q ? `phone:${q}` : 'phone', value: bareValue(leadingPhone(t)) }),
  ],
  [/^home\s?town\b/i, place('hometown')],
  [/^home(?:\s+base)?\b/i, place('residence')],
  [/^(?:job|profession|occupation|job\s+title|line\s+of\s+work)\b/i, (t) => occupationValue(t)],
  [/^(?:employer|workplace)\b/i, (t, c) => ({ attribute: 'employer', value: orgValue(t, c) })],
  [
    /^diet\b/i,
    (t) => ({
      attribute: 'diet',
      value: bareValue(DIET_WORDS[/^\s*(\p{L}+)/u.exec(t)?.[1]?.toLowerCase() ?? ''] ?? null),
    }),
  ],
  [/^car\b/i, (t, c) => ({ attribute: 'car', value: bareValue(carOf(t.replace(/^\s*an?\s+/i, ''), c)) })],
]

function occupationValue(text: string): { attribute: string; value: Value | null } {
  const p = plainPhrase(text.replace(/^\s*an?\s+/i, ''), 5)
  const job = p ? occupationOf(p.words) : null
  return { attribute: 'occupation', value: job && !job.former ? bareValue(job.title) : null }
}

/** "is", "'s", "has always been", "isn't", "used to be" after a possessed noun; a name ("Will", "May") may follow. */
const IS =
  /^\s*(?:(is|are|'s)|(was|were)|(?:has|have)\s+(?:always\s+)?been|(used\s+to\s+be))(\s+(?:not|no\s+longer|never))?(?:\s+(?:still|now|actually|officially|definitely|currently))?(?=\s)/i

/** The verdict and the text after "is" in "[name] is Alice", or null when no "is" follows. */
function afterIs(text: string): { verdict: 1 | -1 | null; rest: string } | null {
  const m = IS.exec(text)
  if (!m) return null
  const negated = m[4] !== undefined
  let verdict: 1 | -1 | null = negated ? -1 : 1
  if (m[2]) verdict = null
  if (m[3]) verdict = negated ? null : -1
  return { verdict, rest: text.slice(m[0].length) }
}

/** "favourite colour is blue", "fave band are the Beatles". */
function favourite(text: string, cased: boolean): ClaimDraft[] | null {
  const m = /^(?:(?:all-time|absolute|current|personal|ultimate|very)\s+)?(?:favou?rite|fave|fav)\s+/i.exec(
    text,
  )
  const thing = m ? plainPhrase(text.slice(m[0].length), 3) : null
  if (!m || !thing) return null
  const is = afterIs(thing.after)
  if (!is) return null
  if (HEDGE.test(is.rest.trimStart())) return []
  return claimFor(favouriteAttribute(thing.words), objectValue(is.rest, cased, 5), is.verdict)
}

/** "dog's name is Max", "cat is called Luna": the owner's pet. */
function petName(text: string, cased: boolean): ClaimDraft[] | null {
  const m = /^([\p{L}]+)(?:'s\s+name\s+is|\s+is\s+(?:named|called))\s+(.+)$/iu.exec(text)
  const word = (m?.[1] ?? '').toLowerCase()
  const species = OTHER_RELATIONS.has(word) ? OWNABLE[word] : undefined
  if (!m || !species) return null
  const name = claimFor(`pet:${species}`, personValue(m[2] ?? '', cased), 1)
  return name.length > 0 ? [...claimFor(`owns:${species}`, bareValue(species), 1), ...name] : []
}

/**
 * The claims of a possessed noun given its value: `noun` must be all of a known noun
 * ("phone number", "email"), `value` what it now is. For "changed my number to ...".
 * Null when the noun is not one we know.
 */
export function nounClaims(
  noun: string,
  value: string,
  cased: boolean,
  polarity: 1 | -1 | null,
): ClaimDraft[] | null {
  for (const [re, read] of NOUNS) {
    const m = re.exec(noun)
    if (!m || m[0].length !== noun.length) continue
    const r = read(value, cased, (m[1] ?? '').toLowerCase())
    return r && endsValue(r.value?.after ?? '') ? claimFor(r.attribute, r.value, polarity) : []
  }
  return null
}

/**
 * Claims of a possessive clause, the owner already read: "[my] name is Alice",
 * "[Bob's] favourite colour is blue", "[my] dog's name is Max", "[my] new number is
 * 555-0199". Null when the possessed noun is not one we know.
 */
export function possessiveClaims(text: string, cased: boolean): ClaimDraft[] | null {
  const t = text.trimStart().replace(/^(?:new|current|updated|latest)\s+/i, '')
  const special = favourite(t, cased) ?? petName(t, cased)
  if (special) return special
  for (const [noun, read] of NOUNS) {
    const m = noun.exec(t)
    if (!m) continue
    const is = afterIs(t.slice(m[0].length))
    if (!is) return null
    const { attribute, value } = read(is.rest, cased, (m[1] ?? '').toLowerCase()) ?? {
      attribute: '',
      value: null,
    }
    return claimFor(attribute, value, is.verdict)
  }
  return null
}
