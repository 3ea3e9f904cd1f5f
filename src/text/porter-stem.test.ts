import { describe, expect, it } from 'vitest'
import { seededRandom } from '../bench/seeded-random.js'
import { fts5Streams } from '../testing/fts5-reference.js'
import { porterStem } from './porter-stem.js'

/** The term real FTS5 (`porter unicode61`) indexes for each word, one word per row. */
function fts5Stems(words: readonly string[]): string[] {
  return fts5Streams(words).map((stream, i) => {
    if (stream.length !== 1) throw new Error(`"${words[i]}" is not one token`)
    return stream[0] as string
  })
}

describe('porterStem', () => {
  // Porter's own examples (1980), then where SQLite's version has its say.
  it.each([
    ['step 1a', 'caresses ponies ties caress cats', 'caress poni ti caress cat'],
    ['step 1b', 'feed agreed plastered bled motoring sing', 'feed agre plaster bled motor sing'],
    [
      'step 1b tidying',
      'conflated troubled sized hopping tanned falling hissing fizzed failing filing',
      'conflat troubl size hop tan fall hiss fizz fail file',
    ],
    ['step 1c', 'happy sky', 'happi sky'],
    [
      'step 2',
      'relational conditional rational valenci hesitanci digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti',
      'relat condit ration valenc hesit digit conform radic differ vile analog vietnam predic oper feudal decis hope callous formal sensit sensibl',
    ],
    [
      'step 3',
      'triplicate formative formalize electriciti electrical hopeful goodness',
      'triplic form formal electr electr hope good',
    ],
    [
      'step 4',
      'revival allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment dependent adoption homologou communism activate angulariti homologous effective bowdlerize',
      'reviv allow infer airlin gyroscop adjust defens irrit replac adjust depend adopt homolog commun activ angular homolog effect bowdler',
    ],
    ['step 5', 'probate rate cease controll roll', 'probat rate ceas control roll'],
    [
      'logi, bli, and a whole-word suffix is no suffix',
      'analogies ability eed ing ied tional ated izing',
      'analog abil e ing i tional at iz',
    ],
    ["'y' is a consonant first or after a vowel", 'yed ayed syed bying toying', 'yed ai sy by toi'],
    ['other characters are consonants', 'ßing жжed 侾ation aßes 2nd 3ies', 'ßing жжed 侾ation aß 2nd 3i'],
    [
      '3 to 64 UTF-8 bytes',
      `is ßs ies ${'a'.repeat(61)}ing ${'a'.repeat(62)}ing`,
      `is ß ie ${'a'.repeat(61)} ${'a'.repeat(62)}ing`,
    ],
    ['a doubled last byte', 'a侾ing a𠀀ed a侽ing', 'a\uFFFD a\uFFFD a侽'],
  ])('%s', (_label, words, stems) => {
    const list = words.split(' ')
    expect(list.map(porterStem).join(' ')).toBe(stems)
    expect(fts5Stems(list).join(' ')).toBe(stems)
  })

  it('stems random words as FTS5 does', () => {
    const rng = seededRandom(7)
    const letters = [...'abcdefghijklmnopqrstuvwxyzaeiouyyllsseß侾ж1']
    const suffixes = (
      'ational tional enci anci izer logi bli alli entli eli ousli ization ation ator alism iveness fulness ' +
      'ousness aliti iviti biliti ical ness icate iciti ful ative alize al ance ence er ic able ible ant ement ' +
      'ment ent sion tion ou ism ate iti ous ive ize sses ies ss s eed ed ing at bl iz e ll y'
    ).split(' ')
    const words = Array.from({ length: 20_000 }, () => {
      let word = ''
      for (let n = 1 + rng.int(6); n > 0; n--) word += rng.pick(letters)
      for (let n = rng.int(3); n > 0; n--) word += rng.pick(suffixes)
      return word
    })
    const expected = fts5Stems(words)
    const wrong = words.filter((w, i) => porterStem(w) !== expected[i])
    expect(wrong.slice(0, 10).map((w) => [w, porterStem(w), expected[words.indexOf(w)]])).toEqual([])
  })
})
