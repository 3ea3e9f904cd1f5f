import { placeAttribute } from './claim-places.js'
import type { ClaimDraft } from './claim-types.js'
import { isExclusive } from './claim-types.js'
import type { Value } from './claim-values.js'
import type { VerbGroup } from './claim-verb-group.js'
import { PHRASE_STOPS } from './claim-words.js'

/** What a predicate rule sees: the text from the main verb on, the verb group before it. */
export interface RuleInput {
  rest: string
  group: VerbGroup
  /** Whether capitals carry meaning in this text (see `isCased`). */
  cased: boolean
  /** The clause is an event after "before"/"after": "before moving to Berlin". */
  event: boolean
}

/**
 * A predicate pattern: null when it does not match (the next rule is tried), else the
 * claims it makes, possibly none (it matched but asserts nothing: a past state, a wish).
 */
export type Rule = (input: RuleInput) => ClaimDraft[] | null

/** "haven't lived in Paris long": a negated duration, not a negated state. */
const DURATION = /^\s+(?:for\s+)?(?:very\s+|that\s+|so\s+)?long\b|^\s+for\s+(?:a\s+)?(?:long|while)\b/i

/**
 * The claim for one value, or none: no verdict, no value, a list where the attribute
 * is exclusive ("lives in Paris and Rome"), or a negated duration. Place attributes
 * take their `:country` / `:region` qualifier here.
 */
export function claimFor(
  attribute: string,
  value: Value | null,
  polarity: 1 | -1 | null,
  place = false,
): ClaimDraft[] {
  if (polarity === null || value === null || value.value === '') return []
  const name = place ? placeAttribute(attribute, value.value) : attribute
  if (value.listy && isExclusive(name)) return []
  if (polarity === -1 && DURATION.test(value.after)) return []
  return [{ attribute: name, value: value.value, polarity }]
}

/** A plain value with nothing after it, for values read by other means (numbers, dates). */
export function bareValue(value: string | null, after = ''): Value | null {
  return value === null ? null : { value, after, listy: false }
}

/** True when nothing but a stop word follows a value: "vegan [now]", "single [again]", not "vegan [chef]". */
export function endsValue(after: string): boolean {
  const next = /^\s*([\p{L}'-]+)/u.exec(after)?.[1]?.toLowerCase()
  return after.trim() === '' || /^\s*[,;:!.]/.test(after) || (next !== undefined && PHRASE_STOPS.has(next))
}

/** Builds an anchored, case-insensitive, Unicode pattern. */
export function pattern(source: string): RegExp {
  return new RegExp(`^${source}`, 'iu')
}

/**
 * Runs the handler of the first pattern that matches `text` and gives a non-null answer;
 * null when none does.
 */
export function whichever<T>(
  text: string,
  cases: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => T | null]>,
): T | null {
  for (const [re, handle] of cases) {
    const m = re.exec(text)
    const out = m ? handle(m) : null
    if (out !== null) return out
  }
  return null
}

/** Tries rules in order; the first that matches decides. */
export function firstMatch(rules: readonly Rule[], input: RuleInput): ClaimDraft[] | null {
  for (const rule of rules) {
    const out = rule(input)
    if (out !== null) return out
  }
  return null
}
