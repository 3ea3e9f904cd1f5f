import { normaliseText } from '../indexing.js'
import type { Memory } from '../memory.js'
import { restatementCorpus } from './restatements.js'

/** What feeding restatements did to the store. */
export interface GrowthResult {
  facts: number
  inputs: number
  ingestSeconds: number
  /** Active memories after ingest, and after a consolidate() pass. */
  activeAfterIngest: number
  activeAfterConsolidate: number
  consolidateSeconds: number
  /** Facts none of whose wordings is held by an active memory afterwards (should be 0). */
  lostFacts: number
  /** Inputs whose text cannot be found in any memory's content or merge history (should be 0). */
  lostInputs: number
}

async function activeCount(memory: Memory, users: readonly string[]): Promise<number> {
  let n = 0
  for (const userId of users) n += (await memory.stats({ userId })).byStatus.active
  return n
}

/**
 * Feeds `total` memories restating `facts` facts in batches, consolidates, and
 * checks that every fact is still held by an active memory and every input is
 * still reachable (as a memory or in a merge event).
 */
export async function runGrowth(
  memory: Memory,
  options: { facts: number; total: number; batch: number; onProgress?: (done: number) => void },
): Promise<GrowthResult> {
  const { facts, inputs } = restatementCorpus(options.facts, options.total)
  const users = [...new Set(facts.map((f) => f.userId))]
  let t = performance.now()
  for (let i = 0; i < inputs.length; i += options.batch) {
    await memory.addMany(
      inputs.slice(i, i + options.batch).map(({ content, userId }) => ({ content, userId })),
    )
    options.onProgress?.(Math.min(inputs.length, i + options.batch))
  }
  const ingestSeconds = (performance.now() - t) / 1000
  const activeAfterIngest = await activeCount(memory, users)
  t = performance.now()
  await memory.consolidate()
  const consolidateSeconds = (performance.now() - t) / 1000
  const activeAfterConsolidate = await activeCount(memory, users)

  const held = new Map<string, Set<string>>()
  const reachable = new Map<string, Set<string>>()
  for (const userId of users) {
    const active = new Set<string>()
    const all = new Set<string>()
    for (let cursor: string | null | undefined; ; ) {
      const page = await memory.list({
        userId,
        limit: 1000,
        cursor,
        status: ['active', 'superseded', 'archived'],
      })
      for (const m of page.items) {
        all.add(normaliseText(m.content))
        if (m.status === 'active') active.add(normaliseText(m.content))
        for (const e of await memory.history(m.id)) {
          const kept = e.details?.restatement as { content?: string } | undefined
          if (kept?.content) all.add(normaliseText(kept.content))
        }
      }
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    held.set(userId, active)
    reachable.set(userId, all)
  }
  const lostFacts = facts.filter(
    (f) => !f.wordings.some((w) => held.get(f.userId)?.has(normaliseText(w))),
  ).length
  const lostInputs = inputs.filter((i) => !reachable.get(i.userId)?.has(normaliseText(i.content))).length
  return {
    facts: facts.length,
    inputs: inputs.length,
    ingestSeconds,
    activeAfterIngest,
    activeAfterConsolidate,
    consolidateSeconds,
    lostFacts,
    lostInputs,
  }
}
