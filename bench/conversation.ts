/**
 * Times `add({ messages })` of a 10-message conversation with the offline
 * heuristic extractor (episodes + facts, one transaction) on a SQLite file.
 * Usage: npm run bench:conversation -- [--runs 300]
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createMemory } from '../src/index.js'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '300' } } })
const runs = Number(values.runs)
const dir = await mkdtemp(join(tmpdir(), 'recall-bench-'))
const memory = await createMemory({ path: join(dir, 'bench.db') })

const lines: [string, string][] = [
  ['Caroline', 'Hey Mel! How have you been?'],
  [
    'Melanie',
    'Pretty good! I finally signed up for the pottery class I told you about, it starts next Monday.',
  ],
  ['Caroline', 'That is awesome. I went to the LGBTQ support group yesterday and it was so powerful.'],
  ['Melanie', 'I am so glad you went. What did you talk about?'],
  ['Caroline', 'Mostly about my transition and the adoption agencies I have been researching since March.'],
  ['Melanie', 'My kids keep asking when they can meet your new puppy, by the way.'],
  ['Caroline', 'Ha! Luna would love that. We could all go hiking at Mount Tam this weekend.'],
  ['Melanie', 'Sounds great. My husband just got back from a conference in Denver last week.'],
  ['Caroline', 'I have been painting a lot lately, mostly sunsets over the lake near my apartment.'],
  ['Melanie', 'Send me a photo! Take care, talk soon.'],
]
const start = Date.parse('2023-05-08T13:56:00Z')
const latencies: number[] = []
for (let run = 0; run < runs; run++) {
  const messages = lines.map(([name, content], i) => ({
    role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
    name,
    // A different day each run, so every conversation is new and nothing is deduplicated.
    content: `${content}`,
    createdAt: new Date(start + run * 86_400_000 + i * 60_000).toISOString(),
  }))
  const t = performance.now()
  await memory.add({ messages, userId: 'caroline', sessionId: `session-${run}` })
  latencies.push(performance.now() - t)
}
latencies.sort((a, b) => a - b)
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0
const stats = await memory.stats()
console.log(
  `add({ messages }) of a 10-message conversation, heuristic extractor, ${runs} runs: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms`,
)
console.log(`stored ${stats.byType.episode ?? 0} episodes and ${stats.byType.fact ?? 0} facts`)
await memory.close()
await rm(dir, { recursive: true, force: true })
