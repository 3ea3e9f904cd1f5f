const CLITIC = /^(.+?)(?:'s|'re|'ll|'ve|'d|'m)$/
const NEGATION = /^(.+)n't$/
const IRREGULAR_NEGATION: Readonly<Record<string, string>> = { ca: 'can', wo: 'will', sha: 'shall' }

/**
 * Looks a word up in the vocabulary, trying crude normalisations when the exact
 * form is missing: clitics (`dog's`, `we're`, `don't`), plurals (`parties`,
 * `boxes`, `dogs`) and `-ing` / `-ed` forms (`hiking`, `stopped`, `baked`).
 * The source vectors were trained on text split as `do n't`, `dog 's`, so the
 * stem carries the meaning. Returns the row, or `undefined`.
 */
export function lookupWord(index: ReadonlyMap<string, number>, word: string): number | undefined {
  const exact = index.get(word)
  if (exact !== undefined) return exact
  for (const form of candidateForms(word)) {
    const row = index.get(form)
    if (row !== undefined) return row
  }
  return undefined
}

/** Candidate base forms of `word`, most likely first. */
export function candidateForms(word: string): string[] {
  const negation = NEGATION.exec(word)
  if (negation) {
    const stem = negation[1] as string
    return [IRREGULAR_NEGATION[stem] ?? stem]
  }
  const clitic = CLITIC.exec(word)
  if (clitic) return [clitic[1] as string]
  const forms: string[] = []
  if (word.includes("'")) forms.push(word.replaceAll("'", ''))
  const add = (cut: number, ...endings: string[]) => {
    if (word.length - cut < 2) return
    const stem = word.slice(0, word.length - cut)
    for (const ending of endings) forms.push(stem + ending)
    // stopped -> stop, running -> run
    if (stem.length > 2 && stem.at(-1) === stem.at(-2)) forms.push(stem.slice(0, -1))
  }
  if (word.endsWith('ies')) add(3, 'y')
  else if (word.endsWith('es')) add(2, '', 'e')
  else if (word.endsWith('s') && !word.endsWith('ss')) add(1, '')
  if (word.endsWith('ing')) add(3, '', 'e')
  if (word.endsWith('ied')) add(3, 'y')
  else if (word.endsWith('ed')) add(2, '', 'e')
  return forms
}

/**
 * True for a lone letter, with or without a clitic (`a`, `i`, `i'm`, `s`). The
 * source vocabulary has no one-letter words, so these would otherwise count as
 * rare unknown words and outweigh everything else in a sentence.
 */
export function isLoneLetter(word: string): boolean {
  return /^\p{L}(?:'\p{L}+)?$/u.test(word)
}
