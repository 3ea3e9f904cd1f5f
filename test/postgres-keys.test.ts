import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLocalEmbedder } from '../src/embed/index.js'
import { hashKey } from '../src/server/api-keys.js'
import type { ApiKeyRecord } from '../src/server/key-store.js'
import { startServer } from '../src/server/serve.js'
import { createPostgresKeyStore } from '../src/store/postgres/index.js'
import { runRecall, tempDir } from './helpers.js'
import { postgresUrl, SKIPPED, schemaFactory } from './postgres-helpers.js'

const url = await postgresUrl()

const key = (id: string, tenantId: string, at: string): ApiKeyRecord => ({
  id,
  tenantId,
  name: id,
  scopes: ['read', 'write'],
  hash: hashKey(`secret-${id}`),
  prefix: `ar_${id}`,
  createdAt: at,
  revokedAt: null,
})

describe('store URLs without a server', () => {
  it('rejects a --store that is not a PostgreSQL URL as a usage error', async () => {
    const result = await runRecall(['stats', '--store', 'mysql://root:secret@db/recall'])
    expect(result.code).toBe(2)
    expect(result.err).toMatch(/postgres:\/\//)
    expect(result.err).not.toContain('secret')
  })
})

if (url === null) {
  describe.skip(SKIPPED, () => {
    it('keeps API keys in PostgreSQL and serves from RECALL_STORE', () => {})
  })
} else {
  const schemas = schemaFactory(url)
  const dir = await tempDir('recall-pg-keys-')
  const withSchema = (schema: string) => `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`

  describe('Postgres key store', () => {
    it('honours the KeyStore contract, across two stores on one schema', async () => {
      const schema = schemas.schema()
      const [a, b] = await Promise.all([
        createPostgresKeyStore({ connectionString: url, schema }),
        createPostgresKeyStore({ connectionString: url, schema }),
      ])
      try {
        await a.insert(key('k1', 'acme', '2024-01-01T00:00:00.000Z'))
        await a.insert(key('k2', 'globex', '2024-01-02T00:00:00.000Z'))
        expect((await b.findByHash(hashKey('secret-k1')))?.tenantId).toBe('acme')
        expect((await b.findByHash(hashKey('secret-k1')))?.scopes).toEqual(['read', 'write'])
        expect((await b.list()).map((k) => k.id)).toEqual(['k1', 'k2'])
        expect((await b.list('globex')).map((k) => k.id)).toEqual(['k2'])
        expect(await b.count()).toBe(2)
        await expect(
          b.insert({ ...key('k3', 'acme', '2024-01-03T00:00:00.000Z'), hash: hashKey('secret-k1') }),
        ).rejects.toMatchObject({ code: 'CONFLICT' })
        expect(await b.revoke('k1', '2024-02-01T00:00:00.000Z')).toBe(true)
        expect(await a.revoke('k1', '2024-02-01T00:00:00.000Z')).toBe(false)
        expect(await a.findByHash(hashKey('secret-k1'))).toBeNull()
        expect(await a.count()).toBe(1)
      } finally {
        await Promise.all([a.close(), b.close()])
      }
    })
  })

  describe('server and CLI on RECALL_STORE', () => {
    it('startServer({ storeUrl }) keeps memories and keys in PostgreSQL, not in dataDir', async () => {
      const store = withSchema(schemas.schema())
      const adminKey = 'pg-admin-key-0123456789abcdef'
      const embedder = await createLocalEmbedder()
      const server = await startServer({
        port: 0,
        dataDir: join(dir, 'server'),
        storeUrl: store,
        adminKey,
        embedder,
        log: false,
      })
      let tenantKey: string
      try {
        expect(server.engine.store.name).toBe('postgres')
        const created = await fetch(`${server.url}/v1/keys`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ tenantId: 'acme', scopes: ['read', 'write'] }),
        })
        tenantKey = ((await created.json()) as { key: string }).key
        const added = await fetch(`${server.url}/v1/memories`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tenantKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ content: 'Alice moved to Berlin', userId: 'alice' }),
        })
        expect(added.status).toBe(201)
      } finally {
        await server.close()
      }
      // The CLI, on the same URL, sees what the server wrote (tenant "acme" is not the CLI's).
      const stats = await runRecall(['stats', '--json', '--store', store])
      expect(stats.code).toBe(0)
      const added = await runRecall(['add', 'Bob plays chess', '--user', 'bob', '--json', '--store', store])
      expect(added.code).toBe(0)
      const search = await runRecall(['search', 'chess', '--user', 'bob', '--json', '--store', store])
      expect(search.out).toContain('Bob plays chess')
      // A new server on the same database accepts the key issued before, without a data dir in common.
      const again = await startServer({
        port: 0,
        dataDir: join(dir, 'other'),
        storeUrl: store,
        embedder,
        log: false,
      })
      try {
        expect(again.createdAdminKey).toBeNull()
        const listed = await fetch(`${again.url}/v1/memories?userId=alice`, {
          headers: { authorization: `Bearer ${tenantKey}` },
        })
        expect(((await listed.json()) as { items: { content: string }[] }).items[0]?.content).toBe(
          'Alice moved to Berlin',
        )
      } finally {
        await again.close()
      }
    }, 60_000)
  })
}
