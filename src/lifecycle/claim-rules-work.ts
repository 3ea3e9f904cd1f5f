import { isStudentRole, occupationOf } from './claim-occupations.js'
import { plainPhrase } from './claim-phrase.js'
import { claimFor, pattern, type Rule, whichever } from './claim-rule.js'
import type { ClaimDraft } from './claim-types.js'
import { orgValue, type Value } from './claim-values.js'
import { beVerdict, changeVerdict, passiveVerdict, stateVerdict } from './claim-verb-group.js'
import { verbForms } from './claim-verbs.js'

/** Sign-ups that "joined" does not make an employer. */
const NOT_EMPLOYERS = new Set(
  `twitter facebook instagram tiktok reddit discord linkedin slack strava duolingo mastodon bluesky threads
  whatsapp telegram signal snapchat pinterest youtube twitch patreon substack medium github`.split(/\s+/),
)
/** "left Google early": leaving the building, not the job. */
const JUST_LEFT =
  /^\s+(?:at|early|late|today|tonight|yesterday|on time|in a hurry|home|for (?:the day|lunch|dinner|home|the weekend|a bit|a while))\b/i

const WORK_AT = pattern(
  `(${verbForms('work')})\\s+(?:(?:full-time|part-time|remotely|there|here)\\s+)?(?:at|for)\\s+(.+)$`,
)
const TEACH_AT = pattern(`(${verbForms('teach')})\\s+(?:[\\p{L}-]+\\s+){0,2}?at\\s+(.+)$`)
const WORK_AS = pattern(`(${verbForms('work')})\\s+as\\s+(?:an?\\s+)?(.+)$`)
const EMPLOYED = pattern('employed\\s+(?:by|at|with)\\s+(.+)$')
const EMPLOYED_AS = pattern('employed\\s+as\\s+(?:an?\\s+)?(.+)$')
const SELF_EMPLOYED = pattern('self-employed\\b')
const IS_A = pattern('an?\\s+(.+)$')
const BECAME = pattern(`(${verbForms('become')})\\s+an?\\s+(.+)$`)
const JOIN = pattern(`(${verbForms('join')})\\s+(.+)$`)
const START_AT = pattern(
  `(${verbForms('start')})\\s+(?:(?:a|my|an)\\s+(?:new\\s+)?(?:job|position|role|internship)\\s+|work\\s+)?(?:at|with)\\s+(.+)$`,
)
const GOT_JOB = pattern(
  `(${verbForms('get', 'take', 'accept')})\\s+(?:hired|(?:a|an)\\s+(?:new\\s+)?(?:job|position|role|internship))\\s+(?:at|with|by)\\s+(.+)$`,
)
const GOT_JOB_AS = pattern(
  `(${verbForms('get', 'take', 'accept')})\\s+a\\s+(?:new\\s+)?job\\s+as\\s+(?:an?\\s+)?(.+)$`,
)
const HIRED = pattern('hired\\s+(?:by|at)\\s+(.+)$')
/** "her job at": what may stand between leaving and the employer. */
const JOB_AT =
  '(?:(?:my|her|his|their|our)\\s+(?:old\\s+|former\\s+)?(?:job|position|role|post)\\s+(?:at|with)\\s+)?'
const LEAVE = pattern(`(${verbForms('leave', 'quit')})\\s+${JOB_AT}(.+)$`)
const RESIGN = pattern(`(${verbForms('resign', 'retire')})\\s+from\\s+${JOB_AT}(.+)$`)
const FIRED = pattern(
  `(?:(${verbForms('get')})\\s+)?(?:fired|laid off|let go|sacked)\\s+(?:from|by)\\s+${JOB_AT}(.+)$`,
)

/** An employer's name, or 'self-employed' for "myself". */
function employer(text: string, cased: boolean): Value | null {
  const self = /^\s*myself\b/i.exec(text)
  if (self) return { value: 'self-employed', after: text.slice(self[0].length), listy: false }
  return orgValue(text, cased)
}

/** The title held at one employer: `occupation:<employer>`, one at a time, so a promotion replaces it. */
function roleAt(employer: ClaimDraft | undefined, title: string, sign: 1 | -1): ClaimDraft[] {
  return employer?.attribute === 'employer'
    ? [{ attribute: `occupation:${employer.value}`, value: title, polarity: sign }]
    : []
}

/**
 * Claims of "a nurse [at St Mary's]": the occupation, the employer (or school, for
 * students) after "at"/"for", and the title held at that employer (or at `employer`,
 * already read: "works at X as a nurse"). "a former nurse" turns the claims negative.
 */
export function occupationClaims(
  text: string,
  polarity: 1 | -1 | null,
  cased: boolean,
  employer?: ClaimDraft,
): ClaimDraft[] | null {
  const p = plainPhrase(text, 5)
  const job = p ? occupationOf(p.words) : null
  if (!p || !job) return null
  if (polarity === null) return []
  const sign = job.former ? (polarity === 1 ? -1 : null) : polarity
  const out = claimFor('occupation', { value: job.title, after: p.after, listy: false }, sign)
  const at = /^\s+(at|for|in)\s+(.+)$/i.exec(p.after)
  if (at && sign !== null) {
    const student = isStudentRole(job.title)
    if (student || at[1]?.toLowerCase() !== 'in') {
      const place = claimFor(student ? 'school' : 'employer', orgValue(at[2] ?? '', cased), sign)
      out.push(...place)
      if (out.length > 1) out.push(...roleAt(place[0], job.title, sign))
    }
  } else if (sign !== null && out.length > 0) out.push(...roleAt(employer, job.title, sign))
  return out
}

