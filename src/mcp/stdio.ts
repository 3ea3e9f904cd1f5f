import type { Readable, Writable } from 'node:stream'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import type { RequestId } from '@modelcontextprotocol/sdk/types.js'
import type { Memory } from '../memory.js'
import { createMcpServer, type McpServerOptions } from './create-mcp-server.js'

/** Options of `serveStdio`. */
export interface ServeStdioOptions extends McpServerOptions {
  /** Where protocol messages come from. @default process.stdin */
  stdin?: Readable
  /** Where protocol messages go; nothing else may be written to it. @default process.stdout */
  stdout?: Writable
}

/**
 * Serves the memory's MCP tools over stdio until the client closes stdin (or
 * the transport fails), then resolves once every request read has been
 * answered. The memory stays open: the caller closes it.
 *
 * @example
 * const memory = await createMemory({ path: './recall.db' })
 * await serveStdio(memory)
 * await memory.close()
 */
export async function serveStdio(memory: Memory, options: ServeStdioOptions = {}): Promise<void> {
  const stdin = options.stdin ?? process.stdin
  const server = createMcpServer(memory, options)
  const transport = new StdioServerTransport(stdin, options.stdout ?? process.stdout)
  const answered = trackRequests(transport)
  let fail: (error: unknown) => void = () => undefined
  const closed = new Promise<void>((resolve, reject) => {
    server.server.onclose = resolve
    fail = reject
  })
  // The SDK's transport does not watch for the end of its input. Closing the
  // server aborts requests in flight, so let them answer first (`cmd | recall mcp`).
  let ending = false
  const end = () => {
    if (ending) return
    ending = true
    answered()
      .then(() => server.close())
      .catch(fail)
  }
  stdin.once('end', end)
  stdin.once('close', end)
  try {
    await server.connect(transport)
    await closed
  } finally {
    stdin.off('end', end)
    stdin.off('close', end)
  }
}

/** Watches requests in and responses out; returns a wait for the moment none is left unanswered. */
function trackRequests(transport: StdioServerTransport): () => Promise<void> {
  const pending = new Set<RequestId>()
  let settled: (() => void) | null = null
  // The server chains its own handler after this one when it connects.
  transport.onmessage = (message) => {
    if ('method' in message && 'id' in message) pending.add(message.id)
  }
  const send = transport.send.bind(transport)
  transport.send = async (message) => {
    await send(message)
    if ('id' in message && !('method' in message) && message.id !== undefined) {
      pending.delete(message.id)
      if (pending.size === 0) settled?.()
    }
  }
  return () =>
    pending.size === 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          settled = resolve
        })
}
