import { randomUUID } from 'node:crypto'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { expect } from 'vitest'
import type { startTestServer } from './server-helpers.js'

type TestServer = Awaited<ReturnType<typeof startTestServer>>

/** Users of every tenant: two names all tenants share, and one of the tenant's own. */
export const USERS = 3
const SHARED_USERS = ['u0', 'u1']

/** One tenant of a run: its key, MCP client, users and their marker words. */
export interface Tenant {
  id: string
  key: string
  mcp: Client
  users: string[]
  /** A word only this tenant's user i ever writes. */
  markers: string[]
}

/** A memory as the test believes it is stored. */
export interface Known {
  tenant: number
  user: number
  content: string
  deleted: boolean
}

/**
 * Three tenants with several users each, and what the test knows they stored. Every
 * marker and every tenant-only user id is registered with its owner, so any answer can
 * be searched for what it must not show.
 */
export class IsolationWorld {
  readonly memories = new Map<string, Known>()
  readonly tenants: Tenant[] = []
  /** Secret words (markers, tenant-only user ids) and who owns them, across every run. */
  static readonly owners = new Map<string, { tenant: string; user: string | null }>()
  static runs = 0
  readonly run = IsolationWorld.runs++

  constructor(readonly server: TestServer) {}

  /** Creates the run's tenants, their keys and MCP clients. */
  async open(): Promise<this> {
    for (let t = 0; t < 3; t++) {
      const id = `iso-${this.run}-${t}-${randomUUID().slice(0, 8)}`
      const key = await this.server.tenantKey(['read', 'write'], id)
      const transport = new StreamableHTTPClientTransport(new URL(`${this.server.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${key}` } },
      })
      const mcp = new Client({ name: `isolation-${t}`, version: '1.0.0' })
      await mcp.connect(transport)
      const own = `solo${String(this.run).padStart(3, '0')}t${t}k`
      const users = [...SHARED_USERS, own]
      const markers = users.map((_, u) => `qz${String(this.run).padStart(3, '0')}t${t}u${u}k`)
      IsolationWorld.owners.set(own, { tenant: id, user: null })
      for (const [u, marker] of markers.entries())
        IsolationWorld.owners.set(marker, { tenant: id, user: users[u] as string })
      this.tenants.push({ id, key, mcp, users, markers })
    }
    return this
  }

  async close(): Promise<void> {
    await Promise.all(this.tenants.map((t) => t.mcp.close()))
  }

  tenant(t: number): Tenant {
    return this.tenants[t] as Tenant
  }

  /** Live memories of a tenant (and user), by id. */
  live(t: number, u?: number): Map<string, Known> {
    return new Map(
      [...this.memories].filter(([, m]) => !m.deleted && m.tenant === t && (u === undefined || m.user === u)),
    )
  }

  /** A live memory of (t, u) picked by `pick`, or null when it has none. */
  pick(t: number, u: number, pick: number): string | null {
    const ids = [...this.live(t, u).keys()]
    return ids.length === 0 ? null : (ids[pick % ids.length] as string)
  }

  /**
   * Fails if `answer` shows a secret word the caller neither owns nor sent: another
   * tenant's, or (for a call about one user) another user's of the same tenant.
   */
  expectNoLeak(t: number, user: string | null, sent: string, answer: string, what: string): void {
    const tenantId = this.tenant(t).id
    for (const [word, owner] of IsolationWorld.owners) {
      if (!answer.includes(word) || sent.includes(word)) continue
      const mine = owner.tenant === tenantId && (user === null || owner.user === null || owner.user === user)
      expect(
        mine,
        `${what} as ${tenantId}/${user ?? '*'} showed "${word}" of ${owner.tenant}/${owner.user}`,
      ).toBe(true)
    }
  }

  /** The tenant's export, checked against what the test knows: same ids, users and content. */
  async expectExportMatches(t: number): Promise<void> {
    const answer = await this.server.call('GET', '/v1/export', { key: this.tenant(t).key })
    expect(answer.status).toBe(200)
    const records = answer.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((line) => line.kind === 'memory')
      .map((line) => [line.record.id, line.record.userId, line.record.content])
    const known = [...this.live(t)].map(([id, m]) => [id, this.tenant(t).users[m.user], m.content])
    const byId = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]))
    expect(records.sort(byId)).toEqual(known.sort(byId))
  }
}
