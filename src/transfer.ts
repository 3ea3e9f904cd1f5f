import { z } from 'zod'
import { MemoryError } from './errors.js'
import { indexedWrite } from './indexing.js'
import { checkContent } from './records.js'
import { dateSchema, idSchema, metadataSchema, statusSchema, tagsSchema, userIdSchema } from './schemas.js'
import {
  ASSOCIATION_LIMIT,
  type MemoryStore,
  type MemoryWrite,
  type StoredMemory,
  type VectorSpace,
} from './store/store.js'
import type { HistoryEvent, MemoryRecord } from './types.js'

/**
 * The export format: JSON lines. A header names the format and the vector
 * space; each memory line carries the record, its vector (base64 float32), its
 * history, its recent access times and the strengths feedback taught it, so a restore
 * into the same space ranks every query exactly as the original did.
 */
export const EXPORT_FORMAT = 'adaptive-recall/export'
export const EXPORT_VERSION = 1
const BATCH = 500

/** What an import did. */
export interface ImportResult {
  imported: number
  /** Memories whose id already existed, left as they were. */
  skipped: number
}

const snapshotSchema = z.strictObject({ content: z.string(), metadata: metadataSchema, tags: tagsSchema })

const eventSchema = z.strictObject({
  id: idSchema,
  memoryId: idSchema,
  event: z.string().regex(/^[a-z_]{1,32}$/),
  at: dateSchema,
  actor: z.string().min(1).max(256),
  before: snapshotSchema.optional(),
  after: snapshotSchema.optional(),
  details: metadataSchema.optional(),
})

const recordSchema = z.strictObject({
  id: idSchema,
  tenantId: z.string(),
  userId: userIdSchema,
  agentId: z.string().max(256).nullable(),
  sessionId: z.string().max(256).nullable(),
  content: z.string(),
  type: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
  source: z.string().max(2048).nullable(),
  observedAt: dateSchema,
  createdAt: dateSchema,
  updatedAt: dateSchema,
  metadata: metadataSchema,
  tags: tagsSchema,
  confidence: z.number().min(0).max(10),
  status: statusSchema,
  accessCount: z.number().int().min(0),
  lastAccessedAt: dateSchema.nullable(),
  version: z.number().int().min(1),
  // Lifecycle fields (format version 1 files written before them lack them).
  validTo: dateSchema.nullable().default(null),
  supersededBy: idSchema.nullable().default(null),
  expiresAt: dateSchema.nullable().default(null),
  corroborations: z.number().int().min(0).default(0),
})

const lineSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('header'),
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    exportedAt: z.string(),
    embedder: z.strictObject({ id: z.string(), dimensions: z.number().int().positive() }),
  }),
  z.strictObject({
    kind: z.literal('memory'),
    record: recordSchema,
    vector: z.string().nullable(),
    history: z.array(eventSchema),
    accesses: z.array(dateSchema).max(1000).default([]),
    // Files written before learned strengths were exported lack them.
    associations: z
      .array(
        z.strictObject({
          key: z.string().min(1).max(1024),
          weight: z.number().min(-ASSOCIATION_LIMIT).max(ASSOCIATION_LIMIT),
        }),
      )
      .max(10_000)
      .default([]),
  }),
])

function encodeVector(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
}

function decodeVector(text: string, dimensions: number): Float32Array | null {
  const bytes = Buffer.from(text, 'base64')
  if (bytes.byteLength !== dimensions * 4) return null
  const vector = new Float32Array(new Uint8Array(bytes).buffer)
  return vector.every(Number.isFinite) ? vector : null
}

/** Streams the scanned memories as export lines, header first, with their recent access times. */
export async function* exportLines(
  batches: AsyncIterable<StoredMemory[]>,
  space: VectorSpace,
  now: Date,
  accessTimes: (ids: readonly string[]) => Promise<Map<string, string[]>>,
): AsyncIterable<string> {
  const header = {
    kind: 'header',
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    embedder: space,
  }
  yield `${JSON.stringify(header)}\n`
  for await (const batch of batches) {
    const accesses = await accessTimes(batch.map((m) => m.record.id))
    for (const m of batch) {
      const line = {
        kind: 'memory',
        record: m.record,
        vector: m.vector ? encodeVector(m.vector) : null,
        history: m.events,
        accesses: accesses.get(m.record.id) ?? [],
        associations: m.associations,
      }
      yield `${JSON.stringify(line)}\n`
    }
  }
}

