import { entityKey } from '../extract/entity-key.js'
import { stripLead } from './claim-lead.js'
import { endsValue, whichever } from './claim-rule.js'
import { type Claim, isExclusive } from './claim-types.js'
import { personValue } from './claim-values.js'
import { changeVerdict, parseVerbGroup } from './claim-verb-group.js'

const PARTNER_WORD = '(girlfriend|boyfriend|partner|wife|husband|spouse|fiancee?|fiancée?)'
const OWNER = "(my|our|\\p{L}+'s)"
const NEW = '(?:(?:new|current)\\s+)?'
const TAIL = '(?:\\s+(?:now|again))?$'
/** "Priya is Frank's girlfriend", "Priya is no longer my wife". */
const IS_PARTNER_OF = new RegExp(
  `^(.+?)\\s+is\\s+(not|no longer)?\\s*(?:now\\s+|still\\s+)?${OWNER}\\s+${NEW}${PARTNER_WORD}${TAIL}`,
  'iu',
)
/** "Frank's girlfriend is Priya", "my new partner is Lena". */
const PARTNER_IS = new RegExp(`^${OWNER}\\s+${NEW}${PARTNER_WORD}\\s+is\\s+(?:now\\s+)?(.+?)${TAIL}`, 'iu')

/** A pair and what they did together: "Frank and Priya broke up", "Sara and I got married". */
const PAIR = /^(I|\p{L}+(?:\s+\p{Lu}\p{L}+)?)\s+and\s+(I|me|\p{L}+(?:\s+\p{Lu}\p{L}+)?)\s+(.+)$/u
const IN_LOVE = 'in a relationship'

type Event = { status: string | null; polarity: 1 | -1 }
/** What a pair's verb says: a change ("broke up") read by `changeVerdict`, or a present state ("are dating"). */
const PAIR_EVENTS: ReadonlyArray<readonly [RegExp, Event, 'change' | 'state']> = [
  [/^(?:broke|broken)\s+up\b/i, { status: IN_LOVE, polarity: -1 }, 'change'],
  [/^split\s+up\b/i, { status: IN_LOVE, polarity: -1 }, 'change'],
  [/^separated\b/i, { status: 'separated', polarity: -1 }, 'change'],
  [/^(?:divorced|got\s+divorced)\b/i, { status: 'divorced', polarity: -1 }, 'change'],
  [/^got\s+married\b|^married\s+each\s+other\b/i, { status: 'married', polarity: 1 }, 'change'],
  [/^got\s+engaged\b/i, { status: 'engaged', polarity: 1 }, 'change'],
  [/^(?:are|have been)\s+(?:no longer|not)\s+together\b/i, { status: null, polarity: -1 }, 'state'],
  [/^are\s+separated\b/i, { status: 'separated', polarity: -1 }, 'state'],
  [/^are\s+divorced\b/i, { status: 'divorced', polarity: -1 }, 'state'],
  [/^(?:are|have been)\s+(?:dating|together|a couple)\b/i, { status: IN_LOVE, polarity: 1 }, 'state'],
  [/^are\s+(?:married|engaged)\s+to\s+each\s+other\b/i, { status: null, polarity: 1 }, 'state'],
]

function claim(subject: string, attribute: string, value: string, polarity: 1 | -1): Claim {
  return { subject, attribute, value, polarity, exclusive: isExclusive(attribute) }
}

/** The relationship a partner word says: "wife" married, "fiance" engaged, "girlfriend" in a relationship. */
function statusOf(word: string): string {
  if (/^(?:wife|husband|spouse)$/i.test(word)) return 'married'
  return /^fianc/i.test(word) ? 'engaged' : IN_LOVE
}

/** The owner's claims: partner `name`, and the relationship the word says unless negated. */
function partnerOf(
  owner: string,
  self: string,
  name: string,
  word: string,
  negated: boolean,
  cased: boolean,
) {
  const person = personValue(name, cased)
  const whole = person !== null && person.after.trim() === ''
  if (!whole || (cased && !/^(?:my|our|\p{Lu})/u.test(owner))) return []
  const who = /^(?:my|our)$/i.test(owner) ? self : entityKey(owner.replace(/'s$/i, ''))
  if (who === person.value) return []
  if (negated) return [claim(who, 'partner', person.value, -1)]
  return [claim(who, 'relationship', statusOf(word), 1), claim(who, 'partner', person.value, 1)]
}

/**
 * Claims of a clause naming someone's partner: "Priya is Frank's girlfriend" and
 * "Frank's girlfriend is Priya" say what "Frank is dating Priya" says. Null for other clauses.
 */
export function partnerClaims(text: string, self: string, cased: boolean): Claim[] | null {
  return whichever<Claim[]>(text, [
    [IS_PARTNER_OF, (m) => partnerOf(m[3] ?? '', self, m[1] ?? '', m[4] ?? '', !!m[2], cased)],
    [PARTNER_IS, (m) => partnerOf(m[1] ?? '', self, m[3] ?? '', m[2] ?? '', false, cased)],
  ])
}

/** A person of a pair: "I"/"me" is the user, else one name (capitalised in cased text). */
function member(word: string, self: string, cased: boolean): string | null {
  if (/^(?:i|me)$/i.test(word)) return self
  const person = personValue(word, cased)
  return person && person.after.trim() === '' ? person.value : null
}

/**
 * Claims of two people and what they did together, each about both: "Frank and Priya
 * broke up (in February)" ends each one's partner claim; "Sara and I got married"
 * makes each the other's partner. Null when the text is no such clause.
 */
export function pairClaims(text: string, self: string, cased: boolean): Claim[] | null {
  const lead = stripLead(text)
  const m = PAIR.exec(lead.rest)
  if (!m || lead.skip) return null
  const group = parseVerbGroup(` ${m[3]}`)
  const verb = group.be === 'present' ? `are ${group.rest}` : group.rest
  for (const [re, event, kind] of PAIR_EVENTS) {
    const hit = re.exec(kind === 'state' ? (m[3] ?? '') : verb)
    if (!hit) continue
    const a = member(m[1] ?? '', self, cased)
    const b = member(m[2] ?? '', self, cased)
    const after = (kind === 'state' ? (m[3] ?? '') : verb).slice(hit[0].length)
    if (!a || !b || a === b || !endsValue(after)) return []
    const happened =
      kind === 'state' ? !group.hypothetical : changeVerdict(verb.split(/\s+/)[0] ?? '', group, false) === 1
    if (lead.hypothetical || !happened) return []
    return [a, b].flatMap((who, i) => {
      const other = i === 0 ? b : a
      const out = [claim(who, 'partner', other, event.polarity)]
      if (event.status)
        out.push(
          claim(
            who,
            'relationship',
            event.status,
            event.polarity === -1 && event.status === IN_LOVE ? -1 : 1,
          ),
        )
      return out
    })
  }
  return null
}