/** "works at Google [as an engineer]". */
const workAt: Rule = ({ rest, group, cased }) => {
  const m = WORK_AT.exec(rest)
  if (!m) return null
  const verdict = stateVerdict(m[1] ?? '', group)
  const value = employer(m[2] ?? '', cased)
  const out = claimFor('employer', value, verdict)
  const as = value ? /^\s+as\s+(?:an?\s+)?(.+)$/i.exec(value.after) : null
  if (as && out.length > 0) out.push(...(occupationClaims(as[1] ?? '', verdict, cased, out[0]) ?? []))
  return out
}

/** "teaches at Lincoln High": a teacher, employed there. */
const teachAt: Rule = ({ rest, group, cased }) => {
  const m = TEACH_AT.exec(rest)
  if (!m) return null
  const verdict = stateVerdict(m[1] ?? '', group)
  const out = claimFor('employer', orgValue(m[2] ?? '', cased), verdict)
  return out.length > 0
    ? [...out, ...claimFor('occupation', { value: 'teacher', after: '', listy: false }, verdict)]
    : []
}

const workAs: Rule = ({ rest, group, cased }) => {
  const m = WORK_AS.exec(rest)
  return m ? (occupationClaims(m[2] ?? '', stateVerdict(m[1] ?? '', group), cased) ?? []) : null
}

const employed: Rule = ({ rest, group, cased }) =>
  whichever<ClaimDraft[]>(rest, [
    [EMPLOYED, (m) => claimFor('employer', orgValue(m[1] ?? '', cased), beVerdict(group))],
    [EMPLOYED_AS, (m) => occupationClaims(m[1] ?? '', beVerdict(group), cased) ?? []],
    [
      SELF_EMPLOYED,
      () => claimFor('employer', { value: 'self-employed', after: '', listy: false }, beVerdict(group)),
    ],
  ])

/** "is a nurse", "is an engineer at Google", "is a student at MIT". */
const isA: Rule = ({ rest, group, cased }) => {
  const m = IS_A.exec(rest)
  return m && group.be !== null ? occupationClaims(m[1] ?? '', beVerdict(group), cased) : null
}

const became: Rule = ({ rest, group, cased, event }) => {
  const m = BECAME.exec(rest)
  return m ? occupationClaims(m[2] ?? '', changeVerdict(m[1] ?? '', group, event), cased) : null
}

const joined: Rule = ({ rest, group, cased, event }) => {
  const m = JOIN.exec(rest)
  if (!m) return null
  const value = orgValue(m[2] ?? '', cased)
  if (!value || NOT_EMPLOYERS.has(value.value)) return []
  const verdict = changeVerdict(m[1] ?? '', group, event)
  const out = claimFor('employer', value, verdict)
  const as = /^\s+as\s+(?:an?\s+)?(.+)$/i.exec(value.after)
  if (as && out.length > 0) out.push(...(occupationClaims(as[1] ?? '', verdict, cased, out[0]) ?? []))
  return out
}

const started: Rule = ({ rest, group, cased, event }) => {
  const change = (verb: string) => changeVerdict(verb, group, event)
  return whichever<ClaimDraft[]>(rest, [
    [START_AT, (m) => claimFor('employer', orgValue(m[2] ?? '', cased), change(m[1] ?? ''))],
    [GOT_JOB, (m) => claimFor('employer', orgValue(m[2] ?? '', cased), change(m[1] ?? ''))],
    [GOT_JOB_AS, (m) => occupationClaims(m[2] ?? '', change(m[1] ?? ''), cased) ?? []],
    [HIRED, (m) => claimFor('employer', orgValue(m[1] ?? '', cased), passiveVerdict(group))],
  ])
}

const left: Rule = ({ rest, group, cased, event }) => {
  const m = LEAVE.exec(rest) ?? RESIGN.exec(rest)
  if (!m) return null
  const value = orgValue(m[2] ?? '', cased)
  if (!value || JUST_LEFT.test(value.after) || NOT_EMPLOYERS.has(value.value)) return []
  return changeVerdict(m[1] ?? '', group, event) ? claimFor('employer', value, -1) : []
}

const fired: Rule = ({ rest, group, cased, event }) => {
  const m = FIRED.exec(rest)
  if (!m) return null
  const happened = m[1] ? changeVerdict(m[1], group, event) : passiveVerdict(group)
  return happened ? claimFor('employer', orgValue(m[2] ?? '', cased), -1) : []
}

/** Who someone works for and what as. */
export const WORK_RULES: readonly Rule[] = [
  workAt,
  teachAt,
  workAs,
  employed,
  became,
  joined,
  started,
  left,
  fired,
  isA,
]
