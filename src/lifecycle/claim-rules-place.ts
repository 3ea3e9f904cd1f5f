import { leadingDay } from './claim-numbers.js'
import { bareValue, claimFor, pattern, type Rule } from './claim-rule.js'
import type { ClaimDraft } from './claim-types.js'
import { placeValue, type Value } from './claim-values.js'
import { beVerdict, changeVerdict, stateVerdict, type VerbGroup } from './claim-verb-group.js'
import { formOf, PAST, PRESENT, verbForms } from './claim-verbs.js'

const LIVE = pattern(
  `(${verbForms('live', 'reside')})\\s+(?:(?:here|there|full-time|permanently|together|alone)\\s+)?(?:with\\s+[\\p{L}'-]+(?:\\s+[\\p{L}'-]+){0,3}?\\s+)?in\\s+(.+)$`,
)
const BASED = pattern('(?:based|located|settled|stationed)\\s+(?:here\\s+)?in\\s+(.+)$')
const MOVE = pattern(
  `(${verbForms('move', 'relocate')})\\s+(?:(?:back|here|over|out|away|abroad|permanently|all the way)\\s+)*(?:from\\s+(.+?)\\s+)?to\\s+(.+)$`,
)
const MOVE_AWAY = pattern(`(${verbForms('move', 'relocate')})\\s+(?:away\\s+from|out\\s+of)\\s+(.+)$`)
const SETTLE = pattern(`(${verbForms('settle')})\\s+(?:down\\s+)?in\\s+(.+)$`)
const FROM = pattern('(?:originally\\s+)?from\\s+(.+)$')
const COME_FROM = pattern(`(${verbForms('come', 'hail')})\\s+(?:originally\\s+)?from\\s+(.+)$`)
const GREW_UP = pattern(`(${verbForms('grow')})\\s+up\\s+in\\s+(.+)$`)
const BORN = pattern('born(\\s+and\\s+(?:raised|bred))?\\s+in\\s+(.+)$')
const BORN_ON = pattern('born\\s+on\\s+(.+)$')

/** A place at the start of `text`; "a flat in Paris" falls back to the place after the generic noun. */
function place(text: string, cased: boolean): Value | null {
  const direct = placeValue(text, cased)
  if (direct) return direct
  const inner = /^(?:an?|the|my|our)\s+[\p{L}\s-]{1,30}?\s+in\s+(.+)$/iu.exec(text)
  return inner ? placeValue(inner[1] ?? '', cased) : null
}

/** A lasting fact stated in the past ("grew up in", "was born in"): past or perfect, negation flips. */
function factVerdict(verb: string, g: VerbGroup): 1 | -1 | null {
  if (g.hypothetical || g.usedTo || g.aspect) return null
  const f = formOf(verb)
  const past = (f & PAST && g.have === null && g.doAux === null) || (f & PRESENT && g.doAux === 'past')
  if (!past && g.have !== 'present') return null
  return g.negated ? -1 : 1
}

/** "for the summer", "this semester": a stay, not a home. */
const TEMPORARY =
  /\b(?:for\s+(?:the|this|a|one)\s+(?:summer|winter|spring|fall|autumn|week|weekend|month|semester|term|holidays?|trip)|this\s+(?:summer|winter|week|weekend|month|semester|term)|temporarily|for now)\b/i

const residence: Rule = ({ rest, group, cased }) => {
  const m = LIVE.exec(rest)
  if (!m) return null
  const value = place(m[2] ?? '', cased)
  if (value && TEMPORARY.test(value.after)) return []
  return claimFor('residence', value, stateVerdict(m[1] ?? '', group), true)
}

const based: Rule = ({ rest, group, cased }) => {
  const m = BASED.exec(rest)
  return m && group.be !== null
    ? claimFor('residence', place(m[1] ?? '', cased), beVerdict(group), true)
    : null
}

const move: Rule = ({ rest, group, cased, event }) => {
  const m = MOVE.exec(rest)
  if (!m) return null
  const verdict = changeVerdict(m[1] ?? '', group, event)
  const to = place(m[3] ?? '', cased)
  // "moved to Berlin, then to Munich": the text does not end where it says.
  if (to && /^\s+(?:and\s+)?then\b/i.test(to.after)) return []
  const out: ClaimDraft[] = claimFor('residence', to, verdict, true)
  if (m[2] !== undefined && out.length > 0) {
    const from = placeValue(m[2], cased)
    if (from && from.after.trim() === '') out.push(...claimFor('residence', from, -1, true))
  }
  return out
}

const moveAway: Rule = ({ rest, group, cased, event }) => {
  const m = MOVE_AWAY.exec(rest)
  if (!m) return null
  return changeVerdict(m[1] ?? '', group, event)
    ? claimFor('residence', place(m[2] ?? '', cased), -1, true)
    : []
}

const settle: Rule = ({ rest, group, cased, event }) => {
  const m = SETTLE.exec(rest)
  if (!m) return null
  const verb = m[1] ?? ''
  const verdict = formOf(verb) & PRESENT ? stateVerdict(verb, group) : changeVerdict(verb, group, event)
  return claimFor('residence', place(m[2] ?? '', cased), verdict, true)
}

const origin: Rule = ({ rest, group, cased }) => {
  const m = FROM.exec(rest)
  return m ? claimFor('origin', placeValue(m[1] ?? '', cased), beVerdict(group), true) : null
}

const comeFrom: Rule = ({ rest, group, cased }) => {
  const m = COME_FROM.exec(rest)
  return m ? claimFor('origin', placeValue(m[2] ?? '', cased), stateVerdict(m[1] ?? '', group), true) : null
}

const grewUp: Rule = ({ rest, group, cased }) => {
  const m = GREW_UP.exec(rest)
  return m ? claimFor('hometown', placeValue(m[2] ?? '', cased), factVerdict(m[1] ?? '', group), true) : null
}

const born: Rule = ({ rest, group, cased }) => {
  const on = BORN_ON.exec(rest)
  const m = BORN.exec(rest)
  if (!m && !on) return null
  if (group.be !== 'past' || group.hypothetical) return []
  if (on) return claimFor('birthday', bareValue(leadingDay(on[1] ?? '')), group.negated ? -1 : 1)
  if (!m) return []
  const value = placeValue(m[2] ?? '', cased)
  if (!value || /^\d/.test(value.value)) return []
  const polarity = group.negated ? -1 : 1
  const out = claimFor('birthplace', value, polarity, true)
  if (m[1]) out.push(...claimFor('hometown', value, polarity, true))
  return out
}

/** Where someone lives, comes from, grew up and was born. */
export const PLACE_RULES: readonly Rule[] = [
  residence,
  based,
  move,
  moveAway,
  settle,
  origin,
  comeFrom,
  grewUp,
  born,
]
