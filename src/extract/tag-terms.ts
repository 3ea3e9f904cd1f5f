import nlp from 'compromise/two'

/** One word as compromise tagged it, with where it sits in the original text. */
export interface TaggedTerm {
  text: string
  /** Offset of the first character in the input. */
  start: number
  /** Offset just past the last character. */
  end: number
  /** What follows the word up to the next one: spaces, punctuation. */
  post: string
  tags: ReadonlySet<string>
  /** True for the first word of a sentence, where capitals say nothing about names. */
  sentenceStart: boolean
}

/**
 * The compute steps to run after `nlp.tokenize` (which already ran alias, machine and
 * contractions). The post-tagger is left out on purpose: its correction rules take about
 * three quarters of compromise's parse time, and on conversational text they rarely change
 * the person, place, organisation and noun tags read here; dates come from our own parser.
 * If a future compromise renames its steps, fall back to the full pipeline.
 */
const HOOKS: readonly string[] = (() => {
  const all = nlp.hooks()
  if (!all.includes('preTagger')) return all
  const done = new Set(['alias', 'machine', 'contractions', 'postTagger'])
  return all.filter((hook) => !done.has(hook))
})()

/** Splits text into tagged words (compromise's lexicon and pre-tagger), keeping offsets. */
export function tagTerms(text: string): TaggedTerm[] {
  const doc = nlp.tokenize(text).compute([...HOOKS])
  const out: TaggedTerm[] = []
  let offset = 0
  for (const sentence of doc.document) {
    let first = true
    for (const term of sentence) {
      const start = offset + term.pre.length
      offset = start + term.text.length + term.post.length
      // Contractions expand into extra terms with no text of their own ("we'd" -> we + would).
      if (term.text === '') continue
      const tags = term.tags ?? new Set<string>()
      out.push({
        text: term.text,
        start,
        end: start + term.text.length,
        post: term.post,
        tags,
        sentenceStart: first,
      })
      first = false
    }
  }
  return out
}
