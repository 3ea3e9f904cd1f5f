import { z } from 'zod'
import { MemoryError } from '../../errors.js'
import { isId } from '../../ids.js'
import { parseInput } from '../../schemas.js'
import { issueKey, publicKey } from '../api-keys.js'
import type { KeyStore } from '../key-store.js'
import type { Route } from '../router.js'

const createKeySchema = z.strictObject({
  /** The tenant the key is confined to. */
  tenantId: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'tenantId is 1–128 letters, digits, _ . : -'),
  scopes: z
    .array(z.enum(['read', 'write', 'admin'], { error: 'scopes are read, write, admin' }))
    .min(1, 'scopes must not be empty'),
  name: z.string().max(200).optional(),
})

const listKeysSchema = z.strictObject({ tenantId: z.string().optional() })

/** Key management, for admin keys only. Keys are shown once, at creation. */
export function keyRoutes(keys: KeyStore, now: () => Date): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/keys',
      scope: 'admin',
      tag: 'admin',
      summary: 'Create an API key for a tenant; the key is in this response only',
      body: createKeySchema,
      ok: { status: 201, description: 'The key record and `key`' },
      async handle({ body }) {
        const input = parseInput(createKeySchema, await body(), 'key request')
        const { key, record } = await issueKey(keys, input, now())
        return { status: 201, body: { ...publicKey(record), key } }
      },
    },
    {
      method: 'GET',
      path: '/v1/keys',
      scope: 'admin',
      tag: 'admin',
      summary: 'List keys (never the keys themselves)',
      query: listKeysSchema,
      ok: { status: 200, description: '`{ keys }`' },
      async handle({ url }) {
        const tenantId = url.searchParams.get('tenantId') ?? undefined
        return { status: 200, body: { keys: (await keys.list(tenantId)).map(publicKey) } }
      },
    },
    {
      method: 'DELETE',
      path: '/v1/keys/:id',
      scope: 'admin',
      tag: 'admin',
      summary: 'Revoke a key; requests with it fail from now on',
      ok: { status: 204, description: 'Revoked' },
      async handle({ params }) {
        const id = params.id as string
        if (!isId(id)) throw new MemoryError('INVALID_INPUT', 'Invalid key id: must be a UUID')
        if (!(await keys.revoke(id, now().toISOString())))
          throw new MemoryError('NOT_FOUND', `No active key with id ${id}`)
        return { status: 204 }
      },
    },
  ]
}
