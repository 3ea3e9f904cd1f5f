import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/helpers.js'
import {
  type LocomoSample,
  loadLocomo,
  locomoQuestionTime,
  normaliseEvidence,
  parseLocomoDate,
  toLocomoConversation,
} from './locomo.js'

describe('parseLocomoDate', () => {
  it.each([
    { input: '1:56 pm on 8 May, 2023', want: '2023-05-08T13:56:00.000Z' },
    { input: '11:01 am on 17 December, 2022', want: '2022-12-17T11:01:00.000Z' },
    { input: '12:05 am on 1 January, 2023', want: '2023-01-01T00:05:00.000Z' },
    { input: '12:30 pm on 29 February, 2024', want: '2024-02-29T12:30:00.000Z' },
  ])('$input', ({ input, want }) => {
    expect(parseLocomoDate(input)).toBe(want)
  })

  it('names a date it cannot read', () => {
    expect(() => parseLocomoDate('yesterday')).toThrow('"yesterday"')
    expect(() => parseLocomoDate('1:56 pm on 8 Smarch, 2023')).toThrow('Smarch')
  })
})

describe('normaliseEvidence', () => {
  const known = new Set(['D1:3', 'D8:6', 'D9:17', 'D9:1', 'D4:4', 'D30:5', 'D11:26'])

  it.each([
    { entries: ['D1:3'], ids: ['D1:3'], dropped: [] },
    { entries: ['D8:6; D9:17'], ids: ['D8:6', 'D9:17'], dropped: [] },
    { entries: ['D9:1 D4:4,D1:3'], ids: ['D9:1', 'D4:4', 'D1:3'], dropped: [] },
    { entries: ['D30:05'], ids: ['D30:5'], dropped: [] },
    { entries: ['D:11:26'], ids: ['D11:26'], dropped: [] },
    { entries: ['D', 'D10:19', 'D1:3'], ids: ['D1:3'], dropped: ['D', 'D10:19'] },
    { entries: ['D1:3', 'D1:03'], ids: ['D1:3'], dropped: [] },
    { entries: [], ids: [], dropped: [] },
  ])('$entries', ({ entries, ids, dropped }) => {
    expect(normaliseEvidence(entries, known)).toEqual({ ids, dropped })
  })
})

const sample: LocomoSample = {
  sample_id: 'conv-x',
  conversation: {
    speaker_a: 'Ann',
    speaker_b: 'Bo',
    session_2_date_time: '9:00 am on 3 June, 2023',
    session_2: [{ speaker: 'Bo', dia_id: 'D2:1', text: 'Look at my cat', blip_caption: 'a photo of a cat' }],
    session_1_date_time: '1:56 pm on 8 May, 2023',
    session_1: [
      { speaker: 'Ann', dia_id: 'D1:1', text: 'Hi Bo!' },
      { speaker: 'Bo', dia_id: 'D1:2', text: 'Hi Ann, I moved to Oslo.' },
    ],
    // A date with no session: the data has these, and they must not count.
    session_3_date_time: '9:00 am on 1 December, 2023',
  },
  qa: [
    { question: 'Where does Bo live?', answer: 'Oslo', evidence: ['D1:2'], category: 4 },
    { question: 'When did Bo show a cat?', answer: 'June', evidence: ['D2:01; D1:2'], category: 2 },
    { question: 'Unresolvable', answer: '?', evidence: ['D'], category: 1 },
    { question: 'Adversarial', adversarial_answer: 'x', evidence: ['D1:1'], category: 5 },
  ],
}

describe('toLocomoConversation', () => {
  const conversation = toLocomoConversation(sample)

  it('orders sessions by number, dates them, and writes turns as stored', () => {
    expect(conversation.sessions.map((s) => [s.id, s.date])).toEqual([
      ['session_1', '2023-05-08T13:56:00.000Z'],
      ['session_2', '2023-06-03T09:00:00.000Z'],
    ])
    expect(conversation.sessions[1]?.turns).toEqual([
      {
        diaId: 'D2:1',
        speaker: 'Bo',
        text: 'Look at my cat [shares a photo of a cat]',
        content: 'Bo: Look at my cat [shares a photo of a cat]',
      },
    ])
    expect(conversation.sessions[0]?.turns[1]?.content).toBe('Bo: Hi Ann, I moved to Oslo.')
  })

  it('keeps categories 1-4 with resolvable evidence and counts the skipped ones', () => {
    expect(conversation.questions).toEqual([
      { question: 'Where does Bo live?', category: 'single-hop', evidence: ['D1:2'] },
      { question: 'When did Bo show a cat?', category: 'temporal', evidence: ['D2:1', 'D1:2'] },
    ])
    expect(conversation.skipped).toBe(1)
  })

  it('asks questions a day after the last session that exists', () => {
    expect(locomoQuestionTime(conversation)).toBe('2023-06-04T09:00:00.000Z')
  })
})

describe('loadLocomo', () => {
  it('reads a file and names it when the shape is wrong', async () => {
    const dir = await tempDir()
    const good = join(dir, 'good.json')
    await writeFile(good, JSON.stringify([sample]))
    expect((await loadLocomo(good))[0]?.questions).toHaveLength(2)
    const bad = join(dir, 'bad.json')
    await writeFile(bad, JSON.stringify([{ sample_id: 1 }]))
    await expect(loadLocomo(bad)).rejects.toThrow(`${bad} is not LoCoMo data at 0.sample_id`)
    await expect(loadLocomo(join(dir, 'missing.json'))).rejects.toThrow('Cannot read LoCoMo data')
  })

  const real = join(import.meta.dirname, '../../../shared/data/locomo/locomo10.json')
  it.skipIf(!existsSync(real))('reads the real locomo10.json as its README describes', async () => {
    const conversations = await loadLocomo(real)
    expect(conversations).toHaveLength(10)
    expect(conversations.reduce((n, c) => n + c.sessions.length, 0)).toBe(272)
    expect(conversations.reduce((n, c) => n + c.sessions.reduce((m, s) => m + s.turns.length, 0), 0)).toBe(
      5882,
    )
    // 1,540 questions of categories 1-4, of which 4 have no evidence that resolves.
    expect(conversations.reduce((n, c) => n + c.questions.length, 0)).toBe(1536)
    expect(conversations.reduce((n, c) => n + c.skipped, 0)).toBe(4)
  })
})
