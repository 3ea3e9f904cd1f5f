import { PHRASE_STOPS } from './claim-words.js'

/** Words taken from the start of a text, in their original case, and what follows them. */
export interface Phrase {
  words: string[]
  after: string
}

const WORD = /^\s*([\p{L}\p{N}][\p{L}\p{N}\p{M}'&.+-]*|&)/u
/** Lower-case words that may sit inside a name: "Isle of Man", "Rio de Janeiro", "Bank of the West". */
const CONNECTORS = new Set(
  'of de du des la le los las del da di van von der den upon on am y the for &'.split(' '),
)

const bare = (word: string) => word.toLowerCase().replace(/\.+$/, '')
const isCapital = (word: string) => /^[\p{Lu}\p{N}]/u.test(word)

function wordsOf(text: string): Array<{ word: string; end: number }> {
  const out: Array<{ word: string; end: number }> = []
  let at = 0
  for (;;) {
    const m = WORD.exec(text.slice(at))
    if (!m) return out
    at += m[0].length
    out.push({ word: m[1] ?? '', end: at })
    // A dot that ends a word ends the phrase unless it is an initial or title ("St. Louis").
    if (
      /\.$/.test(m[1] ?? '') &&
      !/^(?:(?:\p{L}\.)+|st\.|mt\.|ft\.|dr\.|mr\.|mrs\.|ms\.)$/iu.test(m[1] ?? '')
    )
      return out
  }
}

/**
 * Up to `max` words from the start of `text`, stopping before a stop word, a number
 * (after the first word) or punctuation. Null when nothing is taken or the phrase runs
 * on past `max` words: a long phrase is not a value we can trust.
 *
 * @example
 * plainPhrase('paris with my sister', 3) // { words: ['paris'], after: ' with my sister' }
 */
export function plainPhrase(
  text: string,
  max: number,
  stops: ReadonlySet<string> = PHRASE_STOPS,
): Phrase | null {
  const all = wordsOf(text)
  let n = 0
  while (n < all.length) {
    const w = bare(all[n]?.word ?? '')
    if ((n > 0 || w !== 'the') && stops.has(w)) break
    if (n > 0 && /^\d/.test(w)) break
    n++
  }
  if (n === 0 || n > max) return null
  return { words: all.slice(0, n).map((w) => w.word), after: text.slice(all[n - 1]?.end ?? 0) }
}

/**
 * A capitalised name at the start of `text`: an optional "the", then capitalised words,
 * with lower-case connectors only between capitals ("Bank of America"). Null when the
 * first word is not capitalised or the name is longer than `max` words.
 *
 * @example
 * properPhrase('the University of Toronto since 2019', 5) // { words: ['University', 'of', 'Toronto'], ... }
 */
export function properPhrase(text: string, max: number): Phrase | null {
  const all = wordsOf(text)
  let from = 0
  if (bare(all[0]?.word ?? '') === 'the') from = 1
  if (!isCapital(all[from]?.word ?? '') || all[from]?.word === 'I') return null
  let n = from + 1
  while (n < all.length) {
    const w = all[n]?.word ?? ''
    if (isCapital(w) && w !== 'I') n++
    else if (CONNECTORS.has(w) && /^\p{Lu}/u.test(all[n + 1]?.word ?? '') && all[n + 1]?.word !== 'I') n += 2
    else break
  }
  if (n - from > max) return null
  return { words: all.slice(from, n).map((w) => w.word), after: text.slice(all[n - 1]?.end ?? 0) }
}

/** True when a value is followed by more of a list ("Paris and Berlin", "Paris or Rome"). */
export function continuesList(after: string): boolean {
  return /^\s*(?:,\s*)?(?:and|or|&|\/|nor)\s+\S/i.test(after) || /^\s*\//.test(after)
}

/** True when the phrase is only a possessive modifier of what follows: "Paris's suburbs", "Paris' cafes". */
export function modifiesNext(p: Phrase): boolean {
  const last = p.words[p.words.length - 1] ?? ''
  return /^'/.test(p.after) || (/'s?$/.test(last) && /^\s+\p{Ll}/u.test(p.after))
}
