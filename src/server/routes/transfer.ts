import { once } from 'node:events'
import { z } from 'zod'
import { MemoryError } from '../../errors.js'
import { fromQuery, userQuerySchema } from '../query.js'
import type { Route } from '../router.js'

const reindexSchema = z.strictObject({})

/** Largest import body. @default 1 GiB */
export const MAX_IMPORT_BYTES = 1024 ** 3

async function* limited(source: AsyncIterable<Buffer>, limit: number): AsyncIterable<Uint8Array> {
  let size = 0
  for await (const chunk of source) {
    size += chunk.length
    if (size > limit)
      throw new MemoryError('PAYLOAD_TOO_LARGE', `Import body is larger than ${limit} bytes`, {
        details: { limit },
      })
    yield chunk
  }
}

/** Export and import as streamed JSON lines, and re-embedding (admin). */
export const transferRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/export',
    scope: 'read',
    tag: 'transfer',
    summary: 'Every memory of the tenant (or one user) with vectors and history, as JSON lines',
    query: userQuerySchema,
    ok: { status: 200, description: 'One JSON object per line', contentType: 'application/x-ndjson' },
    async handle({ memory, url, res }) {
      const lines = memory.export(fromQuery(url, userQuerySchema))[Symbol.asyncIterator]()
      // Read the first line before the status goes out, so input errors are still JSON errors.
      let next = await lines.next()
      res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' })
      while (!next.done) {
        if (res.destroyed) {
          await lines.return?.()
          return undefined
        }
        if (!res.write(next.value)) await once(res, 'drain')
        next = await lines.next()
      }
      res.end()
      return undefined
    },
  },
  {
    method: 'POST',
    path: '/v1/import',
    scope: 'write',
    tag: 'transfer',
    summary: 'Import what /v1/export wrote (JSON lines body); existing ids are skipped',
    ok: { status: 200, description: '`{ imported, skipped }`' },
    handle: async ({ memory, req }) => ({
      status: 200,
      body: await memory.import(limited(req as AsyncIterable<Buffer>, MAX_IMPORT_BYTES)),
    }),
  },
  {
    method: 'POST',
    path: '/v1/reindex',
    scope: 'admin',
    tag: 'admin',
    summary: 'Re-embed every stored memory with the current embedder',
    body: reindexSchema,
    ok: { status: 200, description: '`{ reindexed }`' },
    async handle({ memory, req, body }) {
      // The body is optional, but one that is sent must be the empty object.
      if (req.headers['content-length'] !== '0' && !reindexSchema.safeParse(await body()).success)
        throw new MemoryError('INVALID_INPUT', 'Reindex takes no options: send {} or no body')
      return { status: 200, body: await memory.reindex() }
    },
  },
]
