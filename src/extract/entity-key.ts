const ARTICLE = /^(?:the|a|an)\s+/
const POSSESSIVE = /'s?$/

/**
 * The identity of an entity within a scope: lower-case, trimmed, whitespace collapsed,
 * a trailing possessive and leading articles removed. `The Smiths'` and `the smiths` agree.
 *
 * @example
 * entityKey("  Caroline's ") // 'caroline'
 */
export function entityKey(name: string): string {
  let key = name.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ')
  key = key.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}']+$/gu, '').replace(POSSESSIVE, '')
  while (ARTICLE.test(key)) key = key.replace(ARTICLE, '')
  return key.replace(/'+$/, '').trim()
}

const IRREGULAR: Readonly<Record<string, string>> = {
  children: 'child',
  men: 'man',
  women: 'woman',
  people: 'person',
  feet: 'foot',
  teeth: 'tooth',
  mice: 'mouse',
  geese: 'goose',
  wives: 'wife',
  knives: 'knife',
  lives: 'life',
  leaves: 'leaf',
}

/** Nouns that end in -ie, so their plural is not -y -> -ies. */
const IE_NOUNS: ReadonlySet<string> = new Set(
  'movie cookie selfie zombie hippie pie tie lie rookie brownie smoothie goalie hoodie veggie bestie auntie sweetie newbie calorie prairie'.split(
    ' ',
  ),
)

/**
 * A crude singular for an English plural noun: enough to make `adoption agencies` and
 * `adoption agency` share a key. Words that do not look plural come back unchanged.
 */
export function singular(word: string): string {
  const irregular = IRREGULAR[word]
  if (irregular) return irregular
  if (word.length <= 3 || !word.endsWith('s') || /(?:ss|us|is|ics|ous|news)$/.test(word)) return word
  if (/[^aeiou]ies$/.test(word) && !IE_NOUNS.has(word.slice(0, -1))) return `${word.slice(0, -3)}y`
  if (/(?:sh|ch|x|z|ss)es$/.test(word)) return word.slice(0, -2)
  return word.slice(0, -1)
}
