import { claimFor, pattern, type Rule } from './claim-rule.js'
import { orgValue, type Value } from './claim-values.js'
import { beVerdict, changeVerdict, stateVerdict, type VerbGroup } from './claim-verb-group.js'
import { formOf, PAST, verbForms } from './claim-verbs.js'

/** Words that make a name a school's: "went to Ohio State University" is not a trip. */
const SCHOOLISH = /\b(?:university|college|school|institute|academy|polytechnic|uni|conservatory|seminary)\b/i

const STUDY_AT = pattern(`(${verbForms('study')})\\s+(?:[\\p{L}-]+\\s+){0,3}?at\\s+(.+)$`)
const ATTEND = pattern(`(${verbForms('attend')})\\s+(.+)$`)
const GO_TO = pattern(`(${verbForms('go')})\\s+to\\s+(.+)$`)
const ENROLLED = pattern(
  '(?:enrolled|a\\s+(?:freshman|sophomore|junior|senior|first-year|second-year))\\s+(?:at|in)\\s+(.+)$',
)
const DEGREE = pattern(
  "(?:doing|pursuing|studying\\s+for|working\\s+on)\\s+(?:my|a|an)\\s+(?:phd|masters?|master's|degree|bachelor's|bachelors|ba|bsc|msc|mba|doctorate)(?:\\s+[\\p{L}-]+){0,3}?\\s+at\\s+(.+)$",
)
const GRADUATED = pattern(`(${verbForms('graduate')})\\s+from\\s+(.+)$`)
const DEGREE_FROM = pattern(
  `(${verbForms('have', 'get')})\\s+an?\\s+(?:[\\p{L}'-]+\\s+){0,3}?degree\\s+(?:in\\s+(?:[\\p{L}-]+\\s+){1,3}?)?from\\s+(.+)$`,
)
const DROPPED_OUT = pattern(`(${verbForms('drop')})\\s+out\\s+of\\s+(.+)$`)

/** A school's name; `needsWord` when the verb alone does not say it is a school ("went to"). */
function school(text: string, cased: boolean, needsWord: boolean): Value | null {
  const value = orgValue(text, cased)
  if (!value) return null
  return needsWord || !cased ? (SCHOOLISH.test(value.value) ? value : null) : value
}

/** Present tense: the current school; a simple past: where they studied. */
function schoolOrAlmaMater(verb: string, group: VerbGroup, value: Value | null) {
  const now = stateVerdict(verb, group)
  if (now !== null) return claimFor('school', value, now)
  const past =
    formOf(verb) & PAST && !group.negated && !group.hypothetical && group.have === null && !group.usedTo
  return past ? claimFor('alma mater', value, 1) : []
}

const studyAt: Rule = ({ rest, group, cased }) => {
  const m = STUDY_AT.exec(rest)
  return m ? schoolOrAlmaMater(m[1] ?? '', group, orgValue(m[2] ?? '', cased)) : null
}

const attend: Rule = ({ rest, group, cased }) => {
  const m = ATTEND.exec(rest) ?? GO_TO.exec(rest)
  if (!m) return null
  const needsWord = /^go|^went/i.test(m[1] ?? '')
  return schoolOrAlmaMater(m[1] ?? '', group, school(m[2] ?? '', cased, needsWord))
}

const enrolled: Rule = ({ rest, group, cased }) => {
  const m = ENROLLED.exec(rest) ?? DEGREE.exec(rest)
  return m ? claimFor('school', orgValue(m[1] ?? '', cased), beVerdict(group)) : null
}

const graduated: Rule = ({ rest, group, cased, event }) => {
  const m = GRADUATED.exec(rest)
  if (m) return claimFor('alma mater', orgValue(m[2] ?? '', cased), changeVerdict(m[1] ?? '', group, event))
  const d = DEGREE_FROM.exec(rest)
  if (!d) return null
  const verb = d[1] ?? ''
  const verdict = /^ha/i.test(verb) ? stateVerdict(verb, group) : changeVerdict(verb, group, event)
  return claimFor('alma mater', orgValue(d[2] ?? '', cased), verdict === 1 ? 1 : null)
}

const droppedOut: Rule = ({ rest, group, cased, event }) => {
  const m = DROPPED_OUT.exec(rest)
  if (!m) return null
  return changeVerdict(m[1] ?? '', group, event) ? claimFor('school', orgValue(m[2] ?? '', cased), -1) : []
}

/** Where someone studies or studied. */
export const SCHOOL_RULES: readonly Rule[] = [studyAt, attend, enrolled, graduated, droppedOut]
