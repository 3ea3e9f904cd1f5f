import { leadingNumber } from './claim-numbers.js'
import { bareValue, claimFor, endsValue, pattern, type Rule } from './claim-rule.js'
import type { ClaimDraft } from './claim-types.js'
import { personValue } from './claim-values.js'
import { beVerdict, changeVerdict, stateVerdict } from './claim-verb-group.js'
import { verbForms } from './claim-verbs.js'
import { PHRASE_STOPS } from './claim-words.js'

const STATUS: Readonly<Record<string, string>> = {
  married: 'married',
  engaged: 'engaged',
  single: 'single',
  divorced: 'divorced',
  separated: 'separated',
  widowed: 'widowed',
  'a widow': 'widowed',
  'a widower': 'widowed',
  'in a relationship': 'in a relationship',
}
const IN_LOVE = 'in a relationship'
/** What may follow a status and keep it a status: "single again", "married since 2010", "married to Bob", not "engaged in research". */
const statusEnds = (after: string) =>
  /^\s+(?:to|from|with)\s/i.test(after) || (!/^\s+(?:in|on|at)\b/i.test(after) && endsValue(after))

const STATUS_IS = pattern(
  '(?:(?:happily|newly|recently|legally|officially)\\s+)?(married|engaged|single|divorced|separated|widowed|a widow|a widower|in a relationship)(?![\\p{L}-])(.*)$',
)
const GOT_STATUS = pattern(`(${verbForms('get')})\\s+(married|engaged|divorced|separated)(?![\\p{L}-])(.*)$`)
const MARRY = pattern(`(${verbForms('marry')})\\s+(.+)$`)
const DATE = pattern(`(${verbForms('date')})\\s+(.+)$`)
const BREAK_UP = pattern(`(${verbForms('break', 'split')})\\s+(?:up\\s+with|from)\\s+(.+)$`)
const BROKE_UP = pattern(`(${verbForms('break', 'split')})\\s+up\\s*$`)
const HAVE_PARTNER = pattern(
  `(${verbForms('have')})\\s+an?\\s+(wife|husband|spouse|boyfriend|girlfriend|partner|fiancee?|fiancée?)(?![\\p{L}-])(?:\\s+(?:named|called)\\s+(.+))?\\s*$`,
)
const AGE_UNIT = /^\s*(?:-|\s)?(?:years?|yrs?)(?:\s+|-)(?:old|of age)\b|^\s*y\/?o\b/i
const GO_BY = pattern(`(${verbForms('go')})\\s+by\\s+(.+)$`)
const CALLED = pattern('(?:called|named)\\s+(.+)$')
const TURNED = pattern(`(${verbForms('turn')})\\s+(.+)$`)

/** The partner named after "to"/"from"/"with" in what follows a status ("married [to Bob]"). */
function partnerIn(after: string, cased: boolean): ReturnType<typeof personValue> {
  const m = /^\s+(?:to|from|with)\s+(.+)$/i.exec(after)
  return m ? personValue(m[1] ?? '', cased) : null
}

/** A status claim with the partner it names; divorcing or leaving a partner negates them. */
function statusClaims(status: string, after: string, polarity: 1 | -1 | null, cased: boolean): ClaimDraft[] {
  if (!statusEnds(after)) return []
  const out = claimFor('relationship', bareValue(status), polarity)
  const partner = partnerIn(after, cased)
  const partnerPolarity = status === 'divorced' || status === 'separated' ? -1 : polarity === 1 ? 1 : null
  if (out.length > 0 && status !== 'single') out.push(...claimFor('partner', partner, partnerPolarity))
  return out
}

const statusIs: Rule = ({ rest, group, cased }) => {
  const m = STATUS_IS.exec(rest)
  if (!m || group.be === null) return null
  return statusClaims(STATUS[(m[1] ?? '').toLowerCase()] ?? '', m[2] ?? '', beVerdict(group), cased)
}

const gotStatus: Rule = ({ rest, group, cased, event }) => {
  const m = GOT_STATUS.exec(rest)
  if (!m) return null
  return statusClaims((m[2] ?? '').toLowerCase(), m[3] ?? '', changeVerdict(m[1] ?? '', group, event), cased)
}

