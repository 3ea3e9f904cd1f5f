import { singular } from '../extract/entity-key.js'
import { bareValue, claimFor, endsValue, pattern, type Rule } from './claim-rule.js'
import { nounClaims } from './claim-rules-possessive.js'
import { occupationClaims } from './claim-rules-work.js'
import type { ClaimDraft } from './claim-types.js'
import { personValue } from './claim-values.js'
import { changeVerdict, passiveVerdict, stateVerdict } from './claim-verb-group.js'
import { verbForms } from './claim-verbs.js'

const POSSESSIVE = '(?:my|her|his|their|our)'
const DRINKS =
  '(coffees?|teas?|espressos?|lattes?|cappuccinos?|americanos?|flat whites?|chai|whiske?y|martinis?)'
/** How a drink is taken, in one word: "black", "iced". */
const HOW_WORD =
  /^(black|white|plain|sweet|sweetened|unsweetened|strong|weak|iced|neat|straight|decaf|on the rocks)(?![\p{L}-])/iu
const ADDITION = '(?:milk|cream|creamers?|sugars?|honey|lemon|ice|sweeteners?|syrup|cinnamon|foam)'
/** "with (a splash of) oat milk (and sugar)": the additions, a quantity before them set aside. */
const HOW_WITH = new RegExp(
  `^with\\s+(?:(?:a\\s+)?(?:splash|dash|drop|bit|little|lot|spoonful|teaspoon|shot)\\s+of\\s+)?((?:[a-z-]+\\s+){0,2}?${ADDITION}(?:\\s+and\\s+(?:[a-z-]+\\s+)?${ADDITION})?)(?![\\p{L}-])`,
  'iu',
)

const TAKE = pattern(
  `(${verbForms('take', 'drink', 'like', 'have', 'prefer')})\\s+${POSSESSIVE}\\s+${DRINKS}\\s+(.+)$`,
)
const CHANGED = pattern(
  `(${verbForms('change', 'update', 'switch')})\\s+${POSSESSIVE}\\s+([\\p{L}-]+(?:\\s+[\\p{L}-]+){0,2}?)(?:\\s+from\\s+\\S+(?:\\s+\\S+)?)?\\s+to\\s+(.+)$`,
)
const PROMOTED = pattern(
  `(?:(${verbForms('get')})\\s+)?(?:promoted|made)\\s+(?:to\\s+)?(?:an?\\s+|the\\s+)?(.+)$`,
)
const SEPARATED = pattern(`(${verbForms('separate', 'divorce')})\\s+(?:from\\s+)?(.+)$`)

/** How a drink is taken at the start of `text`, normalised ("with a splash of oat milk" -> "oat milk"). */
function howTaken(text: string): { value: string; after: string } | null {
  const m = HOW_WORD.exec(text) ?? HOW_WITH.exec(text)
  if (!m) return null
  const value = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ')
  return { value: value.split(' ').map(singular).join(' '), after: text.slice(m[0].length) }
}

/** "I take my coffee black", "she drinks her tea with lemon": `takes:<drink>`. */
const takes: Rule = ({ rest, group }) => {
  const m = TAKE.exec(rest)
  if (!m) return null
  const how = howTaken(m[3] ?? '')
  if (!how || !endsValue(how.after)) return []
  const drink = singular((m[2] ?? '').toLowerCase()).replace('whiskey', 'whisky')
  return claimFor(`takes:${drink}`, bareValue(how.value), stateVerdict(m[1] ?? '', group))
}

/** "changed her phone number to 555-0199", "updated my email from a@b.co to c@d.co". */
const changed: Rule = ({ rest, group, cased, event }) => {
  const m = CHANGED.exec(rest)
  if (!m) return null
  return nounClaims(m[2] ?? '', m[3] ?? '', cased, changeVerdict(m[1] ?? '', group, event))
}

/**
 * "was promoted to team lead at Initrode", "got made a director": the new title, and at
 * the employer named, the title held there (which replaces the one before).
 */
const promoted: Rule = ({ rest, group, cased, event }) => {
  const m = PROMOTED.exec(rest)
  if (!m) return null
  const verdict = m[1] ? changeVerdict(m[1], group, event) : passiveVerdict(group)
  return occupationClaims(m[2] ?? '', verdict, cased)
}

/** "separated from Priya", "divorced Bob": the partner no longer, the status now. */
const separated: Rule = ({ rest, group, cased, event }) => {
  const m = SEPARATED.exec(rest)
  if (!m || group.be !== null) return null
  const partner = personValue(m[2] ?? '', cased)
  if (!partner || !endsValue(partner.after)) return null
  if (!changeVerdict(m[1] ?? '', group, event)) return []
  const status = /^separat/i.test(m[1] ?? '') ? 'separated' : 'divorced'
  const out: ClaimDraft[] = claimFor('relationship', bareValue(status), 1)
  return [...out, ...claimFor('partner', partner, -1)]
}

/** How a drink is taken, changes of contact details and titles, separations. */
export const CHANGE_RULES: readonly Rule[] = [takes, changed, promoted, separated]
