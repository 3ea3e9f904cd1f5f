/**
 * Drives a real server at a fixed rate of mixed reads and writes and reports what it saw.
 * Usage: npm run bench:load -- [--duration 60] [--rate 50] [--store postgres://…] [--preload 400]
 *                                [--connections 20] [--max-rss-growth-mb 64] [--json]
 *
 * Starts `recall serve` on loopback (SQLite in a temporary directory, or PostgreSQL with
 * --store: a fresh schema unless the URL names one, dropped afterwards), preloads
 * memories, then sends search, context, list, get, add and feedback requests (see
 * `load-mix.ts`) with autocannon at `--rate` requests per second for `--duration` seconds,
 * sampling the server's resident memory every second. Reports requests, errors (non-2xx,
 * socket errors, timeouts), latency p50/p95/p99 as the client saw it, throughput, and the
 * server's RSS over the first and last 10 seconds. Exits 1 when any request failed or RSS
 * grew by more than --max-rss-growth-mb between those windows.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import pg from 'pg'
import { mixedRequest, preloadInputs } from './load-mix.js'
import {
  formatReport,
  type LoadReport,
  percentile,
  type RssSample,
  round,
  rssWindows,
} from './load-report.js'
import { rssBytes, startLoadServer } from './load-server.js'

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    rate: { type: 'string', default: '50' },
    store: { type: 'string' },
    preload: { type: 'string', default: '400' },
    connections: { type: 'string', default: '20' },
    'max-rss-growth-mb': { type: 'string', default: '64' },
    json: { type: 'boolean', default: false },
  },
})
const duration = Number(values.duration)
const rate = Number(values.rate)
const maxGrowthMb = Number(values['max-rss-growth-mb'])
const USERS = Array.from({ length: 8 }, (_, i) => `load-user-${i}`)

const dataDir = await mkdtemp(join(tmpdir(), 'recall-load-'))
// A schema of our own, so that the load never touches data already in the database.
const schema =
  values.store && !/[?&]schema=/.test(values.store) ? `recall_load_${randomBytes(4).toString('hex')}` : null
const store =
  values.store && schema
    ? `${values.store}${values.store.includes('?') ? '&' : '?'}schema=${schema}`
    : values.store
const key = `load-admin-${randomBytes(16).toString('hex')}`
const server = await startLoadServer({ dataDir, adminKey: key, ...(store ? { store } : {}) })

try {
  const ids: string[] = []
  const perUser = Math.max(1, Math.ceil(Number(values.preload) / USERS.length))
  for (const user of USERS) {
    const res = await fetch(`${server.url}/v1/memories/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ memories: preloadInputs(user, perUser) }),
    })
    if (res.status !== 201) throw new Error(`preload failed with ${res.status}: ${await res.text()}`)
    const { memories } = (await res.json()) as { memories: { id: string }[] }
    ids.push(...memories.map((m) => m.id))
  }

  const target = { key, users: USERS, ids }
  let n = 0
  const latencies: number[] = []
  let non2xx = 0
  const samples: RssSample[] = []
  const started = Date.now()
  const sampler = setInterval(
    () => samples.push({ at: (Date.now() - started) / 1000, bytes: rssBytes(server.pid) }),
    1000,
  )
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections: Number(values.connections),
        duration,
        overallRate: rate,
        requests: [{ setupRequest: (req) => Object.assign(req, mixedRequest(target, n++, Math.random)) }],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    )
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms)
      if (status < 200 || status > 299) non2xx++
    })
  })
  clearInterval(sampler)
  latencies.sort((a, b) => a - b)
  const warnings = server.warnings()

  const rss = { samples: samples.length, ...rssWindows(samples, duration), maxGrowthMb }
  const errors = non2xx + result.errors + result.timeouts
  const report: LoadReport = {
    store: store ? 'postgres' : 'sqlite',
    durationSeconds: duration,
    targetRate: rate,
    requests: latencies.length,
    errors,
    non2xx,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? 0),
    },
    throughputPerSecond: round(latencies.length / duration),
    rss,
    serverWarnings: warnings,
    ok: errors === 0 && latencies.length > 0 && rss.growthMb <= maxGrowthMb,
  }
  console.log(values.json ? JSON.stringify(report) : formatReport(report))
  if (!report.ok && warnings > 0) console.error(server.tail())
  process.exitCode = report.ok ? 0 : 1
} finally {
  await server.stop()
  await rm(dataDir, { recursive: true, force: true })
  if (values.store && schema) {
    const client = new pg.Client({ connectionString: values.store })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end())
  }
}
