import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashKey } from '../src/server/api-keys.js'
import { tempDir } from './helpers.js'
import { startOpenAIUpstream } from './openai-upstream.js'
import { postgresUrl, SKIPPED, schemaFactory } from './postgres-helpers.js'
import { request, type ServeProcess, startServe } from './serve-process.js'

const dir = await tempDir('recall-secrets-')
const pgUrl = await postgresUrl()
const WRONG_KEY = 'ar_wrongWRONGwrongWRONGwrongWRONGwrongWRONG12'
const CONFIGURED_UPSTREAM_KEY = 'sk-configured-upstream-5f1e0c9a7b'
const CALLER_UPSTREAM_KEY = 'sk-caller-upstream-8d2c4e6a0f'

/** Sends `init` raw (any headers, any body) and returns status, headers and body as text. */
async function raw(url: string, path: string, init: RequestInit) {
  const res = await fetch(url + path, init)
  return { status: res.status, headers: JSON.stringify([...res.headers]), body: await res.text() }
}

/** Every file the server keeps in its data directory, as bytes (text of a latin1 decoding). */
async function dataBytes(dataDir: string): Promise<string> {
  const files = await readdir(dataDir)
  const contents = await Promise.all(files.map((f) => readFile(join(dataDir, f))))
  return contents.map((b) => b.toString('latin1')).join('\n')
}

describe('secrets: keys are stored hashed and never logged or echoed', () => {
  const dataDir = join(dir, 'data')
  const upstream = { server: null as Awaited<ReturnType<typeof startOpenAIUpstream>> | null }
  let server: ServeProcess
  let admin: string
  let tenant: string
  let revoked: string

  beforeAll(async () => {
    upstream.server = await startOpenAIUpstream({ reply: 'Noted.' })
    server = await startServe(dataDir, {
      RECALL_UPSTREAM_URL: upstream.server.url,
      RECALL_UPSTREAM_API_KEY: CONFIGURED_UPSTREAM_KEY,
    })
    // The first start shows the admin key once, on stdout: the only place it ever appears.
    const shown = await server.child.waitFor('Admin API key')
    admin = /: (ar_\S+)/.exec(shown)?.[1] as string
    const issue = async () =>
      (await request(server.url, admin, 'POST', '/v1/keys', { tenantId: 'acme', scopes: ['read', 'write'] }))
        .json
    tenant = (await issue()).key
    const doomed = await issue()
    revoked = doomed.key
    expect((await request(server.url, admin, 'DELETE', `/v1/keys/${doomed.id}`)).status).toBe(204)
  }, 120_000)
  afterAll(() => upstream.server?.close())

  it('keeps every key and the upstream keys out of logs, error answers and the data files', async () => {
    const url = server.url
    const secrets = [admin, tenant, revoked, WRONG_KEY, CONFIGURED_UPSTREAM_KEY, CALLER_UPSTREAM_KEY]
    const json = { 'content-type': 'application/json' }
    const bearer = (key: string) => ({ ...json, authorization: `Bearer ${key}` })
    const answers = await Promise.all([
      // Work that succeeds, so that the log has more than failures in it.
      raw(url, '/v1/memories', {
        method: 'POST',
        headers: bearer(tenant),
        body: JSON.stringify({ content: 'Alice keeps bees', userId: 'alice' }),
      }),
      raw(url, '/v1/status', { headers: bearer(WRONG_KEY) }),
      raw(url, '/v1/status', { headers: bearer(revoked) }),
      raw(url, '/v1/status', { headers: { authorization: `Basic ${tenant}` } }),
      raw(url, '/v1/status', { headers: { authorization: tenant } }),
      raw(url, '/v1/status', { headers: { authorization: `Bearer ${tenant} ${admin}` } }),
      raw(url, `/v1/status?api_key=${tenant}`, {}),
      raw(url, `/v1/memories?userId=alice&api_key=${tenant}`, { headers: bearer(tenant) }),
      raw(url, `/v1/memories?userId=alice&cursor=${tenant}`, { headers: bearer(tenant) }),
      raw(url, `/v1/memories/${tenant}`, { headers: bearer(tenant) }),
      raw(url, `/v1/keys/${tenant}`, { method: 'DELETE', headers: bearer(admin) }),
      raw(url, '/v1/memories', { method: 'POST', headers: bearer(tenant), body: tenant }),
      raw(url, '/v1/memories', { method: 'POST', headers: bearer(tenant), body: `{"content":"${tenant}` }),
      raw(url, '/v1/memories', {
        method: 'POST',
        headers: bearer(tenant),
        body: `{"userId":"a","content":${tenant}}`,
      }),
      raw(url, '/v1/memories', {
        method: 'POST',
        headers: bearer(tenant),
        body: JSON.stringify({ content: 'x', userId: 'a', apiKey: admin }),
      }),
      raw(url, '/v1/search', {
        method: 'POST',
        headers: bearer(tenant),
        body: JSON.stringify({ query: 'bees', userId: 'alice', filters: { when: admin } }),
      }),
      raw(url, '/v1/keys', {
        method: 'POST',
        headers: bearer(admin),
        body: JSON.stringify({ tenantId: 'acme', scopes: [admin] }),
      }),
      raw(url, '/v1/import', { method: 'POST', headers: bearer(admin), body: `${admin}\n` }),
      // The proxy: the caller's own upstream key, and the configured one, go upstream only.
      raw(url, '/v1/chat/completions', {
        method: 'POST',
        headers: {
          ...bearer(tenant),
          'x-upstream-authorization': `Bearer ${CALLER_UPSTREAM_KEY}`,
          'x-recall-user-id': 'alice',
        },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'What do I keep?' }] }),
      }),
      raw(url, '/v1/chat/completions', {
        method: 'POST',
        headers: { ...bearer(tenant), 'x-recall-user-id': 'alice' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'Anything else?' }] }),
      }),
      raw(url, '/v1/chat/completions', {
        method: 'POST',
        headers: { ...bearer(tenant), 'x-upstream-authorization': `Bearer ${CALLER_UPSTREAM_KEY}` },
        body: JSON.stringify({ model: CALLER_UPSTREAM_KEY, messages: 'not a list' }),
      }),
    ])
    expect(answers.map((a) => a.status)).toEqual([
      201, 401, 401, 401, 401, 401, 401, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 200, 200, 400,
    ])
    // Nor any part of one: parsers quote the first characters of what they could not read.
    const fragments = [admin, tenant].map((k) => k.slice(3, 10))
    for (const [i, answer] of answers.entries())
      for (const secret of [...secrets, ...fragments]) {
        expect(answer.body, `answer ${i}`).not.toContain(secret)
        expect(answer.headers, `headers of answer ${i}`).not.toContain(secret)
      }
    // The upstream did get the keys meant for it: the test is looking at real traffic.
    const sent = upstream.server?.requests.map((r) => r.headers.authorization)
    expect(sent).toEqual([`Bearer ${CALLER_UPSTREAM_KEY}`, `Bearer ${CONFIGURED_UPSTREAM_KEY}`])

    expect(await server.stop()).toBe(0)
    const log = server.child.stderr()
    const lines = log.split('\n').filter((l) => l.startsWith('{'))
    expect(lines.filter((l) => JSON.parse(l).status === 401).length).toBe(6)
    expect(lines.filter((l) => JSON.parse(l).msg === 'request').length).toBeGreaterThanOrEqual(answers.length)
    for (const secret of secrets) expect(log, 'the request log').not.toContain(secret)

    const files = await dataBytes(dataDir)
    for (const secret of [admin, tenant, revoked]) {
      expect(files).not.toContain(secret)
      expect(files, 'the hash is what is stored').toContain(hashKey(secret))
    }
  }, 120_000)
})

