import { describe, expect, it } from 'vitest'
import { entityKey, singular } from './entity-key.js'

describe('entityKey', () => {
  it.each([
    { name: 'Alice', want: 'alice' },
    { name: '  New   York ', want: 'new york' },
    { name: "Caroline's", want: 'caroline' },
    { name: 'Caroline’s', want: 'caroline' },
    { name: "The Smiths'", want: 'smiths' },
    { name: 'the LGBTQ support group', want: 'lgbtq support group' },
    { name: 'An adoption agency.', want: 'adoption agency' },
    { name: '"Pottery class"!', want: 'pottery class' },
    { name: 'the', want: 'the' },
    { name: '', want: '' },
  ])('$name -> $want', ({ name, want }) => {
    expect(entityKey(name)).toBe(want)
  })
})

describe('singular', () => {
  it.each([
    { word: 'agencies', want: 'agency' },
    { word: 'classes', want: 'class' },
    { word: 'boxes', want: 'box' },
    { word: 'novels', want: 'novel' },
    { word: 'movies', want: 'movie' },
    { word: 'children', want: 'child' },
    { word: 'class', want: 'class' },
    { word: 'bus', want: 'bus' },
    { word: 'analysis', want: 'analysis' },
    { word: 'news', want: 'news' },
  ])('$word -> $want', ({ word, want }) => {
    expect(singular(word)).toBe(want)
  })
})
