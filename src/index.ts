/**
 * Adaptive Recall: a memory layer for LLM applications.
 * Named exports only; adding one is an API decision.
 */

export type { Embedder, EmbedOptions, WordFrequencies } from './embed/embedder.js'
export { createLocalEmbedder, createOpenAICompatibleEmbedder } from './embed/index.js'
export type { MemoryErrorCode } from './errors.js'
export { HTTP_STATUS, MemoryError } from './errors.js'
export type { GraphEdge, GraphNode, MemoryGraph } from './graph.js'
export type { Memory, MemoryEngine, MemoryOptions, ProgressHandler } from './memory.js'
export { createMemory, createMemoryEngine } from './memory.js'
export type {
  AddInput,
  ContextInput,
  ConversationInput,
  FeedbackInput,
  FilterInput,
  GraphInput,
  ListInput,
  MessageInput,
  SearchInput,
  UpdateInput,
} from './schemas.js'
export type { ScoringConfig } from './score/config.js'
export { BM25_ONLY, DEFAULT_SCORING, DENSE_ONLY } from './score/config.js'
export { createSqliteStore, type SqliteStoreOptions } from './store/sqlite/sqlite-store.js'
export type { VectorIndexOptions } from './store/sqlite/vector-index.js'
export type {
  Candidate,
  Job,
  JobStatus,
  MemoryStore,
  MemoryWrite,
  NewJob,
  StoredMemory,
  StoreStats,
  VectorSpace,
} from './store/store.js'
export type { ImportResult } from './transfer.js'
export type {
  HistoryEvent,
  HistoryEventKind,
  JsonObject,
  JsonValue,
  MemoryFilter,
  MemoryRecord,
  MemorySnapshot,
  MemoryStatus,
  Page,
  Scope,
  SearchHit,
} from './types.js'
