/**
 * Growth under restatement: feeds N memories that restate F facts, then consolidates.
 * Usage: npm run bench:lifecycle -- [--facts 500] [--total 20000] [--batch 1000] [--path FILE]
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { runGrowth } from '../src/bench/growth.js'
import { createMemory } from '../src/index.js'

const { values } = parseArgs({
  options: {
    facts: { type: 'string', default: '500' },
    total: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '1000' },
    path: { type: 'string' },
  },
})
const dir = await mkdtemp(join(tmpdir(), 'recall-bench-'))
const memory = await createMemory({ path: values.path ?? join(dir, 'growth.db') })
const result = await runGrowth(memory, {
  facts: Number(values.facts),
  total: Number(values.total),
  batch: Number(values.batch),
  onProgress: (done) => process.stderr.write(`\r${done} / ${values.total}`),
})
process.stderr.write('\n')
console.log(`facts ${result.facts}, inputs ${result.inputs} (batches of ${values.batch})`)
console.log(
  `ingest ${result.ingestSeconds.toFixed(1)} s (${Math.round(result.inputs / result.ingestSeconds)}/s)`,
)
console.log(
  `active after ingest ${result.activeAfterIngest}, after consolidate ${result.activeAfterConsolidate} (${result.consolidateSeconds.toFixed(1)} s)`,
)
console.log(`facts lost ${result.lostFacts}, inputs unreachable ${result.lostInputs}`)
await memory.close()
if (!values.path) await rm(dir, { recursive: true, force: true })
