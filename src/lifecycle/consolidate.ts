import { storedClaims } from '../indexing.js'
import { historyEvent } from '../records.js'
import type { MemoryStore, StoredClaim } from '../store/store.js'
import { STOP_WORDS } from '../text/stop-words.js'
import { words } from '../text/words.js'
import type { JsonObject, MemoryRecord } from '../types.js'
import type { LifecycleConfig } from './config.js'
import { activationOf, activityTime, archiveDecisions } from './decay.js'
import { applyChanges, type PlannedChange, plannedChange, restatement } from './patches.js'
import { cosine, relate } from './relate.js'

/** One decision of a lifecycle pass. */
export interface LifecycleDecision {
  action: 'merge' | 'supersede' | 'archive'
  memoryId: string
  /** The memory merged into, or the one that superseded it. */
  otherId?: string
  rule: string
  score?: number
  activation?: number
}

/** What `consolidate()` did (or, with `dryRun`, would do). */
export interface ConsolidationReport {
  dryRun: boolean
  /**
   * True when the same pass (tenant and user, or whole tenant) was already running
   * elsewhere (another server node, or a concurrent call): this one did nothing.
   */
  skipped: boolean
  startedAt: string
  finishedAt: string
  users: number
  /** Active memories looked at. */
  scanned: number
  merged: number
  superseded: number
  archived: number
  expired: number
  /** Every decision, up to `MAX_DECISIONS`; `truncated` says when more were made. */
  decisions: LifecycleDecision[]
  truncated: boolean
}

const MAX_DECISIONS = 1000
/** Earlier memories compared with each one beyond those sharing a claim: the most words in common first. */
const WORD_NEIGHBOURS = 10

interface Item {
  content: string
  record: MemoryRecord
  vector: Float32Array | null
  claims: StoredClaim[]
  words: Set<string>
}

export interface ConsolidateDeps {
  store: MemoryStore
  tenantId: string
  config: LifecycleConfig
  decay: number
  now: Date
}

/** Looks at every active memory of one user: merges restatements, supersedes contradicted facts, archives the decayed. */
export async function consolidateUser(
  deps: ConsolidateDeps,
  userId: string,
  dryRun: boolean,
  report: ConsolidationReport,
): Promise<void> {
  const { store, tenantId, config, now } = deps
  const items: Item[] = []
  for await (const batch of store.scan({ tenantId, userId }))
    for (const { record, vector } of batch)
      if (record.status === 'active')
        items.push({
          content: record.content,
          record,
          vector,
          claims: storedClaims(record),
          words: new Set(words(record.content).filter((w) => !STOP_WORDS.has(w))),
        })
  items.sort(
    (a, b) =>
      a.record.observedAt.localeCompare(b.record.observedAt) ||
      a.record.createdAt.localeCompare(b.record.createdAt),
  )
  report.users += 1
  report.scanned += items.length

  const changes = new Map<string, PlannedChange>()
  const change = (id: string) => {
    const found = changes.get(id)
    if (found) return found
    const created = plannedChange(id)
    changes.set(id, created)
    return created
  }
  const decide = (d: LifecycleDecision) => {
    if (report.decisions.length < MAX_DECISIONS) report.decisions.push(d)
    else report.truncated = true
  }
  const exempt = new Set(config.exemptTypes)
  const kept: Item[] = []
  const byClaim = new Map<string, Set<Item>>()
  const byWord = new Map<string, Set<Item>>()
  const gone = new Set<Item>()
  const index = (item: Item) => {
    for (const c of item.claims) byClaim.set(c.key, (byClaim.get(c.key) ?? new Set()).add(item))
    for (const w of item.words) byWord.set(w, (byWord.get(w) ?? new Set()).add(item))
  }

  for (const item of items) {
    if (exempt.has(item.record.type)) continue
    const candidates = new Set<Item>()
    for (const c of item.claims) for (const k of byClaim.get(c.key) ?? []) candidates.add(k)
    const shared = new Map<Item, number>()
    for (const w of item.words) for (const k of byWord.get(w) ?? []) shared.set(k, (shared.get(k) ?? 0) + 1)
    for (const [k] of [...shared].sort((a, b) => b[1] - a[1]).slice(0, WORD_NEIGHBOURS)) candidates.add(k)

    let merged = false
    for (const older of candidates) {
      if (gone.has(older)) continue
      const similarity = item.vector && older.vector ? cosine(item.vector, older.vector) : null
      const relation = relate(item, older, similarity, config.paraphraseSimilarity)
      if (relation.kind === 'duplicate' && config.dedupe) {
        const into = change(older.record.id)
        into.merges += 1
        const event = historyEvent(older.record.id, 'merged', now, 'system')
        event.details = { rule: relation.rule, score: relation.score, restatement: restatement(item.record) }
        into.events.push(event)
        const archived = change(item.record.id)
        archived.archive = true
        const note = historyEvent(item.record.id, 'archived', now, 'system')
        note.details = { rule: 'duplicate', into: older.record.id }
        archived.events.push(note)
        decide({
          action: 'merge',
          memoryId: item.record.id,
          otherId: older.record.id,
          rule: relation.rule,
          score: relation.score,
        })
        report.merged += 1
        merged = true
        break
      }
      if (relation.kind === 'contradiction' && config.contradictions) {
        const superseded = change(older.record.id)
        superseded.supersede = { by: item.record.id, validTo: item.record.observedAt }
        const event = historyEvent(older.record.id, 'superseded', now, 'system')
        const inputs = relation.conflicts.map(([a, b]) => ({
          key: a.key.replace('\u0000', ' '),
          newer: a.value,
          older: b.value,
        }))
        event.details = {
          rule: relation.rule,
          score: relation.score,
          by: item.record.id,
          inputs,
        } as JsonObject
        superseded.events.push(event)
        decide({
          action: 'supersede',
          memoryId: older.record.id,
          otherId: item.record.id,
          rule: relation.rule,
          score: relation.score,
        })
        report.superseded += 1
        gone.add(older)
      }
    }
    if (merged) gone.add(item)
    else {
      kept.push(item)
      index(item)
    }
  }

  const survivors = items.filter((i) => !gone.has(i))
  const at = activityTime(
    items.map((i) => i.record),
    now,
  )
  const accesses = await store.accessTimes(
    tenantId,
    survivors.map((i) => i.record.id),
  )
  const decayItems = survivors.map((i) => ({
    record: i.record,
    activation: activationOf(i.record, accesses.get(i.record.id) ?? [], at, deps.decay),
  }))
  for (const d of archiveDecisions(decayItems, config, now)) {
    const c = change(d.memoryId)
    c.archive = true
    const event = historyEvent(d.memoryId, 'archived', now, 'system')
    event.details = {
      rule: d.rule,
      activation: d.activation,
      ...(d.threshold === null ? {} : { threshold: d.threshold }),
    }
    c.events.push(event)
    decide({ action: 'archive', memoryId: d.memoryId, rule: d.rule, activation: d.activation })
    if (d.rule === 'expired') report.expired += 1
    else report.archived += 1
  }
  if (!dryRun) await applyChanges(store, tenantId, changes.values())
}

/** An empty report to fill. */
export function newReport(dryRun: boolean, now: Date): ConsolidationReport {
  const at = now.toISOString()
  return {
    dryRun,
    skipped: false,
    startedAt: at,
    finishedAt: at,
    users: 0,
    scanned: 0,
    merged: 0,
    superseded: 0,
    archived: 0,
    expired: 0,
    decisions: [],
    truncated: false,
  }
}
