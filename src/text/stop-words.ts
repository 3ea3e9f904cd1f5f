/**
 * Function words that carry no topic. Dropped from keyword queries only:
 * stored text is indexed whole so that quoted phrases still match.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have
  having he her here hers herself him himself his how i if in into is it its itself just me more most
  my myself no nor not now of off on once only or other our ours ourselves out over own same she should
  so some such than that the their theirs them themselves then there these they this those through to
  too under until up very was we were what when where which while who whom why will with would you your
  yours yourself yourselves i'm i've i'd i'll you're you've it's that's what's don't doesn't didn't
  can't won't isn't aren't wasn't weren't let's ever also really much many`.split(/\s+/),
)

/** The words of a query worth matching by keyword; all words if every one is a stop word. */
export function keywordTerms(queryWords: readonly string[]): string[] {
  const kept = queryWords.filter((w) => !STOP_WORDS.has(w))
  return [...new Set(kept.length > 0 ? kept : queryWords)]
}
