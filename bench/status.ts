/**
 * Times `status()` (counts, confidence and the activation histogram) over N memories,
 * against `stats()` (the store's counts alone): what the histogram adds.
 * Usage: npm run bench:status -- [--count 100000] [--users 10] [--runs 5] [--path FILE | --store postgres://…?schema=name]
 *
 * A fifth of the memories are retrieved a few times first, so that histories are not all empty.
 * With `--store`, use a fresh schema: the bench adds memories and leaves them there.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createMemory } from '../src/index.js'
import { openStoreUrl } from '../src/store/open-store.js'

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    users: { type: 'string', default: '10' },
    runs: { type: 'string', default: '5' },
    path: { type: 'string' },
    store: { type: 'string' },
  },
})
const count = Number(values.count)
const users = Number(values.users)
const runs = Number(values.runs)
const dir = await mkdtemp(join(tmpdir(), 'recall-bench-'))
const memory = await createMemory({
  ...(values.store
    ? { store: await openStoreUrl(values.store) }
    : { path: values.path ?? join(dir, 'status.db') }),
  lifecycle: { dedupe: false, contradictions: false },
})

const places = ['Berlin', 'Lisbon', 'Osaka', 'Quito', 'Nairobi', 'Oslo', 'Hanoi', 'Perth', 'Tunis', 'Cusco']
const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + (i % 1500) * 86_400_000).toISOString()
const BATCH = 1000
for (let from = 0; from < count; from += BATCH) {
  const n = Math.min(BATCH, count - from)
  await memory.addMany(
    Array.from({ length: n }, (_, k) => {
      const i = from + k
      return {
        content: `Note ${i}: a trip to ${places[i % places.length]} number ${i % 97}`,
        userId: `user-${i % users}`,
        observedAt: day(i),
      }
    }),
  )
  process.stderr.write(`\radded ${from + n} / ${count}`)
}
process.stderr.write('\n')
// Retrieval records accesses: a fifth of the memories get one to three.
for (let q = 0; q < Math.ceil(count / 5 / 10); q++)
  await memory.search({
    query: `trip to ${places[q % places.length]} number ${q % 97}`,
    userId: `user-${q % users}`,
  })

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
const perUser = Math.round(count / users)
console.log(`backend ${values.store ? 'postgres' : 'sqlite'}, ${count} active memories, ${users} users`)
console.log(`activation histogram (tenant): ${status.activation.join(' ')}`)
for (const [what, input] of [
  [`tenant (${count} memories)`, {}],
  [`one user (${perUser} memories)`, { userId: 'user-0' }],
] as const) {
  const withHistogram = await median(() => memory.status(input))
  const countsOnly = await median(() => memory.stats(input))
  console.log(
    `status of the ${what}: median ${withHistogram.toFixed(0)} ms; stats alone ${countsOnly.toFixed(0)} ms (${runs} runs)`,
  )
}
await memory.close()
if (!values.path && !values.store) await rm(dir, { recursive: true, force: true })