/** Splits a stream of chunks (or of whole lines) into lines. */
async function* splitLines(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string>,
): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let done = 0
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true })
    } catch (error) {
      throw new MemoryError('INVALID_INPUT', `Import line ${done + 1}: not valid UTF-8`, {
        cause: error,
        details: { line: done + 1 },
      })
    }
  }
  let rest = ''
  for await (const chunk of chunks) {
    rest += typeof chunk === 'string' ? `${chunk}\n` : decode(chunk)
    const lines = rest.split('\n')
    rest = lines.pop() ?? ''
    done += lines.length
    yield* lines
  }
  rest += decode()
  if (rest) yield rest
}

interface ImportContext {
  tenantId: string
  space: VectorSpace
  store: MemoryStore
  maxContentBytes: number
  embed: (texts: readonly string[]) => Promise<Float32Array[]>
  onProgress?: ((done: number, total: number | null) => void) | undefined
}

/**
 * Imports export lines into the context's tenant (the exported tenant id is
 * ignored). Batches are written whole; a bad line stops the import with
 * `INVALID_INPUT` naming the line, after the batches before it. Existing ids are
 * skipped, so re-running an import after fixing a line finishes the job.
 */
export async function importLines(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string>,
  ctx: ImportContext,
): Promise<ImportResult> {
  let sameSpace = false
  let lineNo = 0
  const result: ImportResult = { imported: 0, skipped: 0 }
  let pending: {
    record: MemoryRecord
    vector: string | null
    history: HistoryEvent[]
    accesses: string[]
    associations: { key: string; weight: number }[]
  }[] = []

  async function flush() {
    if (pending.length === 0) return
    const existing = new Set(
      (
        await ctx.store.get(
          ctx.tenantId,
          pending.map((p) => p.record.id),
        )
      ).map((r) => r.id),
    )
    const fresh = pending.filter((p) => !existing.has(p.record.id))
    result.skipped += pending.length - fresh.length
    const vectors = fresh.map((p) =>
      sameSpace && p.vector ? decodeVector(p.vector, ctx.space.dimensions) : null,
    )
    const missing = fresh.filter((_, i) => !vectors[i])
    const embedded = missing.length ? await ctx.embed(missing.map((p) => p.record.content)) : []
    let next = 0
    for (let i = 0; i < vectors.length; i++) vectors[i] ??= embedded[next++] ?? null
    const writes: MemoryWrite[] = fresh.map((p, i) =>
      indexedWrite(p.record, vectors[i] as Float32Array, p.history),
    )
    await ctx.store.insert(writes)
    // Replay recent accesses oldest first, so access counts, times and activation come back as they were.
    for (const p of fresh)
      for (const at of [...p.accesses].reverse())
        await ctx.store.recordAccess(ctx.tenantId, [p.record.id], at)
    // Learned strengths start at 0, so adding each weight sets it; keys of one weight go together.
    for (const p of fresh) {
      const byWeight = new Map<number, string[]>()
      for (const { key, weight } of p.associations)
        byWeight.set(weight, [...(byWeight.get(weight) ?? []), key])
      const scope = { tenantId: ctx.tenantId, userId: p.record.userId }
      for (const [weight, keys] of byWeight)
        await ctx.store.adjustAssociations(scope, p.record.id, keys, weight)
    }
    result.imported += writes.length
    pending = []
    ctx.onProgress?.(result.imported + result.skipped, null)
  }

  for await (const raw of splitLines(chunks)) {
    lineNo++
    const text = raw.trim()
    if (!text) continue
    const bad = (message: string): never => {
      throw new MemoryError('INVALID_INPUT', `Import line ${lineNo}: ${message}`, {
        details: { line: lineNo, ...result },
      })
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      bad('not valid JSON')
    }
    const parsed = lineSchema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      bad(`${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`)
      continue
    }
    const line = parsed.data
    if (line.kind === 'header') {
      sameSpace = line.embedder.id === ctx.space.id && line.embedder.dimensions === ctx.space.dimensions
      continue
    }
    try {
      checkContent(line.record.content, ctx.maxContentBytes)
    } catch (error) {
      bad((error as Error).message)
    }
    if (line.history.some((e) => e.memoryId !== line.record.id)) bad('history belongs to another memory')
    const accesses = line.accesses.slice(0, line.record.accessCount)
    const record = {
      ...line.record,
      tenantId: ctx.tenantId,
      content: line.record.content.trim(),
      // The replayed accesses add themselves back.
      accessCount: line.record.accessCount - accesses.length,
      lastAccessedAt: accesses.length > 0 ? null : line.record.lastAccessedAt,
    } as MemoryRecord
    pending.push({
      record,
      vector: line.vector,
      history: line.history as HistoryEvent[],
      accesses,
      associations: line.associations,
    })
    if (pending.length >= BATCH) await flush()
  }
  await flush()
  return result
}
