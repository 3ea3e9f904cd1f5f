/**
 * Times `addMany` of N memories in one batch and searches over them.
 * Usage: npm run bench:ingest -- [--count 10000] [--queries 200] [--path FILE | --store postgres://...] [--lifecycle]
 *
 * `--store` runs on PostgreSQL, in a fresh schema `bench_ingest_<random>` that is dropped afterwards.
 *
 * The notes are all distinct, but many say where the same people moved: with
 * `--lifecycle` the add-time checks run and supersede them (see bench:lifecycle
 * for what they cost); without it, every note stays active and the figures are
 * those of the store and ranking alone.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openBenchStore } from '../src/bench/bench-store.js'
import { createMemory } from '../src/index.js'

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '200' },
    path: { type: 'string' },
    store: { type: 'string' },
    lifecycle: { type: 'boolean', default: false },
  },
})
const count = Number(values.count)
const queries = Number(values.queries)
const dir = await mkdtemp(join(tmpdir(), 'recall-bench-'))
const path = values.path ?? join(dir, 'bench.db')

const people = ['Alice', 'Bob', 'Carmen', 'Dmitri', 'Esi', 'Farah', 'Goran', 'Hana', 'Ivo', 'Jun']
const verbs = ['moved to', 'visited', 'works in', 'studied in', 'got married in', 'opened a bakery in']
const places = ['Berlin', 'Lisbon', 'Osaka', 'Quito', 'Nairobi', 'Oslo', 'Hanoi', 'Perth', 'Tunis', 'Cusco']
const extras = [
  'last spring',
  'with her sister',
  'after the conference',
  'for two years',
  'in 2021',
  'on a whim',
]
const pick = <T>(list: readonly T[], i: number) => list[i % list.length] as T
const sentence = (i: number) =>
  `${pick(people, i)} ${pick(verbs, i * 7 + 3)} ${pick(places, i * 13 + 5)} ${pick(extras, i * 3 + 1)} (note ${i})`

const bench = values.store ? await openBenchStore(values.store, 'bench_ingest') : undefined
const memory = await createMemory({
  ...(bench ? { store: bench.store } : { path }),
  lifecycle: values.lifecycle ? {} : { dedupe: false, contradictions: false },
})
const inputs = Array.from({ length: count }, (_, i) => ({ content: sentence(i), userId: 'bench-user' }))
let t = performance.now()
await memory.addMany(inputs)
const ingestMs = performance.now() - t

const latencies: number[] = []
for (let q = 0; q < queries; q++) {
  t = performance.now()
  await memory.search({
    query: `where did ${pick(people, q)} move ${pick(extras, q)}`,
    userId: 'bench-user',
    limit: 10,
  })
  latencies.push(performance.now() - t)
}
latencies.sort((a, b) => a - b)
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0
console.log(
  `addMany of ${count} memories: ${(ingestMs / 1000).toFixed(2)} s (${Math.round(count / (ingestMs / 1000))} memories/s)`,
)
console.log(
  `search over ${count} memories in one scope, ${queries} queries: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms`,
)
await memory.close()
await bench?.drop()
if (!values.path) await rm(dir, { recursive: true, force: true })
