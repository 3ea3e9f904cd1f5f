import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A small local server that speaks the OpenAI `/v1/embeddings` protocol, for
 * tests of an embedder change. Its vectors are bags of hashed words, so texts
 * that share words are close, which is enough to rank a keyword-like query.
 */
export async function startEmbeddingServer(
  options: { delayMs?: number } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => {
      body += chunk
    })
    req.on('end', () => {
      const { input, dimensions = 16 } = JSON.parse(body) as { input: string[]; dimensions?: number }
      const data = input.map((text, index) => {
        const v = new Array<number>(dimensions).fill(0.001)
        for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
          const slot = createHash('sha1').update(word).digest().readUInt32BE(0) % dimensions
          v[slot] = (v[slot] ?? 0) + 1
        }
        return { object: 'embedding', index, embedding: v }
      })
      res.setHeader('content-type', 'application/json')
      // A remote API takes its time.
      setTimeout(
        () => res.end(JSON.stringify({ object: 'list', data, model: 'hash-16' })),
        options.delayMs ?? 0,
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
