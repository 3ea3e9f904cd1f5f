import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { LoadReport } from '../bench/load-report.js'

const ROOT = join(import.meta.dirname, '..')

/** Runs `bench/load.ts` as `npm run bench:load` does; resolves with its exit code and JSON report. */
async function load(args: string[]): Promise<{ code: number; report: LoadReport; stderr: string }> {
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/load.ts', '--json', ...args], {
    cwd: ROOT,
    timeout: 120_000,
  })
  const { stdout, stderr, code } = await run.then(
    (r) => ({ ...r, code: 0 }),
    (e: { stdout: string; stderr: string; code: number }) => e,
  )
  const line = stdout.trim().split('\n').at(-1) ?? ''
  return { code, report: JSON.parse(line) as LoadReport, stderr }
}

describe('npm run bench:load', () => {
  it('drives a real server with mixed requests and reports no errors, latency and memory', async () => {
    const { code, report, stderr } = await load(['--duration', '8', '--rate', '15', '--preload', '80'])
    expect(report.errors, stderr).toBe(0)
    expect(code).toBe(0)
    expect(report).toMatchObject({ store: 'sqlite', durationSeconds: 8, targetRate: 15, ok: true })
    // Sent at the rate asked, more or less (a loaded machine sends fewer, never none).
    expect(report.requests).toBeGreaterThan(20)
    expect(report.latencyMs.p50).toBeGreaterThan(0)
    expect(report.latencyMs.p99).toBeGreaterThanOrEqual(report.latencyMs.p95)
    expect(report.latencyMs.p95).toBeGreaterThanOrEqual(report.latencyMs.p50)
    expect(report.rss.samples).toBeGreaterThanOrEqual(5)
    expect(report.rss.firstWindowMb).toBeGreaterThan(10)
  }, 180_000)

  it('exits non-zero when resident memory grows beyond the bound', async () => {
    // A bound no run can meet: the failure path, without waiting for a real leak.
    const { code, report } = await load([
      '--duration',
      '3',
      '--rate',
      '5',
      '--preload',
      '8',
      '--max-rss-growth-mb=-100000',
    ])
    expect(report.errors).toBe(0)
    expect(report.ok).toBe(false)
    expect(code).toBe(1)
  }, 180_000)
})
