import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import type { MemoryStore } from '../src/store/store.js'
import { tempDir } from './helpers.js'
import { actionArb, runAction } from './isolation-actions.js'
import { IsolationWorld } from './isolation-world.js'
import { postgresUrl, SKIPPED, schemaFactory } from './postgres-helpers.js'
import { recordingStore } from './recording-store.js'
import { startTestServer } from './server-helpers.js'

const UNLIMITED = { perMinute: 1e9, burst: 1e9 }

/** The isolation suite on a server over `store`. */
function describeIsolation(name: string, open: () => Promise<MemoryStore>, runs: number) {
  describe(`tenant isolation over HTTP and MCP: ${name}`, () => {
    it('random sequences of calls by three tenants never show, change or reveal another tenant or user', {
      timeout: 300_000,
    }, async () => {
      const recorder = recordingStore(await open())
      const server = await startTestServer({ rateLimit: UNLIMITED, memory: { store: recorder.store } })
      await fc.assert(
        fc.asyncProperty(fc.array(actionArb, { minLength: 20, maxLength: 45 }), async (actions) => {
          const world = await new IsolationWorld(server).open()
          try {
            for (const action of actions) await runAction(world, recorder, action)
            for (let t = 0; t < world.tenants.length; t++) await world.expectExportMatches(t)
          } finally {
            await world.close()
          }
        }),
        { numRuns: runs, endOnFailure: true },
      )
    })
  })
}

describe('search scores', () => {
  it("come from the tenant's own statistics: another tenant's words move nothing", async () => {
    const server = await startTestServer({ rateLimit: UNLIMITED })
    const [mine, theirs] = [await server.tenantKey(), await server.tenantKey()]
    for (const content of [
      'The zyxquartz sample sits beside the common word',
      'Only the common word is here, said twice: common',
      'A longer note that mentions nothing of interest at all',
    ])
      expect(
        (await server.call('POST', '/v1/memories', { key: mine, body: { content, userId: 'u' } })).status,
      ).toBe(201)
    const ask = async () =>
      (
        await server.call('POST', '/v1/search', {
          key: mine,
          body: {
            query: 'zyxquartz common',
            userId: 'u',
            explain: true,
            recordAccess: false,
            now: '2030-01-01',
          },
        })
      ).json.hits
    const before = await ask()
    expect(before.length).toBeGreaterThanOrEqual(2)
    const batch = Array.from({ length: 40 }, (_, i) => ({
      content: `zyxquartz zyxquartz item ${i}`,
      userId: 'u',
    }))
    expect(
      (await server.call('POST', '/v1/memories/batch', { key: theirs, body: { memories: batch } })).status,
    ).toBe(201)
    expect(await ask()).toEqual(before)
  })
})

describeIsolation(
  'sqlite',
  async () => createSqliteStore({ path: join(await tempDir('recall-iso-'), 'memory.db') }),
  20,
)

const url = await postgresUrl()
if (url === null) {
  describe.skip(SKIPPED, () => {
    it('keeps tenants apart on PostgreSQL', () => {})
  })
} else {
  const schemas = schemaFactory(url)
  describeIsolation('postgres', () => schemas.create(), 6)
}
