import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request the fake upstream received. */
export interface UpstreamRequest {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: {
    model: string
    messages: { role: string; content: unknown }[]
    stream?: boolean
    [key: string]: unknown
  }
}

/** How the fake upstream answers; change it between requests with `set`. */
export interface UpstreamBehaviour {
  /** The assistant's reply; streams send it word by word. */
  reply: string
  /** Answer with this status and an OpenAI-style error body instead. @default 200 */
  status: number
  /** Pause between stream chunks, in ms. @default 5 */
  chunkDelayMs: number
  /** Awaited before the last stream chunk (the `[DONE]` line) is sent. @default none */
  beforeLastChunk?: () => Promise<void>
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A local server speaking the OpenAI chat-completions protocol: a JSON
 * completion, or for `stream: true` server-sent events `data: {...}\n\n`
 * ending with `data: [DONE]\n\n`. It records every request, and the exact
 * bytes of every answer it sent, so tests can compare what a client received.
 */
export async function startOpenAIUpstream(initial: Partial<UpstreamBehaviour> = {}) {
  let behaviour: UpstreamBehaviour = { reply: 'Hello!', status: 200, chunkDelayMs: 5, ...initial }
  const requests: UpstreamRequest[] = []
  const sent: string[] = []
  let aborted = 0

  const server = createServer(async (req, res) => {
    let raw = ''
    for await (const chunk of req) raw += chunk
    const body = JSON.parse(raw) as UpstreamRequest['body']
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body })
    res.on('close', () => {
      if (!res.writableFinished) aborted++
    })
    const { reply, status, chunkDelayMs, beforeLastChunk } = behaviour
    const id = `chatcmpl-${requests.length}`
    if (status >= 400) {
      const error = {
        error: { message: `upstream says ${status}`, type: 'invalid_request_error', code: status },
      }
      const text = JSON.stringify(error)
      sent.push(text)
      res.writeHead(status, { 'content-type': 'application/json' }).end(text)
      return
    }
    if (!body.stream) {
      const text = JSON.stringify({
        id,
        object: 'chat.completion',
        created: 1_700_000_000,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      })
      sent.push(text)
      res.writeHead(200, { 'content-type': 'application/json' }).end(text)
      return
    }
    const chunk = (delta: object, finish: string | null = null) =>
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created: 1_700_000_000,
        model: body.model,
        choices: [{ index: 0, delta, finish_reason: finish }],
      })}\n\n`
    const events = [
      chunk({ role: 'assistant', content: '' }),
      ...reply.split(/(?<= )/).map((word) => chunk({ content: word })),
      chunk({}, 'stop'),
      'data: [DONE]\n\n',
    ]
    let text = ''
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    for (const [i, event] of events.entries()) {
      if (i === events.length - 1) await beforeLastChunk?.()
      else if (i > 0) await pause(chunkDelayMs)
      if (res.destroyed) break
      res.write(event)
      text += event
    }
    sent.push(text)
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    /** The base URL, e.g. `http://127.0.0.1:1234/v1`. */
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    /** The exact body of every answer sent, in order. */
    sent,
    /** How many answers the client abandoned before they were complete. */
    get aborted() {
      return aborted
    },
    set(change: Partial<UpstreamBehaviour>) {
      behaviour = { ...behaviour, ...change }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A running fake upstream. */
export type OpenAIUpstream = Awaited<ReturnType<typeof startOpenAIUpstream>>
