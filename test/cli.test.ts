import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runRecall, tempDir } from './helpers.js'

const dir = await tempDir()
let n = 0

/** Runs the CLI in-process on a database of its own (or the one given). */
async function recall(args: string[], options: { db?: string; stdin?: string } = {}) {
  const db = options.db ?? join(dir, `cli-${n++}.db`)
  return { ...(await runRecall([...args, '--db', db], options.stdin)), db }
}

describe('recall CLI', () => {
  it('adds and searches as a real process, returning the memory first', async () => {
    const db = join(dir, 'process.db')
    const run = promisify(execFile)
    const cli = ['--import', 'tsx', 'src/cli/main.ts']
    await run('node', [...cli, 'add', 'Alice moved to Berlin', '--user', 'alice', '--db', db])
    await run('node', [...cli, 'add', 'Alice plays tennis on Sundays', '--user', 'alice', '--db', db])
    const { stdout } = await run('node', [
      ...cli,
      'search',
      'Where does Alice live',
      '--user',
      'alice',
      '--json',
      '--db',
      db,
    ])
    const hits = JSON.parse(stdout) as { memory: { content: string } }[]
    expect(hits[0]?.memory.content).toBe('Alice moved to Berlin')
    const failed = await run('node', [...cli, 'search', '--db', db]).catch((e: { code: number }) => e)
    expect((failed as { code: number }).code).toBe(2)
  })

  it('runs every command on one database', async () => {
    const db = join(dir, 'all.db')
    const added = await recall(
      ['add', 'Alice', 'adopted', 'a', 'beagle', '--user', 'alice', '--tag', 'pets', '--json'],
      { db },
    )
    expect(added.code).toBe(0)
    const id = JSON.parse(added.out).id as string
    expect((await recall(['get', id], { db })).out).toMatch(/adopted a beagle/)
    expect((await recall(['list', '--user', 'alice'], { db })).out).toContain(id)
    expect((await recall(['update', id, '--content', 'Alice adopted two beagles'], { db })).code).toBe(0)
    const history = await recall(['history', id, '--json'], { db })
    expect(JSON.parse(history.out).map((e: { event: string }) => e.event)).toEqual(['created', 'updated'])
    const search = await recall(['search', 'dogs', '--user', 'alice', '--tag', 'pets', '--explain'], { db })
    expect(search.out).toMatch(/two beagles/)
    const context = await recall(
      ['context', 'what', 'pets', 'does', 'Alice', 'have', '--user', 'alice', '--format', 'xml'],
      { db },
    )
    expect(context.out).toMatch(/two beagles/)
    expect(context.err).toMatch(/\d+ tokens, 1 memories/)
    const feedback = await recall(['feedback', id, '--useful', '--query', 'Alice pets', '--json'], { db })
    expect(JSON.parse(feedback.out).confidence).toBeGreaterThan(5)
    expect((await recall(['feedback', id], { db })).code).toBe(2)
    const stats = await recall(['stats', '--json'], { db })
    expect(JSON.parse(stats.out)).toMatchObject({ memories: 1, users: 1 })
    const exported = await recall(['export', '--user', 'alice'], { db })
    const file = join(dir, 'alice.jsonl')
    await writeFile(file, exported.out)
    const other = join(dir, 'restored.db')
    expect((await recall(['import', file], { db: other })).out).toMatch(/Imported 1 memories/)
    expect((await recall(['import', '-'], { db: other, stdin: exported.out })).out).toMatch(/skipped 1/)
    expect((await recall(['delete', id], { db })).code).toBe(0)
    expect((await recall(['get', id], { db })).code).toBe(1)
  })

  it.each([
    [['nope'], /unknown command/],
    [['add', 'text'], /--user is required/],
    [['search', '--user', 'u'], /missing query/],
    [['add', 'x', '--user', 'u', '--bogus'], /Unknown option/],
    [['add', 'x', '--user', 'u', '--metadata', '{bad'], /must be JSON/],
    [['add', 'x', '--user', 'u', '--observed-at', 'soon'], /ISO 8601/],
    [['get', 'not-an-id'], /memory id/],
    [['list', '--user', 'u', '--limit', 'ten'], /integer/],
    [['import', '/does/not/exist.jsonl'], /cannot read/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const result = await recall(args)
    expect(result.code).toBe(2)
    expect(result.err).toMatch(message)
  })

  it('exits 1 when the memory is not there', async () => {
    const result = await recall(['delete', '0190b3c4-0000-7000-8000-000000000000'])
    expect(result.code).toBe(1)
    expect(result.err).toMatch(/NOT_FOUND/)
  })

  it('runs the demo', async () => {
    const result = await recall(['demo'])
    expect(result.code).toBe(0)
    expect(result.out).toMatch(/Which city did Alice move to\?\n1\. .*Berlin/)
  })
})
