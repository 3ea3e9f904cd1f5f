import type {
  HistoryEvent,
  HistoryEventKind,
  JsonObject,
  MemoryRecord,
  MemorySnapshot,
  MemoryStatus,
} from '../../types.js'

/** The columns of a `memories` row that make up its record (see `recordColumns`). */
export type RecordRow = Omit<MemoryRow, 'rid' | 'scope_id' | 'terms' | 'has_vector' | 'recent_accesses'>

/** A `memories` row as the driver returns it. */
export interface MemoryRow {
  rid: number
  tenant_id: string
  id: string
  user_id: string
  scope_id: number
  agent_id: string | null
  session_id: string | null
  content: string
  type: string
  source: string | null
  observed_at: string
  created_at: string
  updated_at: string
  metadata: string
  tags: string
  confidence: number
  status: string
  access_count: number
  last_accessed_at: string | null
  version: number
  terms: string
  has_vector: number
  /** JSON array of the newest access times, newest first (migration 2). */
  recent_accesses: string
  valid_to: string | null
  superseded_by: string | null
  expires_at: string | null
  corroborations: number
}

/** A `memory_events` row as the driver returns it. */
export interface EventRow {
  event_id: string
  memory_id: string
  kind: string
  at: string
  actor: string
  before_json: string | null
  after_json: string | null
  details_json: string | null
}

/** Named parameters for the record columns of `memories`. */
export function recordParams(record: MemoryRecord): Record<string, string | number | null> {
  return {
    tenant_id: record.tenantId,
    id: record.id,
    user_id: record.userId,
    agent_id: record.agentId,
    session_id: record.sessionId,
    content: record.content,
    type: record.type,
    source: record.source,
    observed_at: record.observedAt,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    metadata: JSON.stringify(record.metadata),
    tags: JSON.stringify(record.tags),
    confidence: record.confidence,
    status: record.status,
    access_count: record.accessCount,
    last_accessed_at: record.lastAccessedAt,
    version: record.version,
    valid_to: record.validTo,
    superseded_by: record.supersededBy,
    expires_at: record.expiresAt,
    corroborations: record.corroborations,
  }
}

/**
 * The columns `toRecord` reads, prefixed with `alias.`. Selecting these rather than `*`
 * leaves out `terms`, a JSON bag as long as the content that only removal needs.
 */
export function recordColumns(alias: string): string {
  return [
    'id',
    'tenant_id',
    'user_id',
    'agent_id',
    'session_id',
    'content',
    'type',
    'source',
    'observed_at',
    'created_at',
    'updated_at',
    'metadata',
    'tags',
    'confidence',
    'status',
    'access_count',
    'last_accessed_at',
    'version',
    'valid_to',
    'superseded_by',
    'expires_at',
    'corroborations',
  ]
    .map((column) => `${alias}.${column}`)
    .join(', ')
}

/** Rebuilds the record a row stores. */
export function toRecord(row: RecordRow): MemoryRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    agentId: row.agent_id,
    sessionId: row.session_id,
    content: row.content,
    type: row.type,
    source: row.source,
    observedAt: row.observed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    metadata: JSON.parse(row.metadata) as JsonObject,
    tags: JSON.parse(row.tags) as string[],
    confidence: row.confidence,
    status: row.status as MemoryStatus,
    accessCount: row.access_count,
    lastAccessedAt: row.last_accessed_at,
    version: row.version,
    validTo: row.valid_to,
    supersededBy: row.superseded_by,
    expiresAt: row.expires_at,
    corroborations: row.corroborations,
  }
}

/** Positional parameters for `memory_events`, after tenant and user. */
export function eventParams(event: HistoryEvent): (string | null)[] {
  return [
    event.memoryId,
    event.id,
    event.event,
    event.at,
    event.actor,
    jsonOrNull(event.before),
    jsonOrNull(event.after),
    jsonOrNull(event.details),
  ]
}

/** Rebuilds an event; optional fields stored as NULL are omitted, not set to undefined. */
export function toEvent(row: EventRow): HistoryEvent {
  const event: HistoryEvent = {
    id: row.event_id,
    memoryId: row.memory_id,
    event: row.kind as HistoryEventKind,
    at: row.at,
    actor: row.actor,
  }
  if (row.before_json !== null) event.before = JSON.parse(row.before_json) as MemorySnapshot
  if (row.after_json !== null) event.after = JSON.parse(row.after_json) as MemorySnapshot
  if (row.details_json !== null) event.details = JSON.parse(row.details_json) as JsonObject
  return event
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value)
}

/** The bytes sqlite-vec expects for a float32 vector (a view, not a copy). */
export function vectorBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength)
}

/** A vector read back from sqlite-vec; copied so it does not alias the driver's buffer. */
export function blobVector(blob: Buffer): Float32Array {
  const copy = new Uint8Array(blob.byteLength)
  copy.set(blob)
  return new Float32Array(copy.buffer)
}
