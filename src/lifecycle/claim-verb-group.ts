import { formOf, ING, isParticiple, PARTICIPLE, PAST, PRESENT } from './claim-verbs.js'

/** The auxiliaries, negation and modality between a subject and its main verb. */
export interface VerbGroup {
  /** The form of "be" seen: "am/is/are", "was/were", "been", "be", "being". */
  be: 'present' | 'past' | 'been' | 'base' | 'being' | null
  /** Perfect "have/has" (present) or "had" (past), only before a participle. */
  have: 'present' | 'past' | null
  /** "do/does" or "did". */
  doAux: 'present' | 'past' | null
  /** "not", "never", "no longer". */
  negated: boolean
  /** A modal, wish, plan, hedge or belief ("will", "wants to", "maybe", "thinks"): nothing is asserted. */
  hypothetical: boolean
  /** "used to": the state held once and no longer does. */
  usedTo: boolean
  /** "started/stopped" + -ing: the state began or ended. */
  aspect: 'started' | 'stopped' | null
  /** The text from the main verb (or the complement of "be") on. */
  rest: string
}

const NEGATION = /^(?:no longer|no more|not|never)\b/
const USED_TO = /^used to\b/
const PLAN =
  /^(?:wants?|wanted|hop(?:e|es|ed|ing)|plan(?:s|ned|ning)?|intend(?:s|ed|ing)?|going|try(?:ing)?|tries|tried|about|need(?:s|ed)?|have|has|had|got|supposed|expect(?:s|ed|ing)?|likely|decided?|decides|aim(?:s|ing)?|looking|preparing|ready|able|starts?|started|starting|began|begins?|promised|agreed|due|set|scheduled)\s+(?:to|on)\b/
const MODAL =
  /^(?:will|would|shall|should|could|might|may|must|can|ought|maybe|perhaps|probably|possibly|hopefully|apparently|supposedly|allegedly|eventually|soon|someday|almost|nearly|barely|think|thinks|thought|thinking|guess|believe|believes|suppose|considering|consider|considered|dreaming|dream|dreams|dreamt|wish|wishes|wished|wondering|wonder|imagine|pretend|pretending|fantasi[sz]e)\b/
const ASPECT = /^(stopped|quit|gave up|given up|started|began|begun|resumed)\s+(?=\p{L}+ing\b)/u
const ADVERB =
  /^(?:kind of|sort of|pretty much|also|still|now|just|recently|finally|currently|actually|really|officially|already|even|always|totally|absolutely|definitely|certainly|truly|honestly|literally|basically|mostly|happily|proudly|genuinely|seriously|originally|newly|permanently|generally|usually|normally|typically|mainly|primarily|obviously|clearly|simply|personally|fully|strictly|pretty|very|quite|so|super|extremely|especially|particularly|deeply|madly|kinda|sorta|only|lately|legally|technically|full-time|part-time|once again|again)\b/
