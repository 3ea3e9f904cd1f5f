import { isPastForm } from '../extract/verb-forms.js'
import { stripLead } from './claim-lead.js'
import { firstMatch, type Rule } from './claim-rule.js'
import { CHANGE_RULES } from './claim-rules-changes.js'
import { clauseClaims } from './claim-rules-clause.js'
import { LIFE_RULES } from './claim-rules-life.js'
import { LIKE_RULES } from './claim-rules-likes.js'
import { PLACE_RULES } from './claim-rules-place.js'
import { possessiveClaims } from './claim-rules-possessive.js'
import { SCHOOL_RULES } from './claim-rules-school.js'
import { THING_RULES } from './claim-rules-things.js'
import { WORK_RULES } from './claim-rules-work.js'
import { parseSubject, type Subject } from './claim-subject.js'
import type { Segment } from './claim-text.js'
import { type Claim, type ClaimDraft, isExclusive } from './claim-types.js'
import { parseVerbGroup } from './claim-verb-group.js'
import { formOf } from './claim-verbs.js'

/** Predicate rules in the order they are tried; "is a <job>" comes last, after "is a fan of", "is a vegan". */
const RULES: readonly Rule[] = [
  ...CHANGE_RULES,
  ...PLACE_RULES,
  ...LIKE_RULES,
  ...THING_RULES,
  ...LIFE_RULES,
  ...SCHOOL_RULES,
  ...WORK_RULES,
]

/** Attributes "we" assert for the speaker too: a household shares a home, a marriage, its pets. */
const SHARED = /^(?:residence|relationship|owns|pet|count)(?::|$)/

/** One clause read: its claims, whether it is a clause at all, and the subject a following clause may reuse. */
export interface ClauseRead {
  clauseLike: boolean
  claims: Claim[]
  /** The subject for a next clause without one ("... and work at Google"); null key: reuse gives no claims. */
  carry: Subject | null
}

const NOTHING: ClauseRead = { clauseLike: false, claims: [], carry: null }

function predicate(
  subject: Subject,
  cased: boolean,
  event: boolean,
): { drafts: ClaimDraft[] | null; settled: boolean } {
  if (subject.possessive) return { drafts: possessiveClaims(subject.rest, cased), settled: true }
  const group = parseVerbGroup(subject.rest)
  const drafts = firstMatch(RULES, { rest: group.rest, group, cased, event })
  return { drafts, settled: !group.negated && !group.hypothetical && !group.usedTo }
}

/**
 * Whether a verb follows the subject, so "Bob met Alice" is a clause and "Berlin" is not.
 * A borrowed subject needs a verb we know ("and live there"), since "born and raised" is one phrase.
 */
function verbFollows(subject: Subject, own: boolean): boolean {
  const word = /^\s*([\p{L}'-]+)/u.exec(subject.rest)?.[1] ?? ''
  if (formOf(word) !== 0 || (own && isPastForm(word))) return true
  return parseVerbGroup(subject.rest).rest !== subject.rest.trimStart()
}

/**
 * Reads one clause. Its subject is its own, or `carry` for a clause that starts with its
 * verb ("and work at Google"). The subject's key becomes each claim's subject; "we"
 * keeps only shared attributes; a hypothetical clause keeps only what its subject
 * phrase implies ("my husband John ...").
 */
export function readClause(
  segment: Segment,
  carry: Subject | null,
  self: string,
  cased: boolean,
): ClauseRead {
  const lead = stripLead(segment.text)
  if (lead.rest === '') return NOTHING
  if (lead.skip) return { clauseLike: true, claims: [], carry: null }
  const special = clauseClaims(lead.rest, self, cased)
  if (special) return { clauseLike: true, claims: lead.hypothetical ? [] : special, carry: null }
  const own = parseSubject(lead.rest, self, cased)
  const subject = own ?? (carry ? { ...carry, rest: ` ${lead.rest}`, possessive: false, implied: [] } : null)
  if (!subject) return NOTHING
  const event = (segment.joiner === 'before' || segment.joiner === 'after') && /^\p{L}+ing\b/u.test(lead.rest)
  const { drafts, settled } = predicate(subject, cased, event)
  const clauseLike =
    drafts !== null ||
    (own ? own.key === null || own.key === self || verbFollows(own, true) : verbFollows(subject, false))
  const key = subject.key
  const claims: Claim[] = subject.implied.map((c) => ({ ...c, exclusive: isExclusive(c.attribute) }))
  if (drafts && key !== null && !lead.hypothetical) {
    for (const d of drafts) {
      if (
        subject.we &&
        (!SHARED.test(d.attribute) || /^\s*(?:are\s+)?(?:based|located)\b/i.test(subject.rest))
      )
        continue
      claims.push({ subject: key, ...d, exclusive: isExclusive(d.attribute) })
    }
  }
  const reusable = clauseLike && settled && !lead.hypothetical && key !== null
  return { clauseLike, claims, carry: clauseLike ? (reusable ? subject : { ...subject, key: null }) : carry }
}