if (pgUrl === null) {
  describe.skip(SKIPPED, () => {
    it('stores PostgreSQL API keys hashed', () => {})
  })
} else {
  const schemas = schemaFactory(pgUrl)
  describe('secrets on PostgreSQL', () => {
    it('keeps only hashes in the api_keys table and no key anywhere in the schema', async () => {
      const schema = schemas.schema()
      const adminKey = 'pg-secrets-admin-key-0123456789abcdef'
      const server = await startServe(join(dir, 'pg'), {
        RECALL_STORE: `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}schema=${schema}`,
        RECALL_ADMIN_KEY: adminKey,
      })
      const issued = await request(server.url, adminKey, 'POST', '/v1/keys', {
        tenantId: 'acme',
        scopes: ['read'],
      })
      expect(issued.status).toBe(201)
      const key = issued.json.key as string
      expect((await request(server.url, key, 'GET', '/v1/status')).status).toBe(200)
      expect(await server.stop()).toBe(0)

      const client = new pg.Client({ connectionString: pgUrl })
      await client.connect()
      try {
        const { rows: tables } = await client.query<{ name: string }>(
          'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1',
          [schema],
        )
        expect(tables.map((t) => t.name)).toContain('api_keys')
        let dump = ''
        for (const { name } of tables) {
          const { rows } = await client.query(
            `SELECT row_to_json(t)::text AS row FROM "${schema}"."${name}" t`,
          )
          dump += rows.map((r) => r.row).join('\n')
        }
        for (const secret of [adminKey, key]) {
          expect(dump).not.toContain(secret)
          expect(dump).toContain(hashKey(secret))
        }
      } finally {
        await client.end()
      }
    }, 120_000)
  })
}
