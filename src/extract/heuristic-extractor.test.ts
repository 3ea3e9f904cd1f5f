import { describe, expect, it } from 'vitest'
import type { ConversationMessage } from './extractor.js'
import { createHeuristicExtractor } from './heuristic-extractor.js'

const extractor = createHeuristicExtractor()
/** Minutes after Monday 8 May 2023, 13:56 UTC. */
const at = (minutes: number) => new Date(Date.UTC(2023, 4, 8, 13, 56 + minutes)).toISOString()
const said = (
  name: string | undefined,
  content: string,
  minutes = 0,
  role: ConversationMessage['role'] = 'user',
) => ({
  role,
  name,
  content,
  createdAt: at(minutes),
})
const contents = async (messages: ConversationMessage[], userId = 'caroline') =>
  (await extractor.extract({ messages, userId })).map((f) => f.content)

describe('createHeuristicExtractor', () => {
  it('has a stable id', () => {
    expect(extractor.id).toBe('heuristic@1')
  })

  it.each([
    {
      label: 'attribution and relative dates',
      messages: [said('Caroline', 'Hey Mel! I adopted a dog yesterday 🐶')],
      facts: ['Caroline adopted a dog on 7 May 2023.'],
    },
    {
      label: 'contractions and verb agreement',
      messages: [
        said(
          'Melanie',
          "I'm a nurse. I've worked nights for years. I'd love to teach someday. I work at St. Mary's.",
        ),
      ],
      facts: [
        'Melanie is a nurse.',
        'Melanie has worked nights for years.',
        'Melanie would love to teach someday.',
        "Melanie works at St. Mary's.",
      ],
    },
    {
      label: 'possessives and plural first person',
      messages: [said('Jon', 'My sister and I opened a bakery in 2021. We bake our bread every morning!!!')],
      facts: [
        "Jon's sister and Jon opened a bakery in 2021.",
        'Jon and others bake their bread every morning.',
      ],
    },
    {
      label: 'dates of past and future',
      messages: [
        said('Caroline', 'Last Friday I went to a pride parade. Next month I start a counseling course.'),
        said('Caroline', "We're going camping this weekend. Two days ago I ran 10 km.", 1),
      ],
      facts: [
        'On 5 May 2023 Caroline went to a pride parade.',
        'In June 2023 Caroline starts a counseling course.',
        'Caroline and others are going camping the weekend of 13 May 2023.',
        'On 6 May 2023 Caroline ran 10 km.',
      ],
    },
    {
      label: 'greetings, thanks, questions and chit-chat give nothing',
      messages: [
        said('Caroline', 'Hey!'),
        said('Melanie', "Thanks so much! Haha that's awesome. Wow. Sounds great", 1, 'assistant'),
        said('Caroline', 'How was your weekend? Did you go anywhere?', 2),
        said('Melanie', 'Your painting is beautiful! Take care 💕', 3, 'assistant'),
        said('Caroline', 'ok', 4),
        said('Caroline', 'lol', 5),
      ],
      facts: [],
    },
    {
      label: 'names at the start, abbreviations and decimals',
      messages: [
        said('Caroline', 'Luna loves the park. Dr. Patel says she weighs 12.5 kg, e.g. a healthy weight.'),
      ],
      facts: ['Luna loves the park.', 'Dr. Patel says she weighs 12.5 kg, e.g. a healthy weight.'],
    },
    {
      label: 'fact sentences among chit-chat in one message',
      messages: [
        said(
          'Melanie',
          "Omg congrats!! That's so exciting. My kids have been begging for a puppy lol. What breed?",
        ),
      ],
      facts: ["Melanie's kids have been begging for a puppy."],
    },
  ])('$label', async ({ messages, facts }) => {
    expect(await contents(messages)).toEqual(facts)
  })

  it('links each fact to its message and dates it when the message was sent', async () => {
    const facts = await extractor.extract({
      userId: 'caroline',
      messages: [
        said('Caroline', 'Hi!'),
        said('Caroline', 'I moved to Denver last year. I work as a counselor.', 5),
      ],
    })
    expect(facts).toEqual([
      { content: 'Caroline moved to Denver in 2022.', sources: [1], observedAt: '2023-05-08T14:01:00.000Z' },
      { content: 'Caroline works as a counselor.', sources: [1], observedAt: '2023-05-08T14:01:00.000Z' },
    ])
  })

  it('names unnamed user messages after the user id and skips unnamed assistants, system and tools', async () => {
    const facts = await contents(
      [
        said(undefined, 'I play the violin in an orchestra.'),
        said(undefined, 'I recommend practising scales every day.', 1, 'assistant'),
        said(undefined, 'I am a helpful assistant with many tools.', 2, 'system'),
        said(undefined, 'I found three results for the violin teachers.', 3, 'tool'),
      ],
      'user-42',
    )
    expect(facts).toEqual(['user-42 plays the violin in an orchestra.'])
  })

  it('keeps a named assistant, as in a chat between two people', async () => {
    expect(await contents([said('Melanie', 'I painted a sunrise last week.', 0, 'assistant')])).toEqual([
      'Melanie painted a sunrise the week of 1 May 2023.',
    ])
  })

  it('merges a fact said twice into one with both sources', async () => {
    const facts = await extractor.extract({
      userId: 'caroline',
      messages: [
        said('Caroline', 'I adopted a dog.'),
        said('Mel', 'Nice!', 1),
        said('Caroline', 'I adopted a dog!', 2),
      ],
    })
    expect(facts).toEqual([{ content: 'Caroline adopted a dog.', sources: [0, 2], observedAt: at(0) }])
  })

  it('resolves nothing but still extracts when a message has no valid time', async () => {
    const facts = await extractor.extract({
      userId: 'caroline',
      messages: [
        { role: 'user', name: 'Caroline', content: 'I adopted a dog yesterday.', createdAt: 'someday' },
      ],
    })
    expect(facts).toEqual([{ content: 'Caroline adopted a dog yesterday.', sources: [0] }])
  })

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(
      extractor.extract(
        { userId: 'u', messages: [said('A', 'I adopted a dog.')] },
        { signal: controller.signal },
      ),
    ).rejects.toThrow('stop')
  })
})
