import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  type LongMemEvalItem,
  loadLongMemEval,
  parseLongMemEvalDate,
  toLongMemEvalQuestion,
} from './longmemeval.js'

describe('parseLongMemEvalDate', () => {
  it.each([
    { input: '2023/05/30 (Tue) 23:40', want: '2023-05-30T23:40:00.000Z' },
    { input: '2023/01/02 (Mon) 00:05', want: '2023-01-02T00:05:00.000Z' },
  ])('$input', ({ input, want }) => {
    expect(parseLongMemEvalDate(input)).toBe(want)
  })

  it('names a date it cannot read', () => {
    expect(() => parseLongMemEvalDate('May 30')).toThrow('"May 30"')
  })
})

const item = (overrides: Partial<LongMemEvalItem> = {}): LongMemEvalItem => ({
  question_id: 'q1',
  question_type: 'single-session-user',
  question: 'What is my cat called?',
  question_date: '2023/06/01 (Thu) 10:00',
  haystack_session_ids: ['s_noise', 'answer_s1'],
  haystack_dates: ['2023/05/01 (Mon) 09:00', '2023/05/20 (Sat) 18:30'],
  haystack_sessions: [
    [
      { role: 'user', content: 'Recommend a film.' },
      { role: 'assistant', content: 'Try Alien.', has_answer: true },
    ],
    [
      { role: 'user', content: 'I need a vet.', has_answer: false },
      { role: 'assistant', content: 'Sure.' },
      { role: 'user', content: 'My cat Miso is sick.', has_answer: true },
      { role: 'user', content: '   ' },
    ],
  ],
  answer_session_ids: ['answer_s1'],
  ...overrides,
})

describe('toLongMemEvalQuestion', () => {
  it('indexes user turns only, ids counting every message, and dates them by session', () => {
    const q = toLongMemEvalQuestion(item())
    if ('skip' in q) throw new Error('expected a question')
    expect(q.now).toBe('2023-06-01T10:00:00.000Z')
    expect(q.turn.docs).toEqual([
      { id: 's_noise_1', content: 'Recommend a film.', observedAt: '2023-05-01T09:00:00.000Z' },
      { id: 'answer_s1_1', content: 'I need a vet.', observedAt: '2023-05-20T18:30:00.000Z' },
      { id: 'answer_s1_3', content: 'My cat Miso is sick.', observedAt: '2023-05-20T18:30:00.000Z' },
    ])
    expect(q.session.docs.map((d) => [d.id, d.content])).toEqual([
      ['s_noise', 'Recommend a film.'],
      ['answer_s1', 'I need a vet.\nMy cat Miso is sick.'],
    ])
  })

  it('takes gold from evidence sessions: the sessions, and their has_answer user turns', () => {
    const q = toLongMemEvalQuestion(item())
    if ('skip' in q) throw new Error('expected a question')
    expect(q.session.gold).toEqual(['answer_s1'])
    // The assistant's has_answer in the noise session is not user-side evidence.
    expect(q.turn.gold).toEqual(['answer_s1_3'])
  })

  it('skips abstention questions and questions without user-side evidence', () => {
    expect(toLongMemEvalQuestion(item({ question_id: 'q1_abs' }))).toEqual({ skip: 'abstention' })
    expect(toLongMemEvalQuestion(item({ answer_session_ids: ['s_noise'] }))).toEqual({
      skip: 'noUserEvidence',
    })
  })

  it('refuses a haystack whose parallel lists differ in length', () => {
    expect(() => toLongMemEvalQuestion(item({ haystack_dates: [] }))).toThrow('differ in length')
  })
})

describe('loadLongMemEval', () => {
  const sample = join(import.meta.dirname, '../../../shared/data/longmemeval/sample-2q.json')
  it.skipIf(!existsSync(sample))(
    'reads the provided sample: one question asked, one abstention skipped',
    async () => {
      const set = await loadLongMemEval(sample)
      expect(set.skipped).toEqual({ abstention: 1, noUserEvidence: 0 })
      expect(set.questions.map((q) => q.questionId)).toEqual(['6a1eabeb'])
      const [q] = set.questions
      expect(q?.session.gold).toEqual(['answer_a25d4a91_1', 'answer_a25d4a91_2'])
      expect(q?.turn.gold).toEqual(['answer_a25d4a91_1_5', 'answer_a25d4a91_2_1'])
      expect(q?.session.docs).toHaveLength(2)
      expect(q?.turn.docs).toHaveLength(12)
      expect((await loadLongMemEval(sample, { limit: 1 })).skipped.abstention).toBe(0)
    },
  )
})
