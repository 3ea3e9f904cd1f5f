import { splitSentences } from '../extract/split-sentences.js'

/** A clause of a sentence and the conjunction (or ',' for other marks) that joined it to the one before ('' first). */
export interface Segment {
  text: string
  joiner: string
}

const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bcan(?:'t|not| not)\s+stand\b/gi, 'loathe'],
  [/\b(?:i'm|im)\b/gi, 'I am'],
  [/\b(?:i've|ive)\b/gi, 'I have'],
  [/\b(he|she|it|that|there|what|who|where)'s\b/gi, '$1 is'],
  [/\bwo(?:n't|nt)\b/gi, 'will not'],
  [/\bca(?:n't|nt)\b|\bcannot\b/gi, 'can not'],
  [/\bain't\b/gi, 'is not'],
  [/\b(do|does|did|is|are|was|were|have|has|had|could|would|should|must|need)(?:n't|nt)\b/gi, '$1 not'],
  [/(\p{L})'re\b/giu, '$1 are'],
  [/(\p{L})'ve\b/giu, '$1 have'],
  [/(\p{L})'ll\b/giu, '$1 will'],
  [/(\p{L})'d\b/giu, '$1 would'],
  [/\bgonna\b/gi, 'going to'],
  [/\bwanna\b/gi, 'want to'],
  [/\bgotta\b/gi, 'got to'],
]

/** Cheap pre-check: most sentences have nothing to expand. */
const MAY_CONTRACT = /'|\b(?:im|ive|wont|cant|cannot|gonna|wanna|gotta|\p{L}+nt)\b/iu

/** Expands contractions ("I'm" -> "I am", "doesn't" -> "does not") so that patterns see whole words. */
export function expandContractions(text: string): string {
  if (!MAY_CONTRACT.test(text)) return text
  let out = text
  for (const [pattern, replacement] of CONTRACTIONS) out = out.replace(pattern, replacement)
  return out
}

const I_FORMS: ReadonlySet<string> = new Set(['I', "I'm", "I've", "I'd", "I'll"])

/**
 * Whether the text's capitals carry meaning: some word other than a sentence's first
 * and "I" is capitalised, and the text is not shouted in capitals. Only then does a
 * lower-case word fail to be a name ("works at the hospital" is not an employer).
 */
export function isCased(sentences: readonly string[]): boolean {
  const letters = sentences.join(' ').replace(/[^\p{L}]/gu, '')
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length
  if (letters.length >= 8 && upper > letters.length * 0.6) return false
  return sentences.some((s) =>
    s
      .split(/\s+/)
      .slice(1)
      .some((w) => /^["'(“‘]?\p{Lu}/u.test(w) && !I_FORMS.has(w.replace(/[^\p{L}']/gu, ''))),
  )
}

/** True when a sentence asks rather than tells: its last visible character is "?". */
export function isQuestion(sentence: string): boolean {
  return /\?[!?.]*(?:[\s"'”’)\]\p{Extended_Pictographic}]|\u200d|\ufe0f)*$/u.test(sentence)
}

/** Normalises quotes, drops quoted passages and splits into sentences, questions left out. */
export function statements(text: string): string[] {
  const clean = text
    .normalize('NFKC')
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    // Quoted words are someone else's: "She said "I live in Paris"" says nothing about the speaker.
    .replace(/"[^"\n]*"/g, ' ; ')
    .replace(/[ \t]+/g, ' ')
    .replace(/,\s*(D\.?C\.?)(?=\W|$)/g, ' $1')
  return splitSentences(clean).filter((s) => !isQuestion(s))
}

const SEPARATOR =
  /(\s*[;,"]\s*(?:(?:and|or|nor|but|before|after|then|because|although|though|while|until)\s+)?|\s+[—–-]+\s+|\s+(?:and(?!\s+others\b)|or|nor|but|while|whereas|although|though|because|cause|before|after|then|until|till|plus)\s+)/iu

/**
 * Splits a sentence at commas, semicolons, dashes and conjunctions, keeping the joiner
 * of each piece. Pieces that do not make a clause of their own ("Procter and Gamble")
 * are glued back by the caller.
 *
 * @example
 * splitSegments('I live in Paris, and work at Google')
 * // [{ text: 'I live in Paris', joiner: '' }, { text: 'work at Google', joiner: 'and' }]
 */
export function splitSegments(sentence: string): Segment[] {
  const parts = sentence.replace(/[.!…]+$/u, '').split(SEPARATOR)
  const out: Segment[] = []
  let joiner = ''
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? ''
    if (i % 2 === 1) {
      joiner = /\p{L}+$/u.exec(part.trim().toLowerCase())?.[0] ?? ','
      continue
    }
    if (part.trim() !== '') out.push({ text: part.trim(), joiner })
  }
  return out
}
