import type { Logger } from '../logger.js'
import type { Route } from '../router.js'

/** The OpenAI-compatible upstream the proxy forwards to. */
export interface UpstreamOptions {
  /** e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`. */
  baseUrl: string
  /** Used when the caller sends no `x-upstream-authorization` of its own. */
  apiKey?: string | undefined
}

/**
 * MCP over streamable HTTP and the OpenAI-compatible proxy. Their modules (and
 * the MCP SDK) load on first use, so a server that never sees them never pays.
 */
export function extensionRoutes(upstream: UpstreamOptions | undefined, log: Logger): Route[] {
  return [
    {
      method: 'POST',
      path: '/mcp',
      scope: 'read',
      tag: 'mcp',
      summary: 'Model Context Protocol over streamable HTTP (stateless); write tools need the write scope',
      ok: { status: 200, description: 'A JSON-RPC response' },
      async handle({ req, res, memory, key, body }) {
        const { handleMcpHttp } = await import('../../mcp/http.js')
        const canWrite = key.scopes.includes('write') || key.scopes.includes('admin')
        await handleMcpHttp(req, res, memory, await body(), { canWrite })
        return undefined
      },
    },
    {
      method: 'POST',
      path: '/v1/chat/completions',
      scope: 'write',
      tag: 'proxy',
      summary:
        'OpenAI-compatible chat completions with memory: injects context for the user (x-recall-user-id or `user`), forwards upstream, stores the exchange',
      ok: { status: 200, description: "The upstream's answer, unchanged (JSON or an SSE stream)" },
      async handle({ req, res, memory, body }) {
        const { handleChatCompletions } = await import('../../proxy/chat-completions.js')
        await handleChatCompletions(req, res, {
          memory,
          body: await body(),
          upstream,
          // The answer has gone out; a failure to store the exchange is only logged.
          onError: (error) =>
            log('warn', 'proxy exchange not stored', {
              error: error instanceof Error ? error.message : String(error),
            }),
        })
        return undefined
      },
    },
  ]
}
