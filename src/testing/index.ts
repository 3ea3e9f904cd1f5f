/**
 * Test helpers for store authors: the shared conformance suite and fixtures.
 * Imports vitest, so it lives behind the `adaptive-recall/testing` subpath.
 */

export {
  historyEvent,
  isoAt,
  type MemoryWriteOverrides,
  memoryRecord,
  memoryWrite,
  mention,
  TEST_SPACE,
  vector,
} from './fixtures.js'
export { type DescribeMemoryOptions, describeMemory } from './memory-behaviour.js'
export { type DescribeStoreOptions, describeStore } from './store-conformance.js'
