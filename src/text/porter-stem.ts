/** The shortest and longest tokens, in UTF-8 bytes, that FTS5's porter wrapper stems; others pass through. */
const MIN_BYTES = 3
const MAX_BYTES = 64

/** Whether `w[0, n)` meets a rule's condition. */
type Condition = (w: string, n: number) => boolean

interface Rule {
  suffix: string
  replacement: string
  when: Condition
}

const isVowel = (c: number, yIsVowel: boolean) =>
  c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || (yIsVowel && c === 121)

// Porter's m, the number of vowel-consonant runs in w[0, n). 'y' is a vowel after a
// consonant. Any other code unit (digits, non-ASCII) is a consonant, as each of its
// UTF-8 bytes is to SQLite.
function measure(w: string, n: number): number {
  let m = 0
  let prevConsonant = false
  for (let i = 0; i < n; i++) {
    const consonant: boolean = !isVowel(w.charCodeAt(i), prevConsonant)
    if (consonant && !prevConsonant && i > 0) m++
    prevConsonant = consonant
  }
  return m
}

// *v*: a vowel, 'y' counting anywhere but first (as in Porter's rule: a vowel before a 'y' counts anyway).
function hasVowel(w: string, n: number): boolean {
  for (let i = 0; i < n; i++) if (isVowel(w.charCodeAt(i), i > 0)) return true
  return false
}

// *o: the stem ends consonant-vowel-consonant, the last not w, x or y. SQLite looks
// at the last three bytes, so a last character outside ASCII never qualifies.
function endsCvc(w: string, n: number): boolean {
  const last = w.charCodeAt(n - 1)
  if (n < 3 || last >= 0x80 || last === 119 || last === 120 || last === 121) return false
  // Consonant or not, for the last three code units seen.
  let c1 = false
  let c2 = false
  let c3 = false
  for (let i = 0; i < n; i++) {
    c3 = c2
    c2 = c1
    c1 = !isVowel(w.charCodeAt(i), c1)
  }
  return c1 && !c2 && c3
}

const mGt0: Condition = (w, n) => measure(w, n) > 0
const mGt1: Condition = (w, n) => measure(w, n) > 1
const mGt1EndsST: Condition = (w, n) => (w[n - 1] === 's' || w[n - 1] === 't') && measure(w, n) > 1

function rules(when: Condition, spec: string): Rule[] {
  return spec.split(' ').map((pair) => {
    const [suffix = '', replacement = ''] = pair.split(':')
    return { suffix, replacement, when }
  })
}

// Rules grouped by their suffix's next-to-last letter, order kept, as SQLite switches on it.
function byPenultimate(...lists: Rule[][]): Rule[][] {
  const index: Rule[][] = []
  for (const rule of lists.flat()) {
    const key = rule.suffix.charCodeAt(rule.suffix.length - 2)
    index[key] = [...(index[key] ?? []), rule]
  }
  return index
}

const STEP2 = byPenultimate(
  rules(
    mGt0,
    'ational:ate tional:tion enci:ence anci:ance izer:ize logi:log bli:ble alli:al entli:ent eli:e ousli:ous ' +
      'ization:ize ation:ate ator:ate alism:al iveness:ive fulness:ful ousness:ous aliti:al iviti:ive biliti:ble',
  ),
)
const STEP3 = byPenultimate(rules(mGt0, 'ical:ic ness: icate:ic iciti:ic ful: ative: alize:al'))
const STEP4 = byPenultimate(
  rules(mGt1, 'al: ance: ence: er: ic: able: ible: ant: ement: ment: ent:'),
  rules(mGt1EndsST, 'ion:'),
  rules(mGt1, 'ou: ism: ate: iti: ous: ive: ize:'),
)
const STEP1B2 = byPenultimate(rules(() => true, 'at:ate bl:ble iz:ize'))

