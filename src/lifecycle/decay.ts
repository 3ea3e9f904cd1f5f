import { baseLevelActivation } from '../score/activation.js'
import type { MemoryRecord } from '../types.js'
import type { LifecycleConfig } from './config.js'

/** An active memory with its activation, as decay sees it. */
export interface DecayItem {
  record: MemoryRecord
  activation: number
}

/** Why a memory goes to the archive. */
export interface ArchiveDecision {
  memoryId: string
  rule: 'expired' | 'decay' | 'cap'
  activation: number
  threshold: number | null
}

/**
 * The moment a user's memories are aged to: their latest observation or use,
 * not the wall clock. A memory ages while its user keeps living and talking,
 * so someone who comes back after a year finds what they left.
 */
export function activityTime(records: readonly MemoryRecord[], now: Date): Date {
  let latest = 0
  for (const r of records) {
    latest = Math.max(latest, Date.parse(r.observedAt), r.lastAccessedAt ? Date.parse(r.lastAccessedAt) : 0)
  }
  return new Date(Math.min(latest || now.getTime(), now.getTime()))
}

/** Base-level activation of a memory at `at` (encoded when observed, then each retrieval). */
export function activationOf(
  record: MemoryRecord,
  recentAccesses: readonly string[],
  at: Date,
  decay: number,
): number {
  return baseLevelActivation(
    { encodedAt: record.observedAt, accessCount: record.accessCount, recentAccesses },
    at,
    decay,
  )
}

/**
 * Which active memories go to the archive: those past their `expiresAt` (any
 * type), then those of non-exempt types whose activation is below the
 * threshold, then, over a per-user cap, the lowest activation first.
 */
export function archiveDecisions(
  items: readonly DecayItem[],
  config: LifecycleConfig,
  now: Date,
): ArchiveDecision[] {
  const decisions: ArchiveDecision[] = []
  const exempt = new Set(config.decay.exemptTypes)
  const { threshold } = config.decay
  const remaining: DecayItem[] = []
  for (const item of items) {
    const { record, activation } = item
    if (record.expiresAt !== null && Date.parse(record.expiresAt) <= now.getTime())
      decisions.push({ memoryId: record.id, rule: 'expired', activation, threshold: null })
    else if (!exempt.has(record.type) && activation < threshold)
      decisions.push({ memoryId: record.id, rule: 'decay', activation, threshold })
    else remaining.push(item)
  }
  const cap = config.maxActivePerUser
  if (cap !== null && remaining.length > cap) {
    const candidates = remaining
      .filter((i) => !exempt.has(i.record.type))
      .sort((a, b) => a.activation - b.activation || a.record.observedAt.localeCompare(b.record.observedAt))
    for (const item of candidates.slice(0, remaining.length - cap))
      decisions.push({ memoryId: item.record.id, rule: 'cap', activation: item.activation, threshold: null })
  }
  return decisions
}
