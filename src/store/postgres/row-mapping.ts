import type {
  HistoryEvent,
  HistoryEventKind,
  JsonObject,
  MemoryRecord,
  MemorySnapshot,
  MemoryStatus,
} from '../../types.js'

/** A `memories` row as the driver returns it (json columns already parsed). */
export interface MemoryRow {
  tenant_id: string
  id: string
  user_id: string
  agent_id: string | null
  session_id: string | null
  content: string
  type: string
  source: string | null
  observed_at: string
  created_at: string
  updated_at: string
  metadata: JsonObject
  tags: string[]
  confidence: number
  status: string
  access_count: number
  last_accessed_at: string | null
  version: number
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
  before_json: MemorySnapshot | null
  after_json: MemorySnapshot | null
  details_json: JsonObject | null
}

/** The record columns, in one place for every SELECT that rebuilds records. */
export const RECORD_COLUMNS =
  'tenant_id, id, user_id, agent_id, session_id, content, type, source, observed_at, created_at, ' +
  'updated_at, metadata, tags, confidence, status, access_count, last_accessed_at, version, ' +
  'valid_to, superseded_by, expires_at, corroborations'

/** A record as one `memories` row object, for `json_populate_recordset`. */
export function recordRow(record: MemoryRecord): Record<string, unknown> {
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
    metadata: record.metadata,
    tags: record.tags,
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

/** Rebuilds the record a row stores. */
export function toRecord(row: MemoryRow): MemoryRecord {
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
    metadata: row.metadata,
    tags: row.tags,
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

/** An event as one `memory_events` row object (after tenant and user). */
export function eventRow(event: HistoryEvent): Record<string, unknown> {
  return {
    memory_id: event.memoryId,
    event_id: event.id,
    kind: event.event,
    at: event.at,
    actor: event.actor,
    before_json: event.before ?? null,
    after_json: event.after ?? null,
    details_json: event.details ?? null,
  }
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
  if (row.before_json !== null) event.before = row.before_json
  if (row.after_json !== null) event.after = row.after_json
  if (row.details_json !== null) event.details = row.details_json
  return event
}

/** pgvector's text form of a vector: `[1,0.5,...]`, exact for every float32. */
export function vectorText(vector: Float32Array): string {
  return `[${Array.from(vector).join(',')}]`
}

/** A vector read back in pgvector's text form. */
export function parseVector(text: string): Float32Array {
  return Float32Array.from(JSON.parse(text) as number[])
}
