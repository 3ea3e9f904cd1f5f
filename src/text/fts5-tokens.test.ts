import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { corpusLayout, corpusMemories } from '../bench/scale-corpus.js'
import { type Random, seededRandom } from '../bench/seeded-random.js'
import { fts5Streams } from '../testing/fts5-reference.js'
import { fts5Stem, fts5Tokens, fts5Words } from './fts5-tokens.js'

/** Documents whose tokens differ from FTS5's (the first few), and how many tokens were compared. */
function compare(docs: readonly string[]): { tokens: number; mismatches: unknown[] } {
  const expected = fts5Streams(docs)
  const mismatches: unknown[] = []
  let tokens = 0
  docs.forEach((doc, i) => {
    const ours = fts5Tokens(doc)
    tokens += ours.length
    if (JSON.stringify(ours) !== JSON.stringify(expected[i]) && mismatches.length < 5)
      mismatches.push({ doc, ours, fts5: expected[i] })
  })
  return { tokens, mismatches }
}

describe('fts5Tokens', () => {
  it.each([
    ['apostrophes split', "Alice's keys", ['alic', 's', 'kei']],
    ['a curly apostrophe too', 'Alice’s keys', ['alic', 's', 'kei']],
    ['hyphens split', 'well-known e-mail', ['well', 'known', 'e', 'mail']],
    ['digits stay with letters', '3pm 10:30 3.14 1,000 v2', ['3pm', '10', '30', '3', '14', '1', '000', 'v2']],
    ['dates split at punctuation', '2024-05-08T12:00Z', ['2024', '05', '08t12', '00z']],
    ['underscores split', 'foo_bar __init__', ['foo', 'bar', 'init']],
    ['diacritics go', 'café Ångström naïve Zürich brûlée', ['cafe', 'angstrom', 'naiv', 'zurich', 'brule']],
    ['letters that are not accented ones stay', 'Ærø Øresund Łódź þorn', ['ærø', 'øresund', 'łodz', 'þorn']],
    ['combining accents vanish inside a token only', 'cafe\u0301 \u0301abc', ['cafe', 'abc']],
    ['other combining marks separate', 'a\u0332b हिन्दी', ['a', 'b', 'ह', 'न', 'द']],
    ["SQLite's own case folding", 'İstanbul Straße STRASSE ẞ ǅ', ['istanbul', 'straß', 'strass', 'ß', 'ǆ']],
    ['no final sigma', 'ΣΊΣΥΦΟΣ Привет МИР', ['σίσυφοσ', 'привет', 'мир']],
    ['scripts newer than its Unicode data are not folded', 'Ⴀ ᲐᲑᲒ Ꭰ', ['ⴀ', 'ᲐᲑᲒ', 'Ꭰ']],
    [
      'emoji separate, but not a skin tone (unassigned to SQLite)',
      'I ❤️ NY 🎉party 👍🏽',
      ['i', 'ny', 'parti', '🏽'],
    ],
    ['CJK runs are one token', '東京タワー 2024年 한국어', ['東京タワー', '2024年', '한국어']],
    ['private use', '\uE000abc', ['\uE000abc']],
    ['fullwidth, numerals and signs', 'ＡＢＣ Ⅻ K Å ² ½ ①', ['ａｂｃ', 'ⅻ', 'k', 'a', '²', '½', '①']],
    ['astral letters, Deseret folded', '𐐀𐐁 𝐀𝐁𝐂', ['𐐨𐐩', '𝐀𝐁𝐂']],
    ['lone surrogates and NUL separate', 'a\uD800b c\uDC00 d\uD83D e\u0000f', ['a', 'b', 'c', 'd', 'e', 'f']],
    ['invisible format characters separate', 'x\u200By x\u00ADy x\u200Dy', ['x', 'y', 'x', 'y', 'x', 'y']],
    ['under 3 bytes after folding, no stemming', 'as is ïs ßs ies', ['as', 'is', 'is', 'ß', 'ie']],
    ["SQLite's 'y'", 'happy sky say toy syzygy', ['happi', 'sky', 'sai', 'toi', 'syzygi']],
    ['eed, ed and ing', 'eed feed agreed bled hopping', ['e', 'feed', 'agre', 'bled', 'hop']],
    ['accented words are stemmed', 'Müllers crêpes señoras Žižeks', ['muller', 'crepe', 'senora', 'zizek']],
    [
      'stemming up to 64 bytes (ж is 2)',
      `${'ж'.repeat(30)}oing ${'ж'.repeat(30)}aoing`,
      [`${'ж'.repeat(30)}o`, `${'ж'.repeat(30)}aoing`],
    ],
    ['a byte SQLite cuts out of a character', 'a侾ing ya𠀀ed', ['a\uFFFD', 'ya\uFFFD']],
    ['nothing', ' \t\n-—…', []],
  ])('%s', (_label, text, tokens) => {
    expect(fts5Tokens(text)).toEqual(tokens)
    expect(fts5Streams([text])[0]).toEqual(tokens)
  })

  it('is fts5Words stemmed one by one', () => {
    const text = "Alice's Café reopened, happily: 2024-05-08"
    expect(fts5Words(text)).toEqual(['alice', 's', 'cafe', 'reopened', 'happily', '2024', '05', '08'])
    expect(fts5Words(text).map(fts5Stem)).toEqual(fts5Tokens(text))
  })

  it('classifies and folds every code point as FTS5 does', () => {
    // Each code point starts a token, ends one and sits inside one.
    const docs: string[] = []
    for (let from = 0; from <= 0x10ffff; from += 4096) {
      const probes: string[] = []
      for (let cp = from; cp < from + 4096; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue
        const c = String.fromCodePoint(cp)
        probes.push(`${c} z${c}q`)
      }
      docs.push(probes.join(' '))
    }
    expect(compare(docs).mismatches).toEqual([])
  })

  it('matches FTS5 on the generated scale corpus', () => {
    const docs = [...corpusMemories(corpusLayout({ size: 5000, seed: 1 }))].map((m) => m.content)
    const { tokens, mismatches } = compare(docs)
    expect(mismatches).toEqual([])
    expect(tokens).toBeGreaterThan(50_000)
  })

  const locomo = join(import.meta.dirname, '../../../shared/data/locomo/locomo10.json')
  it.skipIf(!existsSync(locomo))(
    'matches FTS5 on every string of LoCoMo (skipped when locomo10.json is absent)',
    () => {
      const docs: string[] = []
      const walk = (value: unknown): void => {
        if (typeof value === 'string') docs.push(value)
        else if (Array.isArray(value)) value.forEach(walk)
        else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk)
      }
      walk(JSON.parse(readFileSync(locomo, 'utf8')))
      const { tokens, mismatches } = compare(docs)
      expect(mismatches).toEqual([])
      expect(docs.length).toBeGreaterThan(30_000)
      expect(tokens).toBeGreaterThan(300_000)
    },
  )

  it('matches FTS5 on random text of many scripts', () => {
    const docs = Array.from({ length: 8000 }, (_, i) => randomText(seededRandom(i + 1)))
    const { tokens, mismatches } = compare(docs)
    expect(mismatches).toEqual([])
    expect(tokens).toBeGreaterThan(40_000)
  })
})

