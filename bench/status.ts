/**
 * Times `status()` (counts, confidence and the activation histogram) over N memories,
 * against `stats()` (the store's counts alone): what the histogram adds.
 * Usage: npm run bench:status -- [--count 100000] [--users 10] [--runs 5] [--path FILE | --store postgres://…?schema=name] [--existing]
 *
 * A fifth of the memories get one to three accesses (recorded in the store directly, at
 * times from minutes to months ago), so that histories are neither empty nor alike.
 * With `--store`, use a fresh schema: the bench adds memories and leaves them there;
 * `--existing` skips adding and measures what the store or file already holds.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createMemory } from '../src/index.js'
import { openStoreUrl } from '../src/store/open-store.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    users: { type: 'string', default: '10' },
    runs: { type: 'string', default: '5' },
    path: { type: 'string' },
    store: { type: 'string' },
    existing: { type: 'boolean', default: false },
  },
})
const count = Number(values.count)
const users = Number(values.users)
const runs = Number(values.runs)
const dir = await mkdtemp(join(tmpdir(), 'recall-bench-'))
const store = values.store
  ? await openStoreUrl(values.store)
  : await createSqliteStore({ path: values.path ?? join(dir, 'status.db') })
const memory = await createMemory({ store, lifecycle: { dedupe: false, contradictions: false } })

const places = ['Berlin', 'Lisbon', 'Osaka', 'Quito', 'Nairobi', 'Oslo', 'Hanoi', 'Perth', 'Tunis', 'Cusco']
const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + (i % 1500) * 86_400_000).toISOString()
const BATCH = 1000
const MINUTE = 60_000
for (let from = 0; !values.existing && from < count; from += BATCH) {
  const n = Math.min(BATCH, count - from)
  const added = await memory.addMany(
    Array.from({ length: n }, (_, k) => {
      const i = from + k
      return {
        content: `Note ${i}: a trip to ${places[i % places.length]} number ${i % 97}`,
        userId: `user-${i % users}`,
        observedAt: day(i),
      }
    }),
  )
  // Every fifth memory: one to three accesses, minutes to months ago.
  for (let uses = 1; uses <= 3; uses++) {
    const ids = added.filter((_, k) => (from + k) % 5 === 0 && (from + k) % 3 < uses).map((m) => m.id)
    const at = new Date(Date.now() - uses * 7 ** ((from / BATCH) % 8) * MINUTE).toISOString()
    await store.recordAccess('default', ids, at)
  }
  process.stderr.write(`\radded ${from + n} / ${count}`)
}
process.stderr.write('\n')

const median = async (work: () => Promise<unknown>) => {
  const times: number[] = []
  for (let r = 0; r < runs; r++) {
    const t = performance.now()
    await work()
    times.push(performance.now() - t)
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0
}
const status = await memory.status()
const total = (await memory.stats()).byStatus.active
console.log(`backend ${store.name}, ${total} active memories, ${users} users`)
console.log(`activation histogram (tenant): ${status.activation.join(' ')}`)
for (const [what, input] of [
  [`tenant (${total} memories)`, {}],
  [`one user (${(await memory.stats({ userId: 'user-0' })).byStatus.active} memories)`, { userId: 'user-0' }],
] as const) {
  const withHistogram = await median(() => memory.status(input))
  const countsOnly = await median(() => memory.stats(input))
  console.log(
    `status of the ${what}: median ${withHistogram.toFixed(0)} ms; stats alone ${countsOnly.toFixed(0)} ms (${runs} runs)`,
  )
}
await memory.close()
if (!values.path && !values.store) await rm(dir, { recursive: true, force: true })
