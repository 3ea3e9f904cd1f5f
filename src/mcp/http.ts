import type { IncomingMessage, ServerResponse } from 'node:http'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import type { Memory } from '../memory.js'
import { createMcpServer, type McpServerOptions } from './create-mcp-server.js'

/**
 * Answers one MCP request over streamable HTTP, statelessly: a fresh server and
 * transport per request, no session id, a JSON response. The caller has
 * authenticated the request, parsed its JSON body, and confined `memory` to
 * the caller's tenant. Only POST carries messages in stateless mode; answer
 * GET and DELETE with 405 before calling this.
 *
 * @example
 * if (req.method === 'POST' && url.pathname === '/mcp')
 *   await handleMcpHttp(req, res, engine.tenant(key.tenantId), body, { canWrite: false })
 */
export async function handleMcpHttp(
  req: IncomingMessage,
  res: ServerResponse,
  memory: Memory,
  body: unknown,
  options: McpServerOptions = {},
): Promise<void> {
  const server = createMcpServer(memory, options)
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  })
  // Closing the server closes the transport too; both live only as long as the response,
  // which is gone by then, so a failure to close has no one to be reported to.
  res.once('close', () => void server.close().catch(() => undefined))
  await server.connect(transport)
  await transport.handleRequest(req, res, body)
}
