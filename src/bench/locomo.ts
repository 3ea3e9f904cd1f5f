import { z } from 'zod'
import { readDataset } from './read-dataset.js'

/** LoCoMo's question categories 1-4, by the numbering that fits the data (see its README). */
export const LOCOMO_CATEGORIES = {
  1: 'multi-hop',
  2: 'temporal',
  3: 'open-domain',
  4: 'single-hop',
} as const

/** The name of a question category, as reported. */
export type LocomoCategory = (typeof LOCOMO_CATEGORIES)[keyof typeof LOCOMO_CATEGORIES]

/** One turn, ready to store: `"<speaker>: <text> [shares <caption>]"`. */
export interface LocomoTurn {
  diaId: string
  content: string
  speaker: string
  /** The text alone, with the shared image's caption: what a chat message would carry. */
  text: string
}

/** One session of a conversation, in the order of the data. */
export interface LocomoSession {
  /** `session_N`, as in the data. */
  id: string
  /** When the session took place (ISO 8601, read as UTC). */
  date: string
  turns: LocomoTurn[]
}

/** A question of categories 1-4 whose evidence resolves to at least one turn. */
export interface LocomoQuestion {
  question: string
  category: LocomoCategory
  /** Normalised turn ids (`D3:11`), each the id of a turn of the conversation. */
  evidence: string[]
}

/** One LoCoMo sample, ready to store and ask: the benchmark's unit of ingest. */
export interface LocomoConversation {
  sampleId: string
  sessions: LocomoSession[]
  questions: LocomoQuestion[]
  /** Questions of categories 1-4 left with no evidence that resolves, so not asked. */
  skipped: number
}

const turnSchema = z.looseObject({
  speaker: z.string(),
  dia_id: z.string(),
  text: z.string(),
  blip_caption: z.string().nullish(),
})
const sampleSchema = z.looseObject({
  sample_id: z.string(),
  conversation: z.record(z.string(), z.unknown()),
  qa: z.array(z.looseObject({ question: z.string(), evidence: z.array(z.string()), category: z.number() })),
})
/** One sample of `locomo10.json`, as read (only the fields the benchmark uses are checked). */
export type LocomoSample = z.output<typeof sampleSchema>

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/**
 * Reads LoCoMo's session time, e.g. `"1:56 pm on 8 May, 2023"`, as UTC (the
 * data gives no zone). Throws on anything else, naming the value.
 */
export function parseLocomoDate(value: string): string {
  const m = /^(\d{1,2}):(\d{2})\s*(am|pm)\s+on\s+(\d{1,2})\s+([a-z]+),?\s+(\d{4})$/i.exec(value.trim())
  const month = m ? MONTHS.indexOf((m[5] as string).slice(0, 3).toLowerCase()) : -1
  if (!m || month < 0) throw new Error(`Unrecognised LoCoMo session date "${value}"`)
  const hour = (Number(m[1]) % 12) + ((m[3] as string).toLowerCase() === 'pm' ? 12 : 0)
  return new Date(Date.UTC(Number(m[6]), month, Number(m[4]), hour, Number(m[2]))).toISOString()
}

/**
 * Turns LoCoMo evidence entries into turn ids that exist: entries may hold
 * several ids (`"D8:6; D9:17"`), ids may be malformed (`D30:05`, `D:11:26`),
 * and some do not resolve at all (`"D"`, ids past a session's end).
 *
 * @example normaliseEvidence(['D8:6; D9:17', 'D30:05', 'D'], known) // { ids: ['D8:6', 'D9:17', 'D30:5'], dropped: ['D'] }
 */
export function normaliseEvidence(
  entries: readonly string[],
  known: ReadonlySet<string>,
): { ids: string[]; dropped: string[] } {
  const ids = new Set<string>()
  const dropped: string[] = []
  for (const token of entries.flatMap((e) => e.split(/[;,\s]+/)).filter(Boolean)) {
    const m = /^D:?0*(\d+):0*(\d+)$/.exec(token)
    const id = m ? `D${m[1]}:${m[2]}` : token
    if (known.has(id)) ids.add(id)
    else dropped.push(token)
  }
  return { ids: [...ids], dropped }
}

function sessionsOf(sample: LocomoSample): LocomoSession[] {
  const sessions: (LocomoSession & { n: number })[] = []
  for (const [key, value] of Object.entries(sample.conversation)) {
    const m = /^session_(\d+)$/.exec(key)
    // Some conversations list session_N_date_time for sessions that are absent: only real ones count.
    if (!m || !Array.isArray(value)) continue
    const date = sample.conversation[`${key}_date_time`]
    if (typeof date !== 'string') throw new Error(`${sample.sample_id}: ${key} has no ${key}_date_time`)
    const turns = z.array(turnSchema).safeParse(value)
    if (!turns.success) throw new Error(`${sample.sample_id}: ${key} is not a list of turns`)
    sessions.push({
      id: key,
      n: Number(m[1]),
      date: parseLocomoDate(date),
      turns: turns.data.map((t) => {
        const text = `${t.text}${t.blip_caption ? ` [shares ${t.blip_caption}]` : ''}`
        return { diaId: t.dia_id, speaker: t.speaker, text, content: `${t.speaker}: ${text}` }
      }),
    })
  }
  return sessions.sort((a, b) => a.n - b.n).map(({ n: _, ...s }) => s)
}

/** One LoCoMo sample as sessions to store and questions (categories 1-4) to ask. */
export function toLocomoConversation(sample: LocomoSample): LocomoConversation {
  const sessions = sessionsOf(sample)
  const known = new Set(sessions.flatMap((s) => s.turns.map((t) => t.diaId)))
  const questions: LocomoQuestion[] = []
  let skipped = 0
  for (const qa of sample.qa) {
    const category = LOCOMO_CATEGORIES[qa.category as keyof typeof LOCOMO_CATEGORIES]
    if (!category) continue
    const { ids } = normaliseEvidence(qa.evidence, known)
    if (ids.length === 0) skipped++
    else questions.push({ question: qa.question, category, evidence: ids })
  }
  return { sampleId: sample.sample_id, sessions, questions, skipped }
}

/** Reads `locomo10.json` (or a file of the same shape). Throws, naming the file, if it is not LoCoMo. */
export async function loadLocomo(path: string): Promise<LocomoConversation[]> {
  const samples = await readDataset(path, z.array(sampleSchema), 'LoCoMo')
  return samples.map(toLocomoConversation)
}

/** When the conversation's last session took place. */
export function locomoLastSessionTime(conversation: LocomoConversation): string {
  return new Date(Math.max(...conversation.sessions.map((s) => Date.parse(s.date)))).toISOString()
}

/** The moment questions are asked: one day after the conversation's last session. */
export function locomoQuestionTime(conversation: LocomoConversation): string {
  return new Date(Date.parse(locomoLastSessionTime(conversation)) + 24 * 60 * 60 * 1000).toISOString()
}
