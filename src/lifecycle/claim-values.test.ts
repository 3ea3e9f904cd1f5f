import { describe, expect, it } from 'vitest'
import { normalisePlace, placeAttribute } from './claim-places.js'
import {
  favouriteAttribute,
  normaliseOrg,
  objectList,
  objectValue,
  orgValue,
  personValue,
  placeValue,
} from './claim-values.js'

describe('normalisePlace', () => {
  it.each([
    ['Paris', 'paris'],
    ['paris.', 'paris'],
    ['São Paulo', 'sao paulo'],
    ['NYC', 'new york'],
    ['New York City', 'new york'],
    ['the U.S.', 'united states'],
    ['USA', 'united states'],
    ['the UK', 'united kingdom'],
    ['St. Louis', 'st louis'],
    ['Washington D.C.', 'washington dc'],
    ['the city of Boston', 'boston'],
    ['the Netherlands', 'netherlands'],
  ])('%s -> %s', (name, want) => {
    expect(normalisePlace(name)).toBe(want)
  })
})

describe('placeAttribute', () => {
  it.each([
    ['paris', 'residence'],
    ['france', 'residence:country'],
    ['united states', 'residence:country'],
    ['texas', 'residence:region'],
    ['new york', 'residence'],
  ])('%s -> %s', (place, want) => {
    expect(placeAttribute('residence', place)).toBe(want)
  })
})

describe('normaliseOrg', () => {
  it.each([
    ['Google', 'google'],
    ['Google Inc.', 'google'],
    ['Google LLC', 'google'],
    ['The New York Times', 'new york times'],
    ['Amazon.com', 'amazon'],
    ['JPMorgan Chase & Co.', 'jpmorgan chase'],
    ['Johnson & Johnson', 'johnson and johnson'],
    ['Nestlé S.A.', 'nestle'],
  ])('%s -> %s', (name, want) => {
    expect(normaliseOrg(name)).toBe(want)
  })
})

describe('value readers', () => {
  it.each([
    ['place, cased', placeValue('New York City with my wife', true)?.value, 'new york'],
    ['place, lower case', placeValue('berlin now', false)?.value, 'berlin'],
    ['place: a generic noun', placeValue('the city', false), undefined],
    ['place: not capitalised in cased text', placeValue('hope', true), undefined],
    ['place: a modifier of the next noun', placeValue("Paris's suburbs", true), undefined],
    ['org, cased', orgValue('the University of Toronto since 2019', true)?.value, 'university of toronto'],
    ['org: a generic workplace', orgValue('a hospital', false), undefined],
    [
      'org: capitalised, generic last word',
      orgValue("St. Mary's Hospital", true)?.value,
      "st mary's hospital",
    ],
    ['person', personValue('Bob Smith yesterday', true)?.value, 'bob smith'],
    ['person: a pronoun', personValue('someone', false), undefined],
    ['object: plural made singular', objectValue('dogs', true)?.value, 'dog'],
    ['object: a capitalised name keeps its s', objectValue('the Beatles', true)?.value, 'beatles'],
    ['object: British spelling', objectValue('grey', false)?.value, 'gray'],
    ['object: a pronoun', objectValue('it when people call', true), undefined],
    ['object: a light gerund', objectValue('going to the beach', true), undefined],
  ])('%s', (_, got, want) => {
    expect(got ?? undefined).toBe(want)
  })
})

describe('objectList', () => {
  it.each([
    ['sushi and ramen', ['sushi', 'ramen']],
    ['sushi, ramen or pho', ['sushi', 'ramen', 'pho']],
    ['mac and cheese', ['mac and cheese']],
    ['cats more than dogs', ['cat']],
    ['my job', null],
  ])('%s', (text, want) => {
    expect(objectList(text, false)).toEqual(want)
  })
})

describe('favouriteAttribute', () => {
  it.each([
    [['colour'], 'favourite:color'],
    [['Colours'], 'favourite:color'],
    [['film'], 'favourite:movie'],
    [['TV', 'show'], 'favourite:show'],
    [['ice', 'cream', 'flavour'], 'favourite:ice cream flavor'],
  ])('%o -> %s', (thing, want) => {
    expect(favouriteAttribute(thing)).toBe(want)
  })
})