// The first rule whose suffix ends `w` after a non-empty stem decides: applied if its
// condition holds, and no other rule of the step is tried either way.
function applyFirst(w: string, index: Rule[][]): string {
  for (const { suffix, replacement, when } of index[w.charCodeAt(w.length - 2)] ?? []) {
    if (w.length <= suffix.length || !w.endsWith(suffix)) continue
    const n = w.length - suffix.length
    return when(w, n) ? w.slice(0, n) + replacement : w
  }
  return w
}

function utf8Length(token: string): number {
  let bytes = 0
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i)
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3
  }
  return bytes
}

// Step 1a: sses -> ss, ies -> i, ss -> ss, s -> ''.
function step1a(w: string): string {
  if (!w.endsWith('s')) return w
  if (w.endsWith('es'))
    return w.slice(0, (w.length > 4 && w.endsWith('sses')) || (w.length > 3 && w.endsWith('ies')) ? -2 : -1)
  return w.endsWith('ss') ? w : w.slice(0, -1)
}

// Step 1b: eed -> ee, ed and ing go when the stem has a vowel, then the stem is tidied.
function step1b(w: string): string {
  let n: number
  if (w.length > 3 && w.endsWith('eed')) return mGt0(w, w.length - 3) ? w.slice(0, -1) : w
  if (w.length > 2 && w.endsWith('ed')) n = w.length - 2
  else if (w.length > 3 && w.endsWith('ing')) n = w.length - 3
  else return w
  if (!hasVowel(w, n)) return w
  const stem = w.slice(0, n)
  // Each replacement of this step lengthens the stem, so a change shows it applied.
  const tidied = applyFirst(stem, STEP1B2)
  if (tidied !== stem) return tidied
  return undouble(stem) ?? (measure(stem, n) === 1 && endsCvc(stem, n) ? `${stem}e` : stem)
}

// A doubled final consonant loses one: SQLite compares the last two bytes, so a character
// whose last two UTF-8 bytes are equal (U+4FBE, E4 BE BE) loses its last byte, leaving
// invalid UTF-8 that better-sqlite3 reads as U+FFFD. No later rule can match after that.
function undouble(w: string): string | undefined {
  const units = w.length > 1 && isLowSurrogate(w.charCodeAt(w.length - 1)) ? 2 : 1
  const last = w.codePointAt(w.length - units)
  if (last === undefined) return undefined
  if (last < 0x80) {
    const doubled = !isVowel(last, false) && last !== 108 && last !== 115 && last !== 122
    return doubled && last === w.charCodeAt(w.length - 2) ? w.slice(0, -1) : undefined
  }
  if (last < 0x800 || ((last >> 6) & 0x3f) !== (last & 0x3f)) return undefined
  return `${w.slice(0, -units)}\ufffd`
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff

/**
 * Stems one token as SQLite FTS5's `porter` tokenizer wrapper does, for the lower-cased
 * tokens `unicode61` emits: the classic Porter (1980) algorithm as SQLite writes it
 * (`bli` -> `ble` and `logi` -> `log` from Porter's later version; a suffix must leave a
 * non-empty stem, so `eed` loses only `ed`). Tokens shorter than 3 or longer than 64
 * UTF-8 bytes come back unchanged; digits and characters outside ASCII are consonants.
 *
 * @example porterStem('relational') // 'relat'
 */
export function porterStem(token: string): string {
  const bytes = utf8Length(token)
  if (bytes < MIN_BYTES || bytes > MAX_BYTES) return token
  let w = step1b(step1a(token))
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) w = `${w.slice(0, -1)}i`
  w = applyFirst(applyFirst(applyFirst(w, STEP2), STEP3), STEP4)
  if (w.endsWith('e')) {
    const m = measure(w, w.length - 1)
    if (m > 1 || (m === 1 && !endsCvc(w, w.length - 1))) w = w.slice(0, -1)
  }
  if (w.endsWith('ll') && measure(w, w.length - 1) > 1) w = w.slice(0, -1)
  return w
}
