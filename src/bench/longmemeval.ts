import { z } from 'zod'
import { readDataset } from './read-dataset.js'

/** The two granularities of LongMemEval's official retrieval protocol. */
export const LONGMEMEVAL_LEVELS = ['session', 'turn'] as const
/** `session`: one memory per session; `turn`: one memory per user turn. */
export type LongMemEvalLevel = (typeof LONGMEMEVAL_LEVELS)[number]

/** One retrievable unit: a session (its user turns joined) or one user turn. */
export interface LongMemEvalDoc {
  /** The session id, or `<session_id>_<i+1>` for the session's i-th message (from 0, any role). */
  id: string
  content: string
  /** When the session took place (ISO 8601, read as UTC). */
  observedAt: string
}

/** A question with its own haystack, indexed at one level. */
export interface LongMemEvalCorpus {
  docs: LongMemEvalDoc[]
  /** Ids of the evidence sessions, or of the `has_answer` user turns of evidence sessions. */
  gold: string[]
}

/** A question to ask, with its haystack at both levels. */
export interface LongMemEvalQuestion {
  questionId: string
  questionType: string
  question: string
  /** `question_date`, the moment the question is asked. */
  now: string
  session: LongMemEvalCorpus
  turn: LongMemEvalCorpus
}

/** What a LongMemEval file holds for retrieval: the questions to ask and how many were skipped. */
export interface LongMemEvalSet {
  questions: LongMemEvalQuestion[]
  /** Questions not asked: abstention (`_abs`) ones and those with no user-side evidence turn. */
  skipped: { abstention: number; noUserEvidence: number }
}

const itemSchema = z.looseObject({
  question_id: z.string(),
  question_type: z.string(),
  question: z.string(),
  question_date: z.string(),
  haystack_session_ids: z.array(z.string()),
  haystack_dates: z.array(z.string()),
  haystack_sessions: z.array(
    z.array(z.looseObject({ role: z.string(), content: z.string(), has_answer: z.boolean().nullish() })),
  ),
  answer_session_ids: z.array(z.string()),
})
/** One item of a LongMemEval file, as read (only the fields the benchmark uses are checked). */
export type LongMemEvalItem = z.output<typeof itemSchema>

/** Reads LongMemEval's `"2023/05/30 (Tue) 23:40"` as UTC. Throws on anything else, naming the value. */
export function parseLongMemEvalDate(value: string): string {
  const m = /^(\d{4})\/(\d{2})\/(\d{2})\s*(?:\([A-Za-z]+\))?\s*(\d{2}):(\d{2})$/.exec(value.trim())
  if (!m) throw new Error(`Unrecognised LongMemEval date "${value}"`)
  const [, y, mo, d, h, mi] = m.map(Number) as number[]
  return new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi)).toISOString()
}

/**
 * One item as the official protocol indexes it: user turns only, per session
 * and per turn, with the gold ids of each level; or why it is skipped.
 */
export function toLongMemEvalQuestion(
  item: LongMemEvalItem,
): LongMemEvalQuestion | { skip: keyof LongMemEvalSet['skipped'] } {
  if (item.question_id.includes('_abs')) return { skip: 'abstention' }
  const { haystack_session_ids: ids, haystack_dates: dates, haystack_sessions: sessions } = item
  if (ids.length !== sessions.length || dates.length !== sessions.length)
    throw new Error(`${item.question_id}: haystack ids, dates and sessions differ in length`)
  const evidence = new Set(item.answer_session_ids)
  const session: LongMemEvalCorpus = { docs: [], gold: [] }
  const turn: LongMemEvalCorpus = { docs: [], gold: [] }
  sessions.forEach((messages, s) => {
    const sessionId = ids[s] as string
    const observedAt = parseLongMemEvalDate(dates[s] as string)
    const userTurns: string[] = []
    messages.forEach((message, i) => {
      if (message.role !== 'user' || !message.content.trim()) return
      const id = `${sessionId}_${i + 1}`
      userTurns.push(message.content)
      turn.docs.push({ id, content: message.content, observedAt })
      if (message.has_answer === true && evidence.has(sessionId)) turn.gold.push(id)
    })
    if (userTurns.length > 0) session.docs.push({ id: sessionId, content: userTurns.join('\n'), observedAt })
    if (evidence.has(sessionId)) session.gold.push(sessionId)
  })
  if (turn.gold.length === 0) return { skip: 'noUserEvidence' }
  return {
    questionId: item.question_id,
    questionType: item.question_type,
    // Search rejects control characters, newlines included: a question is asked as one line.
    question: item.question.replace(/\s+/g, ' ').trim(),
    now: parseLongMemEvalDate(item.question_date),
    session,
    turn,
  }
}

/**
 * Reads a LongMemEval file (`longmemeval_s.json`, `_oracle` or the sample; `_m`
 * is larger than Node can read as one string). `limit` keeps the first N items.
 */
export async function loadLongMemEval(
  path: string,
  options: { limit?: number } = {},
): Promise<LongMemEvalSet> {
  const items = await readDataset(path, z.array(itemSchema), 'LongMemEval')
  const set: LongMemEvalSet = { questions: [], skipped: { abstention: 0, noUserEvidence: 0 } }
  for (const item of items.slice(0, options.limit)) {
    const q = toLongMemEvalQuestion(item)
    if ('skip' in q) set.skipped[q.skip]++
    else set.questions.push(q)
  }
  return set
}
