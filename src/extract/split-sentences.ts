/** Titles and Latin abbreviations: a dot after them never ends a sentence ("Dr. Lee", "e.g. pasta"). */
const NEVER_ENDS: ReadonlySet<string> = new Set(
  `dr mr mrs ms mx prof rev fr st mt ft gen col capt lt sgt hon e.g i.e eg ie vs cf approx est
  fig vol pp ca`.split(/\s+/),
)

/** Abbreviations that may end a sentence: only a capital after them starts a new one. */
const MAY_END: ReadonlySet<string> = new Set(
  `etc inc ltd co corp jr sr dept univ a.m p.m am pm jan feb mar apr jun jul aug sep sept oct nov
  dec mon tue tues wed thu thur thurs fri sat sun`.split(/\s+/),
)

/**
 * A run of sentence-final punctuation with any closing quotes, a run of emoji, or a
 * line break. Only followed by a space or the end: "3.5" and "e.g." inside a word are
 * not candidates.
 */
const CANDIDATE =
  /[.!?…]+["'”’)\]]*(?=\s|$)|(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f)+(?=\s|$)|\n/gu
const LAST_WORD = /[\p{L}\p{N}.'’]*$/u
const FIRST_VISIBLE = /\S/u

function isBoundary(text: string, index: number, token: string): boolean {
  if (token === '\n' || /[!?]/.test(token)) return true
  const next = FIRST_VISIBLE.exec(text.slice(index + token.length, index + token.length + 8))?.[0]
  const lowerNext = next !== undefined && /\p{Ll}/u.test(next)
  // Emoji and ellipses end a sentence unless the text runs on in lower case ("so... maybe").
  if (!token.startsWith('.') || token.startsWith('..')) return !lowerNext
  const word = LAST_WORD.exec(text.slice(Math.max(0, index - 24), index))?.[0] ?? ''
  const lower = word.toLowerCase()
  if (NEVER_ENDS.has(lower) || (/^\p{Lu}$/u.test(word) && word !== 'I')) return false // "Dr. Lee", "J. K."
  if (lower === 'no' && next !== undefined && /\d/.test(next)) return false // "No. 5"
  if (MAY_END.has(lower) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) {
    return next === undefined || /\p{Lu}/u.test(next)
  }
  return true
}

/**
 * Splits a chat message into sentences, keeping each one's final punctuation. Breaks
 * after ".", "!", "?", "..." (and runs like "!!!" or "?!"), after emoji followed by a
 * new sentence, and at line breaks; not after abbreviations ("Dr.", "e.g.", "a.m."),
 * initials or inside numbers ("3.5").
 *
 * @example
 * splitSentences('Hey Mel! Dr. Lee said I need 2.5 hours of sleep... crazy 😅 Anyway.')
 * // ['Hey Mel!', 'Dr. Lee said I need 2.5 hours of sleep... crazy 😅', 'Anyway.']
 */
export function splitSentences(text: string): string[] {
  const out: string[] = []
  let start = 0
  const push = (end: number) => {
    const sentence = text.slice(start, end).trim()
    if (sentence !== '') out.push(sentence)
    start = end
  }
  for (const match of text.matchAll(CANDIDATE)) {
    if (isBoundary(text, match.index, match[0])) push(match.index + match[0].length)
  }
  push(text.length)
  return out
}
