import { entityKey } from '../extract/entity-key.js'
import { claimKey } from './claim-compare.js'
import { parseSubject } from './claim-subject.js'
import { favouriteAttribute } from './claim-values.js'

/** Which attributes a question asks about, by the words it uses. */
const ASKS: [RegExp, string[]][] = [
  [
    /\b(?:live[sd]?|living|resides?|based|home|move[sd]?|moving|located|address|stay(?:s|ing)? now)\b/,
    ['residence'],
  ],
  [/\bwhere\b.*\bfrom\b|\bgrow(?:s|n)? up\b|\bgrew up\b|\bhometown\b/, ['origin', 'hometown']],
  [/\bborn\b/, ['birthplace', 'birthday']],
  [/\b(?:work(?:s|ing)?|job|employer|employed|company|firm)\b/, ['employer', 'occupation']],
  [
    /\bwhat (?:do(?:es)?|did) .+ do\b|\boccupation\b|\bprofession\b|\bfor a living\b/,
    ['occupation', 'employer'],
  ],
  [
    /\b(?:married|partner|wife|husband|spouse|boyfriend|girlfriend|dating|relationship|single|engaged)\b/,
    ['relationship', 'partner'],
  ],
  [/\bhow old\b|\bage\b/, ['age']],
  [/\bbirthday\b/, ['birthday']],
  [/\b(?:study|studies|studying|school|university|college|graduate[sd]?)\b/, ['school', 'alma mater']],
  [/\b(?:vegetarian|vegan|pescatarian|diet|eat meat)\b/, ['diet']],
  [/\b(?:drive[sn]?|driving|car)\b/, ['car']],
  [/\bdog\b/, ['pet:dog', 'owns:dog']],
  [/\bcat\b/, ['pet:cat', 'owns:cat']],
  [/\bemail\b/, ['email']],
  [/\bphone\b/, ['phone']],
  [/\bname\b/, ['name', 'nickname']],
]

const QUESTION_WORDS = new Set([
  'where',
  'what',
  'who',
  'whom',
  'which',
  'when',
  'why',
  'how',
  'does',
  'do',
  'did',
  'is',
  'are',
  'was',
  'were',
  'has',
  'have',
  'can',
  'tell',
  'remind',
  'and',
  'so',
  'now',
])

/** Nouns that name an attribute of their owner, not another person ("Alice's job", not "Alice's brother"). */
const OWN_ATTRIBUTES = new Set(
  `name nickname favourite favorite job work employer company home house flat apartment address city age birthday
  email phone number dog cat pet car diet school university college partner wife husband relationship occupation
  profession hometown`.split(/\s+/),
)

const QUESTION_LEAD =
  /^(?:\s*(?:where|what|who|whom|which|when|why|how(?:\s+(?:old|many|much))?|is|are|was|were|does|do|did|has|have|can|could|would|will|tell me|remind me|and|so|now|exactly)\b[\s,]*)+/i

/**
 * Who a question is about: its subject once the question words are set aside
 * ("Where does Alice's sister live?" → alice's sister, "Where do I work?" → the
 * user), else the first name written with a capital, else the user.
 */
function subjectOf(question: string, self: string): string | null {
  const rest = question.replace(QUESTION_LEAD, '')
  const parsed = parseSubject(rest, self, /\p{Ll}/u.test(question) && /\p{Lu}/u.test(question))
  if (parsed?.possessive) {
    // "Alice's favourite colour" is about Alice; "Alice's sister" is someone else, unnamed.
    const owned = /^\s*([\p{L}-]+)/u.exec(parsed.rest)?.[1]?.toLowerCase()
    if (owned && !OWN_ATTRIBUTES.has(owned)) return null
  }
  if (parsed?.key) return parsed.key
  // "Where does she live?", "Alice's sister": someone the question does not name.
  if (parsed && /^\s*(?:he|she|they|him|her|them|his|their|[\p{L}-]+['’]s)\b/iu.test(rest)) return null
  for (const m of question.matchAll(/\b(\p{Lu}[\p{L}-]+)(?:['’]s)?\b/gu)) {
    const word = (m[1] as string).toLowerCase()
    if (!QUESTION_WORDS.has(word) && word !== 'i') return entityKey(m[1] as string)
  }
  return entityKey(self)
}

/**
 * The claim keys a question asks about ("Where does Alice live now?" →
 * alice + residence), so memories asserting them can be found and ranked
 * first. Empty for anything that asks about no known attribute.
 */
export function questionClaimKeys(question: string, self: string): string[] {
  const text = question.toLowerCase()
  const attributes = new Set<string>()
  for (const [pattern, asked] of ASKS) if (pattern.test(text)) for (const a of asked) attributes.add(a)
  const favourite = /\bfavou?rite\s+([a-z]+(?:\s+show)?)/.exec(text)
  if (favourite) attributes.add(favouriteAttribute((favourite[1] as string).split(' ')))
  const many = /\bhow many\s+([a-z]+)/.exec(text)
  if (many) attributes.add(`count:${(many[1] as string).replace(/(?<=[^s])s$/, '')}`)
  const drink =
    /\bhow (?:do(?:es)?|did) .+ (?:take|drink|have|like) (?:\w+ )?(coffee|tea|espresso|latte)\b/.exec(text)
  if (drink) attributes.add(`takes:${drink[1]}`)
  if (attributes.size === 0) return []
  const subject = subjectOf(question, self)
  if (subject === null) return []
  return [...attributes].map((attribute) => claimKey({ subject, attribute }))
}
