import { singular } from '../extract/entity-key.js'
import { pattern, type Rule } from './claim-rule.js'
import type { ClaimDraft } from './claim-types.js'
import { objectList } from './claim-values.js'
import { beVerdict, stateVerdict } from './claim-verb-group.js'
import { formOf, ING, verbForms } from './claim-verbs.js'

const LIKE = pattern(`(${verbForms('like', 'love', 'enjoy', 'adore')})\\s+(.+)$`)
const HATE = pattern(`(${verbForms('hate', 'dislike', 'detest', 'despise', 'loathe')})\\s+(.+)$`)
const INTO = pattern(
  '(?:(?:an?\\s+)?(?:big\\s+|huge\\s+|massive\\s+|great\\s+|total\\s+|die-?hard\\s+|real\\s+|long-?time\\s+|lifelong\\s+)?fan\\s+of|into|passionate\\s+about|obsessed\\s+with|crazy\\s+about|mad\\s+about|fond\\s+of|keen\\s+on|a\\s+lover\\s+of)\\s+(.+)$',
)
const ALLERGIC = pattern('(?:(?:severely|very|deathly|mildly|highly)\\s+)?allergic\\s+to\\s+(.+)$')
const ALLERGY = pattern(
  `(${verbForms('have')})\\s+an?\\s+(?:(?:severe|mild|bad|serious)\\s+)?([\\p{L}-]+)\\s+allergy\\b\\s*$`,
)

/** The -ing form of a base verb, for "love to cook" = "love cooking". */
export function gerund(verb: string): string {
  const v = verb.toLowerCase()
  if (/ie$/.test(v)) return `${v.slice(0, -2)}ying`
  if (/[^aeiouy]e$/.test(v) && v !== 'be') return `${v.slice(0, -1)}ing`
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(v)) return `${v}${v.slice(-1)}ing`
  return `${v}ing`
}

/** One claim per object: "likes sushi and ramen" -> likes:sushi, likes:ramen. */
function objectClaims(base: string, text: string, polarity: 1 | -1 | null, cased: boolean): ClaimDraft[] {
  if (polarity === null) return []
  const infinitive = /^\s*to\s+([\p{L}]+)(.*)$/u.exec(text)
  const objects = objectList(
    infinitive ? `${gerund(infinitive[1] ?? '')}${infinitive[2] ?? ''}` : text,
    cased,
  )
  return (objects ?? []).map((o) => ({ attribute: `${base}:${o}`, value: o, polarity }))
}

/** A liking verb states a taste in the simple present or perfect, not "I'm loving it" or "I liked the film". */
function tasteVerdict(verb: string, group: Parameters<typeof stateVerdict>[1]): 1 | -1 | null {
  if (formOf(verb) & ING && !group.aspect) return null
  return stateVerdict(verb, group)
}

const like: Rule = ({ rest, group, cased }) => {
  const m = LIKE.exec(rest)
  return m ? objectClaims('likes', m[2] ?? '', tasteVerdict(m[1] ?? '', group), cased) : null
}

const hate: Rule = ({ rest, group, cased }) => {
  const m = HATE.exec(rest)
  if (!m) return null
  const verb = m[1] ?? ''
  // "don't hate" is not "like": only an unnegated dislike counts.
  return objectClaims('likes', m[2] ?? '', tasteVerdict(verb, group) === 1 ? -1 : null, cased)
}

const into: Rule = ({ rest, group, cased }) => {
  const m = INTO.exec(rest)
  return m && group.be !== null ? objectClaims('likes', m[1] ?? '', beVerdict(group), cased) : null
}

const allergic: Rule = ({ rest, group, cased }) => {
  const m = ALLERGIC.exec(rest)
  if (m) return group.be === null ? [] : objectClaims('allergy', m[1] ?? '', beVerdict(group), cased)
  const a = ALLERGY.exec(rest)
  if (!a) return null
  const verdict = stateVerdict(a[1] ?? '', group)
  const thing = singular((a[2] ?? '').toLowerCase())
  return verdict === null ? [] : [{ attribute: `allergy:${thing}`, value: thing, polarity: verdict }]
}

/** Likes, dislikes and allergies. */
export const LIKE_RULES: readonly Rule[] = [like, hate, into, allergic]
