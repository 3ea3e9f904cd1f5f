import { expect } from 'vitest'
import type { Memory } from '../src/memory.js'

/** The user forgotten in tenant t1; tenant t2 has a user of the same id, who stays. */
export const VICTIM = 'victimqzx'
/** A word only the victim's data in t1 contains (lower case, and no ending a stemmer rewrites). */
export const mark = (i: number) => `zqvk${i}qz`
/** Words of the users who stay: the other user of t1, and the same user id in t2. */
export const keeperMark = (i: number) => `zqkp${i}qz`
export const otherTenantMark = (i: number) => `zqot${i}qz`
export const VICTIM_MARKS = Array.from({ length: 14 }, (_, i) => mark(i + 1))

/**
 * Gives the victim every kind of trace the API can leave: memories with metadata, tags,
 * source, agent and session; a superseded fact and its claims; a merged restatement; an
 * update (before/after snapshots); a deleted memory (tombstone); retrievals (access
 * times); feedback with a query (association, event details); a conversation extracted in
 * a background job; entities; consolidation reports of the user and of the whole tenant. Returns the victim's memory and
 * event ids, which must not survive either.
 */
export async function seedVictim(t1: Memory): Promise<string[]> {
  const base = { userId: VICTIM, agentId: `agent${mark(1)}`, sessionId: `session${mark(2)}` }
  const first = await t1.add({
    ...base,
    content: `Victim lives in Zq${mark(3)}`,
    source: `chat ${mark(4)}`,
    metadata: { note: mark(5), nested: { deeper: [mark(5)] } },
    tags: [mark(6)],
    observedAt: '2024-01-10',
  })
  await t1.add({ ...base, content: `Victim lives in Zq${mark(3)}!`, observedAt: '2024-01-11' })
  await t1.add({ ...base, content: `Victim moved to Zqparisz ${mark(7)}`, observedAt: '2024-06-01' })
  const met = await t1.add({ ...base, content: `Victim met Zqalicez at the ${mark(8)} cafe` })
  await t1.update(met.id, { content: `Victim met Zqalicez at the ${mark(9)} bar`, metadata: { x: mark(9) } })
  const gone = await t1.add({ ...base, content: `${mark(10)} was a passing thought` })
  await t1.delete(gone.id)
  await t1.search({ query: `where does Victim live ${mark(3)}`, userId: VICTIM, includeSuperseded: true })
  await t1.feedback({ memoryId: met.id, useful: true, query: `Where did Victim meet Zqalicez ${mark(11)}?` })
  await t1.add({
    ...base,
    messages: [
      { role: 'user', name: 'Victim', content: `I adopted a dog named ${mark(12)} yesterday.` },
      { role: 'assistant', content: `Lovely! ${mark(13)} is a fine name.` },
    ],
  })
  await t1.flush({ timeoutMs: 60_000 })
  await t1.consolidate({ userId: VICTIM })
  await t1.add({ ...base, content: `Victim plans a trip ${mark(14)}`, expiresAt: '2020-01-01' })
  // A pass over the whole tenant: its report names the memory it archives.
  const pass = await t1.consolidate()
  expect(pass.decisions.map((d) => d.action)).toContain('archive')
  const page = await t1.list({ userId: VICTIM, limit: 1000, status: ['active', 'superseded', 'archived'] })
  expect(page.items.length).toBeGreaterThanOrEqual(7)
  expect(new Set(page.items.map((m) => m.status))).toEqual(new Set(['active', 'superseded', 'archived']))
  const ids = [...page.items.map((m) => m.id), gone.id, first.id]
  const events = (await Promise.all(ids.map((id) => t1.history(id)))).flat()
  return [...new Set([...ids, ...events.map((e) => e.id)])]
}

/** Memories of the users who must stay untouched. */
export async function seedBystanders(t1: Memory, t2: Memory): Promise<void> {
  for (let i = 1; i <= 3; i++) {
    await t1.add({
      userId: 'keeper',
      content: `Keeper likes ${keeperMark(i)} and Zqlondonz`,
      tags: [keeperMark(i)],
    })
    await t2.add({ userId: VICTIM, content: `Same id, other tenant: ${otherTenantMark(i)} in Zqlondonz` })
  }
  await t1.search({ query: 'Zqlondonz', userId: 'keeper' })
  await t2.search({ query: 'Zqlondonz', userId: VICTIM })
}

/** Every line of an export but the header (which carries the time of export). */
export async function exportBody(memory: Memory, userId?: string): Promise<string> {
  let out = ''
  for await (const line of memory.export(userId === undefined ? {} : { userId })) out += line
  return out.split('\n').slice(1).join('\n')
}
