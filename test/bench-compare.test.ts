import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { Socket } from 'node:net'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runRecall, tempDir } from './helpers.js'

const ROOT = join(import.meta.dirname, '..')
// Two small conversations in LoCoMo's format, written for this test (19 turns, 8 questions).
const MINI = join(ROOT, 'test/fixtures/locomo-mini.json')

const inUnitRange = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1

afterEach(() => {
  vi.restoreAllMocks()
})

describe('recall bench compare', () => {
  it('runs Adaptive Recall and mem0 on the same conversations, offline, and reports both', {
    timeout: 120_000,
  }, async () => {
    const mem0Home = join(homedir(), '.mem0')
    const hadMem0Home = existsSync(mem0Home)
    const mem0Dir = process.env.MEM0_DIR
    const connect = vi.spyOn(Socket.prototype, 'connect')
    const fetch = vi.spyOn(globalThis, 'fetch')
    const out = await tempDir()
    const run = await runRecall(['bench', 'compare', '--data', MINI, '--json', '--out', out])
    expect(run.err).not.toMatch(/error/i)
    expect(run.code).toBe(0)
    // Telemetry off, no LLM, stores in memory: nothing is sent anywhere.
    expect(connect).not.toHaveBeenCalled()
    expect(fetch).not.toHaveBeenCalled()
    const report = JSON.parse(run.out)
    // Categories 1-4 only; one question's evidence resolves to no turn.
    expect(report).toMatchObject({
      dataset: 'locomo',
      compare: { package: 'mem0ai', infer: false, threshold: 0 },
      conversations: 2,
      questions: 6,
      skipped: 1,
      memories: 19,
    })
    expect(report.systems.map((s: { name: string }) => s.name)).toEqual(['adaptive-recall', 'mem0'])
    for (const s of report.systems) {
      for (const key of ['recall@5', 'recall@10', 'recall@20', 'ndcg@10'])
        expect(inUnitRange(s[key]), `${s.name} ${key}`).toBe(true)
      expect(s['recall@5']).toBeLessThanOrEqual(s['recall@10'])
      expect(s['recall@10']).toBeLessThanOrEqual(s['recall@20'])
      // Each question shares its key words with its evidence turn: hits that map back to
      // the right turns (mem0's through its metadata) put every evidence turn in the top 10.
      expect(s['recall@10'], s.name).toBe(1)
      expect(s.ingestMs).toBeGreaterThan(0)
      expect(s.ingestMsPerMemory).toBeCloseTo(s.ingestMs / 19, 3)
      expect(s.searchP50Ms).toBeGreaterThan(0)
      expect(s.searchP50Ms).toBeLessThanOrEqual(s.searchP95Ms)
      expect(Object.keys(s.byCategory).sort()).toEqual(['multi-hop', 'open-domain', 'single-hop', 'temporal'])
    }
    const [ours, mem0] = report.systems
    expect(report.ratios['recall@5']).toBeCloseTo(ours['recall@5'] / mem0['recall@5'], 2)
    expect(report.ratios.searchP50Ms).toBeCloseTo(ours.searchP50Ms / mem0.searchP50Ms, 2)
    const markdown = await readFile(join(out, 'report.md'), 'utf8')
    expect(markdown).toMatch(/\| R@10 +\| +1\.000 \| +1\.000 \| +1\.00 \|/)
    expect(markdown).toContain('infer: false')
    // mem0's home directory and history file went to a temporary place, not the user's.
    if (!hadMem0Home) expect(existsSync(mem0Home)).toBe(false)
    expect(existsSync(join(process.cwd(), 'memory.db'))).toBe(false)
    expect(process.env.MEM0_DIR).toBe(mem0Dir)
  })

  it('needs --data', async () => {
    const run = await runRecall(['bench', 'compare'])
    expect(run.code).toBe(2)
    expect(run.err).toContain('--data is required')
  })
})
