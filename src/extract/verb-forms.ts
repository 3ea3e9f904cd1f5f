/**
 * Just enough English verb morphology to turn "I take" into "Caroline takes": the
 * third-person singular of a present-tense verb, and which words are past forms or
 * modals that stay as they are.
 */

/** Past tenses and participles that do not end in -ed. */
const IRREGULAR_PAST: ReadonlySet<string> = new Set(
  `was were had did done made went gone got gotten saw seen took taken came gave given knew known
  thought told said found left kept felt became begun began brought bought ran sat stood lost paid met
  led heard built sent spent won taught caught fell fallen drew drawn grew grown threw thrown flew flown
  drove driven rode ridden ate eaten swam swum sang sung spoke spoken broke broken chose chosen wore
  worn hid hidden forgot forgotten wrote written held meant slept woke woken sold understood fought
  shook shaken stole stolen froze frozen bit bitten lent lit dug hung struck swore sworn tore torn
  bore born blew blown fed fled sought sank sunk rang rung shot shown mistaken forgiven forgave
  overcame withdrew became been`.split(/\s+/),
)

/** Verbs whose past is spelled like the present: past when the sentence is about the past. */
const SAME_IN_PAST: ReadonlySet<string> = new Set(
  'put cut hit let set quit read hurt cost spread bet shut beat cast fit split upset burst'.split(' '),
)

/** -eed words that are past tenses; other -eed verbs ("need", "feed") are present. */
const EED_PAST: ReadonlySet<string> = new Set('agreed disagreed freed guaranteed decreed refereed'.split(' '))

/** Modals and negated auxiliaries: the same for every person. */
const INVARIANT: ReadonlySet<string> = new Set(
  `can could will would shall should may might must ought can't cannot couldn't won't wouldn't
  shouldn't mustn't mightn't didn't wasn't ain't used`.split(/\s+/),
)

const SPECIAL: Readonly<Record<string, string>> = {
  am: 'is',
  be: 'is',
  have: 'has',
  "haven't": "hasn't",
  do: 'does',
  "don't": "doesn't",
  go: 'goes',
  were: 'was',
  "weren't": "wasn't",
  wanna: 'wants to',
  gotta: 'has to',
}

/** -ly words that are verbs, not adverbs. */
const LY_VERBS: ReadonlySet<string> = new Set(
  'apply reply supply comply multiply imply bully rally tally ally fly rely'.split(' '),
)

/** Adverbs that sit between a subject and its verb ("I really love"). */
const ADVERBS: ReadonlySet<string> = new Set(
  `also just still always never often sometimes usually even only already ever rather kinda sorta
  almost mostly totally soon then now too once again not`.split(/\s+/),
)

/** True for a word that may stand between a subject and its verb: "really", "also", "just". */
export function isAdverb(word: string): boolean {
  const w = word.toLowerCase()
  return ADVERBS.has(w) || (w.length > 4 && w.endsWith('ly') && !LY_VERBS.has(w))
}

/** True for a past tense or participle ("went", "adopted", "been"); `past` settles "read", "put". */
export function isPastForm(word: string, past = false): boolean {
  const w = word.toLowerCase()
  if (IRREGULAR_PAST.has(w)) return true
  if (SAME_IN_PAST.has(w)) return past
  if (w.endsWith('eed')) return EED_PAST.has(w)
  return w.length > 3 && w.endsWith('ed')
}

/**
 * The form a verb takes after a third-person singular subject, for the verb that
 * followed "I": "take" -> "takes", "don't" -> "doesn't", "study" -> "studies"; past
 * forms and modals come back unchanged ("went", "can").
 *
 * @example
 * thirdPersonSingular('watch') // 'watches'
 */
export function thirdPersonSingular(verb: string, options: { past?: boolean } = {}): string {
  const w = verb.toLowerCase().replace('’', "'")
  const special = SPECIAL[w]
  if (special !== undefined) return special
  if (INVARIANT.has(w) || isPastForm(w, options.past) || !/^[a-z]+$/.test(w)) return verb
  if (/(?:s|sh|ch|x|z|o)$/.test(w)) return `${verb}es`
  if (/[^aeiou]y$/.test(w)) return `${verb.slice(0, -1)}ies`
  return `${verb}s`
}
