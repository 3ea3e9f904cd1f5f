import { retryOnConflict } from '../conflicts.js'
import { MemoryError } from '../errors.js'
import { historyEvent } from '../records.js'
import type { MemoryStore, RecordPatch } from '../store/store.js'
import type { HistoryEvent, JsonObject, MemoryRecord } from '../types.js'

export interface UndoDeps {
  store: MemoryStore
  tenantId: string
  now: () => Date
  /** Stores a memory again from what a merge event kept of it. */
  recreate(restatement: JsonObject, userId: string, undoneEvent: string): Promise<MemoryRecord>
}

/** What `undo` reversed, and the memories as they are now. */
export interface UndoResult {
  undone: HistoryEvent
  memories: MemoryRecord[]
}

const UNDOABLE = new Set(['merged', 'superseded', 'archived', 'restored'])

async function patchWith(
  deps: UndoDeps,
  id: string,
  expect: (r: MemoryRecord) => boolean,
  changes: RecordPatch | ((current: MemoryRecord) => RecordPatch),
  event: HistoryEvent,
): Promise<MemoryRecord> {
  for (let attempt = 0; ; attempt++) {
    const [current] = await deps.store.get(deps.tenantId, [id])
    if (!current) throw new MemoryError('NOT_FOUND', `No memory with id ${id}`)
    if (!expect(current))
      throw new MemoryError(
        'CONFLICT',
        `Memory ${id} has changed since (it is ${current.status}); nothing was undone`,
      )
    try {
      const patch = typeof changes === 'function' ? changes(current) : changes
      return await deps.store.patch(deps.tenantId, id, patch, [event], current.version)
    } catch (error) {
      if (!(await retryOnConflict(error, attempt))) throw error
    }
  }
}

/**
 * Reverses one lifecycle decision: a merge (the restatement becomes its own
 * memory again), a supersession or an archiving (the memory is active again),
 * or a restore (archived again). Each decision can be undone once.
 */
export async function undoEvent(deps: UndoDeps, eventId: string): Promise<UndoResult> {
  const found = await deps.store.event(deps.tenantId, eventId)
  if (!found) throw new MemoryError('NOT_FOUND', `No history event with id ${eventId}`)
  const { event, userId } = found
  if (!UNDOABLE.has(event.event))
    throw new MemoryError(
      'INVALID_INPUT',
      `A "${event.event}" event cannot be undone; only merged, superseded, archived and restored`,
    )
  const history = await deps.store.history(deps.tenantId, event.memoryId)
  if (history.some((e) => e.event === 'undone' && e.details?.eventId === eventId))
    throw new MemoryError('CONFLICT', `Event ${eventId} was already undone`)
  const note = historyEvent(event.memoryId, 'undone', deps.now(), 'user')
  note.details = { eventId, kind: event.event }
  const id = event.memoryId
  const memories: MemoryRecord[] = []

  if (event.event === 'merged') {
    const kept = event.details?.restatement as JsonObject | undefined
    if (!kept) throw new MemoryError('CONFLICT', `Event ${eventId} does not say what was merged`)
    const mergedId = typeof kept.memoryId === 'string' ? kept.memoryId : null
    const [existing] = mergedId ? await deps.store.get(deps.tenantId, [mergedId]) : []
    const separate =
      existing && existing.status === 'archived'
        ? await patchWith(
            deps,
            existing.id,
            (r) => r.status === 'archived',
            { status: 'active' },
            restoredEvent(existing.id, eventId, deps.now()),
          )
        : await deps.recreate(kept, userId, eventId)
    note.details.restored = separate.id
    const target = await patchWith(
      deps,
      id,
      () => true,
      (r) => ({ corroborations: Math.max(0, r.corroborations - 1) }),
      note,
    )
    memories.push(target, separate)
  } else if (event.event === 'superseded') {
    const by = event.details?.by
    memories.push(
      await patchWith(
        deps,
        id,
        (r) => r.status === 'superseded' && r.supersededBy === by,
        { status: 'active', validTo: null, supersededBy: null },
        note,
      ),
    )
  } else if (event.event === 'archived') {
    await patchWith(deps, id, (r) => r.status === 'archived', { status: 'active' }, note)
    // As with restore: wanting it back is a use.
    await deps.store.recordAccess(deps.tenantId, [id], deps.now().toISOString())
    memories.push(...(await deps.store.get(deps.tenantId, [id])))
  } else {
    memories.push(await patchWith(deps, id, (r) => r.status === 'active', { status: 'archived' }, note))
  }
  return { undone: event, memories }
}

function restoredEvent(id: string, eventId: string, at: Date): HistoryEvent {
  const e = historyEvent(id, 'restored', at, 'user')
  e.details = { undoes: eventId }
  return e
}

/** Brings an archived or superseded memory back to active. An active one is returned as it is. */
export async function restoreMemory(
  deps: Pick<UndoDeps, 'store' | 'tenantId' | 'now'>,
  id: string,
): Promise<MemoryRecord> {
  const [current] = await deps.store.get(deps.tenantId, [id])
  if (!current) throw new MemoryError('NOT_FOUND', `No memory with id ${id}`)
  if (current.status === 'active') return current
  const at = deps.now()
  const event = historyEvent(id, 'restored', at, 'user')
  event.details = { from: current.status }
  const restored = await deps.store.patch(
    deps.tenantId,
    id,
    { status: 'active', validTo: null, supersededBy: null },
    [event],
    current.version,
  )
  // Wanting it back is a use: without it, the next pass would archive it again at once.
  await deps.store.recordAccess(deps.tenantId, [id], at.toISOString())
  return (await deps.store.get(deps.tenantId, [id]))[0] ?? restored
}