const span = (from: number, to: number) => (rng: Random) =>
  String.fromCodePoint(from + rng.int(to - from + 1))
const oneOf = (list: string) => (rng: Random) => rng.pick([...list])
const SOURCES: ((rng: Random) => string)[] = [
  span(0x61, 0x7a),
  span(0x41, 0x5a),
  span(0x30, 0x39),
  oneOf(' \t\n.,;:!?\'"-_/()[]{}@#&*+=<>|~`^%$\\'),
  span(0xa0, 0xff),
  span(0x100, 0x24f),
  span(0x370, 0x3ff),
  span(0x400, 0x4ff),
  span(0x300, 0x36f),
  span(0x1e00, 0x1eff),
  span(0x2000, 0x206f),
  span(0x3040, 0x30ff),
  span(0x4e00, 0x9fff),
  span(0xac00, 0xd7a3),
  span(0x1f300, 0x1faff),
  oneOf('\u200d\ufe0f\u00ad\ufffd\uffff'),
  span(0xd800, 0xdfff),
  span(0, 0x10ffff),
  // Porter's suffixes, and characters whose last two UTF-8 bytes are equal, for stemming.
  oneOf('yies'),
  (rng) =>
    rng.pick(['ing', 'ed', 'eed', 'ational', 'ization', 'iveness', 'ement', 'ness', 'ful', 'ly', 'll', 'e']),
  oneOf('侾倀𠀀'),
]

/** Up to about 80 characters in runs drawn from one source at a time, often spaced. */
function randomText(rng: Random): string {
  let text = ''
  const length = 1 + rng.int(80)
  while (text.length < length) {
    const source = rng.pick(SOURCES)
    for (let run = 1 + rng.int(6); run > 0; run--) text += source(rng)
    if (rng.int(2) === 0) text += ' '
  }
  return text
}
