import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadLocomo } from '../src/bench/locomo.js'
import { runRecall, tempDir } from './helpers.js'

const ROOT = join(import.meta.dirname, '..')
const LOCOMO = join(ROOT, '../shared/data/locomo/locomo10.json')
const LONGMEMEVAL = join(ROOT, '../shared/data/longmemeval/sample-2q.json')
const SYSTEMS = ['adaptive-recall', 'bm25', 'dense']

/** A test that runs only when the data file exists; when skipped, its name says which file is missing. */
function withData(path: string): [ReturnType<typeof it.skipIf>, string] {
  const found = existsSync(path)
  return [it.skipIf(!found), found ? '' : ` (skipped: ${relative(ROOT, path)} not found)`]
}

const recall = (args: string[]) => runRecall(args)

const inUnitRange = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1

describe('recall bench locomo', () => {
  const [test, why] = withData(LOCOMO)
  test(`scores one conversation for three systems and writes a report${why}`, {
    timeout: 180_000,
  }, async () => {
    const out = await tempDir()
    const run = await recall([
      'bench',
      'locomo',
      '--data',
      LOCOMO,
      '--limit-conversations',
      '1',
      '--json',
      '--out',
      out,
    ])
    expect(run.err).not.toMatch(/error/i)
    expect(run.code).toBe(0)
    const report = JSON.parse(run.out)
    const [first] = await loadLocomo(LOCOMO)
    expect(report).toMatchObject({
      dataset: 'locomo',
      conversations: 1,
      questions: first?.questions.length,
      skipped: first?.skipped,
    })
    expect(report.questions).toBeGreaterThan(100)
    expect(report.systems.map((s: { name: string }) => s.name)).toEqual(SYSTEMS)
    for (const s of report.systems) {
      for (const key of ['recall@5', 'recall@10', 'recall@20', 'ndcg@10'])
        expect(inUnitRange(s[key]), key).toBe(true)
      expect(s['recall@5']).toBeLessThanOrEqual(s['recall@10'])
      expect(s['recall@10']).toBeLessThanOrEqual(s['recall@20'])
      // Retrieval that works finds a good share of evidence turns (BM25 alone: R@10 ≈ 0.57 over all ten).
      expect(s['recall@20']).toBeGreaterThan(0.3)
      expect(s.context1000 === null || inUnitRange(s.context1000)).toBe(true)
      expect(Object.keys(s.byCategory).sort()).toEqual(['multi-hop', 'open-domain', 'single-hop', 'temporal'])
      const perCategory = Object.values(s.byCategory) as { questions: number; 'recall@10': number }[]
      expect(perCategory.reduce((n, c) => n + c.questions, 0)).toBe(report.questions)
      for (const c of perCategory) expect(inUnitRange(c['recall@10'])).toBe(true)
      expect(s.latencyMs.p50).toBeGreaterThan(0)
      expect(s.latencyMs.p50).toBeLessThanOrEqual(s.latencyMs.p95)
      expect(s.ingestMs).toBeGreaterThan(0)
    }
    const markdown = await readFile(join(out, 'report.md'), 'utf8')
    expect(markdown).toContain('| adaptive-recall |')
    expect(markdown).toContain('](plot.svg)')
    const svg = await readFile(join(out, 'plot.svg'), 'utf8')
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    // Self-contained: nothing fetched, nothing run.
    expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|<script|href=/)
  })
})

describe('recall bench longmemeval', () => {
  const [test, why] = withData(LONGMEMEVAL)
  test(`scores the sample at session and turn level${why}`, { timeout: 60_000 }, async () => {
    const run = await recall(['bench', 'longmemeval', '--data', LONGMEMEVAL, '--json'])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.out)
    // The sample holds one knowledge-update question and one abstention question.
    expect(report).toMatchObject({
      dataset: 'longmemeval',
      questions: 1,
      skipped: 1,
      skippedBy: { abstention: 1, noUserEvidence: 0 },
    })
    expect(report.systems.map((s: { name: string }) => s.name)).toEqual(SYSTEMS)
    for (const s of report.systems) {
      for (const level of ['session', 'turn']) {
        const r = s[level]
        for (const k of [1, 3, 5, 10, 30, 50]) {
          for (const m of ['recall_any', 'recall_all', 'ndcg_any'])
            expect(inUnitRange(r[`${m}@${k}`])).toBe(true)
          expect(r[`recall_all@${k}`]).toBeLessThanOrEqual(r[`recall_any@${k}`])
        }
        expect(r.byType['knowledge-update'].questions).toBe(1)
      }
      // Both haystack sessions are evidence: any one is a hit, both fit in the top 3 but not the top 1.
      expect(s.session['recall_any@1']).toBe(1)
      expect(s.session['recall_all@1']).toBe(0)
      expect(s.session['recall_all@3']).toBe(1)
      // Twelve user turns in all, so the top 30 holds both evidence turns.
      expect(s.turn['recall_all@30']).toBe(1)
    }
  })

  test(`prints readable tables without --json${why}`, { timeout: 60_000 }, async () => {
    const run = await recall(['bench', 'longmemeval', '--data', LONGMEMEVAL, '--k', '1,5'])
    expect(run.code).toBe(0)
    expect(run.out).toContain('1 questions (1 skipped: 1 abstention, 0 without user-side evidence)')
    expect(run.out).toMatch(/\| bm25 +\| recall_all +\| +0\.000 \| +1\.000 \|/)
    expect(run.out).not.toContain('@10')
    // Progress goes to a terminal only; a pipe gets none.
    expect(run.err).toBe('')
  })
})

describe('recall bench usage', () => {
  it.each([
    {
      name: 'an unknown dataset',
      args: ['bench', 'squad', '--data', 'x.json'],
      message: 'expected one dataset',
    },
    { name: 'no --data', args: ['bench', 'locomo'], message: '--data is required' },
    { name: 'a k of 0', args: ['bench', 'locomo', '--data', 'x.json', '--k', '5,0'], message: '--k must be' },
    {
      name: 'no conversations',
      args: ['bench', 'locomo', '--data', 'x.json', '--limit-conversations', '0'],
      message: 'at least 1',
    },
  ])('$name is a usage error', async ({ args, message }) => {
    const run = await recall(args)
    expect(run.code).toBe(2)
    expect(run.err).toContain(message)
  })

  it('fails with exit code 1, naming the file, when the data cannot be read', async () => {
    const run = await recall(['bench', 'locomo', '--data', join(ROOT, 'no-such-file.json')])
    expect(run.code).toBe(1)
    expect(run.err).toContain('no-such-file.json')
  })
})
