const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu

/**
 * Splits text into lower-cased words: letters and digits, keeping inner
 * apostrophes ("don't"). The one tokenizer behind term counts, the offline
 * embedder and keyword queries, so all three agree on what a word is.
 */
export function words(text: string): string[] {
  const out: string[] = []
  for (const match of text.toLowerCase().matchAll(WORD)) out.push(match[0].replace('’', "'"))
  return out
}
