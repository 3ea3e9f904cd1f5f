import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from './helpers.js'

const dir = await tempDir('recall-serve-')

/** Starts `recall serve` as a real process and waits for its banner. */
async function serve(dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--data', dataDir],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  let err = ''
  child.stderr.on('data', (c) => {
    err += c
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c
      if (out.includes('Health')) setTimeout(resolve, 50)
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)))
  })
  const url = /listening on (http:\/\/\S+)/.exec(out)?.[1] as string
  return { child, url, out: () => out, err: () => err }
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  return exited
}

describe('recall serve', () => {
  it('prints its URLs and a one-time admin key, serves, and shuts down cleanly on SIGTERM', async () => {
    const data = join(dir, 'a')
    const first = await serve(data)
    expect(first.out()).toMatch(/API\s+http:\/\/127\.0\.0\.1:\d+\/v1/)
    expect(first.out()).toMatch(/Docs\s+http:\/\/127\.0\.0\.1:\d+\/docs/)
    expect(first.out()).toMatch(/MCP\s+http:\/\/127\.0\.0\.1:\d+\/mcp/)
    const key = /Admin API key[^:]*: (ar_\S+)/.exec(first.out())?.[1] as string
    expect(key).toBeDefined()
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200)
    const added = await fetch(`${first.url}/v1/memories`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'Alice moved to Berlin', userId: 'alice' }),
    })
    expect(added.status).toBe(201)
    expect(await stop(first.child)).toBe(0)
    expect(first.err()).toContain('SIGTERM')

    const second = await serve(data)
    expect(second.out()).not.toContain('Admin API key')
    const list = await fetch(`${second.url}/v1/memories?userId=alice`, {
      headers: { authorization: `Bearer ${key}` },
    })
    const page = (await list.json()) as { items: { content: string }[] }
    expect(page.items[0]?.content).toBe('Alice moved to Berlin')
    expect(await stop(second.child)).toBe(0)
  }, 60_000)

  it('uses RECALL_ADMIN_KEY instead of creating a key', async () => {
    const adminKey = 'my-chosen-admin-key-1234567890'
    const server = await serve(join(dir, 'b'), { RECALL_ADMIN_KEY: adminKey })
    expect(server.out()).not.toContain('Admin API key')
    const res = await fetch(`${server.url}/v1/keys`, { headers: { authorization: `Bearer ${adminKey}` } })
    expect(res.status).toBe(200)
    expect(await stop(server.child)).toBe(0)
  }, 60_000)
})