const BE: Readonly<Record<string, VerbGroup['be']>> = {
  am: 'present',
  is: 'present',
  are: 'present',
  was: 'past',
  were: 'past',
  been: 'been',
  be: 'base',
  being: 'being',
}
const WORD = /^[\p{L}'-]+/u

/** One kind of word in a verb group: its pattern and what it sets; false when it is no auxiliary here. */
type Step = readonly [RegExp, (g: VerbGroup, word: string, low: string) => boolean]

function set<K extends keyof VerbGroup>(g: VerbGroup, key: K, value: VerbGroup[K]): true {
  g[key] = value
  return true
}

const STEPS: readonly Step[] = [
  [NEGATION, (g) => set(g, 'negated', true)],
  [USED_TO, (g) => set(g, 'usedTo', true)],
  [PLAN, (g) => set(g, 'hypothetical', true)],
  [MODAL, (g) => set(g, 'hypothetical', true)],
  [
    ASPECT,
    (g, word) => set(g, 'aspect', /^(?:started|began|begun|resumed)/.test(word) ? 'started' : 'stopped'),
  ],
  [ADVERB, () => true],
  // "have" is an auxiliary only before a participle: "have lived", not "have a dog".
  [
    /^(?:have|has|had)\b/,
    (g, word, low) =>
      isParticiple(nextVerb(low.slice(word.length))) && set(g, 'have', word === 'had' ? 'past' : 'present'),
  ],
  [/^(?:am|is|are|was|were|been|be|being)\b/, (g, word) => set(g, 'be', BE[word] ?? null)],
  [/^(?:do|does|did)\b/, (g, word) => set(g, 'doAux', word === 'did' ? 'past' : 'present')],
]

/** The first word of `text` that is not an adverb or a negation, lower-cased. */
function nextVerb(text: string): string {
  let low = text
  for (;;) {
    low = low.trimStart()
    const skip = NEGATION.exec(low) ?? ADVERB.exec(low)
    if (!skip) return WORD.exec(low)?.[0] ?? ''
    low = low.slice(skip[0].length)
  }
}

/**
 * Reads the verb group at the start of `text` (what follows the subject): "has not
 * been", "no longer", "used to", "wants to"... and returns it with the rest.
 *
 * @example
 * parseVerbGroup("have been living in Paris").rest // 'living in Paris'
 */
export function parseVerbGroup(text: string): VerbGroup {
  const g: VerbGroup = {
    be: null,
    have: null,
    doAux: null,
    negated: false,
    hypothetical: false,
    usedTo: false,
    aspect: null,
    rest: '',
  }
  let at = text.length - text.trimStart().length
  for (;;) {
    const low = text.slice(at).toLowerCase()
    let used = 0
    for (const [re, apply] of STEPS) {
      const m = re.exec(low)
      if (m && apply(g, m[0], low)) {
        used = m[0].length
        break
      }
    }
    if (used === 0) break
    at += used
    at += text.slice(at).length - text.slice(at).trimStart().length
  }
  g.rest = text.slice(at)
  return g
}

/** Polarity of a present state ("lives", "has lived", "is living", "doesn't live", "used to live"), or null. */
export function stateVerdict(verb: string, g: VerbGroup): 1 | -1 | null {
  if (g.hypothetical) return null
  const f = formOf(verb)
  if (g.aspect) return f & ING && !g.negated ? (g.aspect === 'started' ? 1 : -1) : null
  if (g.usedTo) return f & PRESENT && !g.negated && g.be === null && g.have === null ? -1 : null
  const present =
    (f & PRESENT && g.be === null && g.have === null && g.doAux !== 'past') ||
    (f & ING && (g.be === 'present' || (g.be === 'been' && g.have === 'present'))) ||
    (f & PARTICIPLE && g.have === 'present' && g.be === null)
  if (!present) return null
  return g.negated ? -1 : 1
}

/** 1 when a change happened ("moved", "has moved", "before moving" when `event`), else null. */
export function changeVerdict(verb: string, g: VerbGroup, event: boolean): 1 | null {
  if (g.hypothetical || g.negated || g.usedTo || g.aspect) return null
  const f = formOf(verb)
  if (g.be !== null || g.doAux !== null) return null
  if (event && f & ING && g.have === null) return 1
  if (f & PAST && g.have === null) return 1
  if (f & PARTICIPLE && g.have === 'present') return 1
  return null
}

/** Polarity of "is X" ("is", "has been", "isn't", "used to be", "stopped being"), or null. */
export function beVerdict(g: VerbGroup): 1 | -1 | null {
  if (g.hypothetical) return null
  if (g.aspect) return g.be === 'being' && !g.negated ? (g.aspect === 'started' ? 1 : -1) : null
  if (g.usedTo) return g.be === 'base' && !g.negated ? -1 : null
  if (g.be === 'present' || (g.be === 'been' && g.have === 'present')) return g.negated ? -1 : 1
  return null
}

/** 1 for a passive change that happened: "was hired", "got hired" is a change verb instead. */
export function passiveVerdict(g: VerbGroup): 1 | null {
  if (g.hypothetical || g.negated || g.usedTo || g.aspect) return null
  return g.be === 'past' || (g.be === 'been' && g.have === 'present') ? 1 : null
}
