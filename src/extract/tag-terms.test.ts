import { describe, expect, it } from 'vitest'
import { tagTerms } from './tag-terms.js'

describe('tagTerms', () => {
  it.each([
    { text: 'Hey Mel!  I went to the LGBTQ support group yesterday.' },
    { text: "we'd've gone, but I can't — y'all know why." },
    { text: '  leading space and “curly quotes” 🍣 emoji\n\nnew paragraph' },
    { text: 'Dr. Patel moved to São Paulo in 2021...' },
  ])('offsets point at each word: $text', ({ text }) => {
    const terms = tagTerms(text)
    expect(terms.length).toBeGreaterThan(3)
    for (const t of terms) expect(text.slice(t.start, t.end)).toBe(t.text)
    expect(terms.every((t, i) => i === 0 || t.start >= (terms[i - 1]?.end ?? 0))).toBe(true)
  })

  it.each([
    { text: 'Caroline moved to Boston.', word: 'Caroline', tag: 'Person' },
    { text: 'my friend alice lives in seattle', word: 'seattle', tag: 'Place' },
    { text: 'She works at Microsoft.', word: 'Microsoft', tag: 'Organization' },
    { text: 'I joined a pottery class.', word: 'pottery', tag: 'Noun' },
  ])('tags $word in "$text" as $tag', ({ text, word, tag }) => {
    expect(
      tagTerms(text)
        .find((t) => t.text === word)
        ?.tags.has(tag),
    ).toBe(true)
  })

  it('marks where sentences start', () => {
    const starts = tagTerms('Mel paints. Caroline reads! ok').filter((t) => t.sentenceStart)
    expect(starts.map((t) => t.text)).toEqual(['Mel', 'Caroline', 'ok'])
  })
})
