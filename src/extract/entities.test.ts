import { describe, expect, it } from 'vitest'
import type { EntityKind } from '../types.js'
import { extractEntities, queryEntityKeys } from './entities.js'

const as = (list: ReturnType<typeof extractEntities>) => list.map((e) => `${e.kind}:${e.key}`)

describe('extractEntities', () => {
  it.each([
    {
      text: 'Hey Mel! I went to the LGBTQ support group yesterday, it was so powerful.',
      has: ['person:mel', 'topic:lgbtq support group', 'topic:support group', 'date:yesterday'],
    },
    {
      text: 'Caroline moved to New York last March and works at Google.',
      has: ['person:caroline', 'place:new york', 'date:last march', 'organization:google'],
    },
    {
      text: 'my friend alice works at microsoft in seattle',
      has: ['person:alice', 'organization:microsoft', 'place:seattle'],
    },
    {
      text: "I signed up for a pottery class with Melanie's sister.",
      has: ['topic:pottery class', 'person:melanie', 'topic:sister'],
    },
    {
      text: 'We met with the adoption agency on 8 May 2023.',
      has: ['topic:adoption agency', 'date:2023-05-08'],
    },
    {
      text: "John Smith's dog ran away last Friday.",
      has: ['person:john smith', 'topic:dog', 'date:last friday'],
    },
    {
      text: 'I visited the Louvre in Paris with the Red Cross team in March 2024.',
      has: ['place:paris', 'organization:red cross', 'date:2024-03'],
    },
    {
      text: 'My mom works for the United Nations in Geneva.',
      has: ['organization:united nations', 'place:geneva'],
    },
    {
      text: 'I saw Taylor Swift at the Eras Tour in Chicago!!',
      has: ['person:taylor swift', 'place:chicago'],
    },
    {
      text: 'Mark and I will go hiking in Yosemite on Sunday.',
      has: ['person:mark', 'topic:hiking', 'place:yosemite'],
    },
    { text: 'hope the interview at Deloitte goes well', has: ['organization:deloitte', 'topic:interview'] },
    {
      text: 'The doctor at Mayo Clinic said my knee will heal.',
      has: ['organization:mayo clinic', 'topic:knee'],
    },
    { text: 'Dr. Patel said my knee is fine.', has: ['person:patel'] },
    {
      text: 'we moved from Texas to Portland, Oregon in 2021',
      has: ['place:texas', 'place:portland', 'place:oregon', 'date:2021'],
    },
    {
      text: 'She is researching adoption agencies because she wants to start a family.',
      has: ['topic:adoption agency', 'topic:family'],
    },
    {
      text: 'Jordan loves playing guitar and reading fantasy novels.',
      has: ['person:jordan', 'topic:guitar', 'topic:fantasy novel'],
    },
    {
      text: "I've been going to therapy since March 2024 and it helps.",
      has: ['topic:therapy', 'date:2024-03'],
    },
  ])('$text', ({ text, has }) => {
    expect(as(extractEntities(text))).toEqual(expect.arrayContaining(has))
  })

  it.each([
    {
      text: 'I think it was a thing that took a lot of time, you know, every day.',
      none: ['i', 'it', 'thing', 'lot', 'time', 'day', 'you'],
    },
    { text: 'We did it our way and they loved it!', none: ['we', 'it', 'way', 'they', 'our'] },
    {
      text: 'Hey, thanks! Yeah, that stuff was cool lol.',
      none: ['hey', 'thanks', 'yeah', 'stuff', 'lol', 'that'],
    },
  ])('leaves out pronouns, stop words and generic nouns: $text', ({ text, none }) => {
    const keys = extractEntities(text).map((e) => e.key)
    for (const word of none) expect(keys).not.toContain(word)
  })

  it.each([
    {
      name: 'keeps the written name for display',
      text: "I met Caroline's brother.",
      key: 'caroline',
      want: 'Caroline',
    },
    {
      name: 'keeps date text as written, key canonical',
      text: 'Back on 8 May, 2023 we moved.',
      key: '2023-05-08',
      want: '8 May, 2023',
    },
    {
      name: 'strips the article from a topic key',
      text: 'The adoption agency called.',
      key: 'adoption agency',
      want: 'adoption agency',
    },
  ])('$name', ({ text, key, want }) => {
    expect(extractEntities(text).find((e) => e.key === key)?.name).toBe(want)
  })

  it('lists each key once, the person beating the topic, in order of first mention', () => {
    const found = extractEntities('Grace said hi. Later grace and Grace went to the beach with grace.')
    expect(found.filter((e) => e.key === 'grace')).toEqual([
      { key: 'grace', name: 'Grace', kind: 'person' as EntityKind },
    ])
    expect(found.map((e) => e.key)).toEqual(['grace', 'beach'])
  })

  it.each([{ text: '' }, { text: '   \n ' }, { text: '!!! ??? ...' }])(
    'returns nothing for empty input: $text',
    ({ text }) => {
      expect(extractEntities(text)).toEqual([])
    },
  )
})

describe('extractEntities on content with HTML', () => {
  const keys = (text: string) => as(extractEntities(text))
  it.each([
    {
      text: 'Alice had a dentist appointment on Tuesday <b>at noon</b>',
      same: 'Alice had a dentist appointment on Tuesday at noon',
    },
    {
      text: '<p>Bob met <a href="https://example.org/Paris">Carol</a> in Paris.</p>',
      same: 'Bob met Carol in Paris.',
    },
    {
      text: '<div class="note">Dinner with Mel &amp; Tom at Noma</div><!-- Oslo -->',
      same: 'Dinner with Mel & Tom at Noma',
    },
    {
      text: 'Eve wrote <b>x</b><script>steal("Berlin")</script> in her notes',
      same: 'Eve wrote x in her notes',
    },
  ])('reads $text as the text it shows', ({ text, same }) => {
    expect(keys(text)).toEqual(keys(same))
    for (const key of keys(text)) expect(key).not.toMatch(/[<>="/]|\b(?:href|div|class|script|amp)\b/)
  })

  it('keeps the words of separate blocks apart', () => {
    expect(keys('We visited <ul><li>Paris</li><li>Berlin</li></ul>')).toEqual(['place:paris', 'place:berlin'])
  })
})

describe('queryEntityKeys', () => {
  it('reads a query with markup as its text', () => {
    expect(queryEntityKeys('Where does <b>Caroline</b> live?')).toEqual(['caroline', 'live'])
  })

  it.each([
    { query: 'Where does Caroline live?', want: ['caroline', 'live'] },
    { query: 'What did Melanie paint last week?', want: ['melanie', 'paint'] },
    { query: "What are Caroline's hobbies?", want: ['caroline', 'hobby', 'hobbies'] },
    { query: 'When did Mel go to the support group?', want: ['mel', 'support group', 'go', 'support'] },
    { query: 'What happened on 8 May 2023?', want: ['2023-05-08', 'happened'] },
  ])('$query', ({ query, want }) => {
    expect(queryEntityKeys(query)).toEqual(want)
  })

  it('meets the keys extraction stored for the same things', () => {
    const stored = new Set(extractEntities('Caroline joined an adoption agency in Boston.').map((e) => e.key))
    const asked = queryEntityKeys('Which adoption agencies did Caroline look at in Boston?')
    expect(asked.filter((k) => stored.has(k))).toEqual(['adoption agency', 'caroline', 'boston'])
  })
})