const marry: Rule = ({ rest, group, cased, event }) => {
  const m = MARRY.exec(rest)
  if (!m || !cased) return m ? [] : null
  const verdict = changeVerdict(m[1] ?? '', group, event)
  const partner = claimFor('partner', personValue(m[2] ?? '', cased), verdict)
  return partner.length > 0 ? [...claimFor('relationship', bareValue('married'), verdict), ...partner] : []
}

const dating: Rule = ({ rest, group, cased }) => {
  const m = DATE.exec(rest)
  if (!m) return null
  const verdict = stateVerdict(m[1] ?? '', group)
  const partner = claimFor('partner', personValue(m[2] ?? '', cased), verdict)
  return partner.length > 0 ? [...claimFor('relationship', bareValue(IN_LOVE), verdict), ...partner] : []
}

const breakUp: Rule = ({ rest, group, cased, event }) => {
  const m = BREAK_UP.exec(rest) ?? BROKE_UP.exec(rest)
  if (!m) return null
  if (!changeVerdict(m[1] ?? '', group, event)) return []
  const partner = m[2] === undefined ? [] : claimFor('partner', personValue(m[2], cased), -1)
  return [...claimFor('relationship', bareValue(IN_LOVE), -1), ...partner]
}

const havePartner: Rule = ({ rest, group, cased }) => {
  const m = HAVE_PARTNER.exec(rest)
  if (!m) return null
  const verdict = stateVerdict(m[1] ?? '', group)
  const married = /^(?:wife|husband|spouse)$/i.test(m[2] ?? '')
  const out = claimFor('relationship', bareValue(married ? 'married' : IN_LOVE), verdict)
  if (m[3] !== undefined && verdict === 1) out.push(...claimFor('partner', personValue(m[3], cased), 1))
  return out
}

/** An age at the start of `text` ("34", "34 years old", "thirty-four"): nothing but stop words may follow. */
export function ageAt(text: string): string | null {
  const n = leadingNumber(text)
  if (!n || n.n < 1 || n.n > 120) return null
  const after = n.after.replace(AGE_UNIT, '')
  const next = (/^\s*([\p{L}']+)/u.exec(after)?.[1] ?? '').toLowerCase()
  if (/^\s*[%'"°$€£:/.,]\S/.test(after) || /^\s*(?:years?|yrs?|months?|weeks?|days?|hours?)\b/i.test(after))
    return null
  return next === '' || PHRASE_STOPS.has(next) ? String(n.n) : null
}

const age: Rule = ({ rest, group }) => {
  if (group.be === null || !/^\s*(?:\d|[a-z]+(?:[\s-][a-z]+)?\b)/i.test(rest)) return null
  const value = ageAt(rest)
  return value === null ? null : claimFor('age', bareValue(value), beVerdict(group))
}

const turned: Rule = ({ rest, group, event }) => {
  const m = TURNED.exec(rest)
  if (!m) return null
  const value = ageAt(m[2] ?? '')
  return value === null ? [] : claimFor('age', bareValue(value), changeVerdict(m[1] ?? '', group, event))
}

/** "goes by Ali" (a nickname), "is called Alice" (a name): capitalised names only. */
const calledName: Rule = ({ rest, group, cased }) => {
  const by = GO_BY.exec(rest)
  const called = by ? null : CALLED.exec(rest)
  if (!by && !(called && group.be !== null)) return null
  const name = cased ? personValue((by ?? called)?.[by ? 2 : 1] ?? '', true) : null
  if (!name || !endsValue(name.after)) return []
  const verdict = by ? stateVerdict(by[1] ?? '', group) : beVerdict(group)
  return by
    ? claimFor('nickname', name, verdict)
    : claimFor('name', { ...name, value: name.value.split(' ')[0] ?? '' }, verdict)
}

/** Relationship status, partner, age and names. */
export const LIFE_RULES: readonly Rule[] = [
  statusIs,
  gotStatus,
  marry,
  dating,
  breakUp,
  havePartner,
  age,
  turned,
  calledName,
]
