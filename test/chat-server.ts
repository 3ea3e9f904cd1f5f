import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request the fake chat server received. */
export interface ChatRequest {
  headers: IncomingMessage['headers']
  body: { model: string; messages: { role: string; content: string }[]; [key: string]: unknown }
}

/**
 * A small local server that speaks the OpenAI chat-completions protocol, for
 * tests of the LLM extractor: it answers with whatever `reply` returns (as the
 * assistant message's content), after `delayMs`, and records every request.
 */
export async function startChatServer(options: {
  reply: (req: ChatRequest) => string
  delayMs?: number
}): Promise<{ url: string; requests: ChatRequest[]; close(): Promise<void> }> {
  const requests: ChatRequest[] = []
  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => {
      raw += chunk
    })
    req.on('end', () => {
      const request = { headers: req.headers, body: JSON.parse(raw) }
      requests.push(request)
      setTimeout(() => {
        res.setHeader('content-type', 'application/json')
        res.end(
          JSON.stringify({
            id: `chatcmpl-${requests.length}`,
            object: 'chat.completion',
            model: request.body.model,
            choices: [
              {
                index: 0,
                finish_reason: 'stop',
                message: { role: 'assistant', content: options.reply(request) },
              },
            ],
          }),
        )
      }, options.delayMs ?? 0)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
