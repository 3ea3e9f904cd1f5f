import { readFileSync } from 'node:fs'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { Memory } from '../memory.js'
import { registerReadTools } from './read-tools.js'
import { registerWriteTools } from './write-tools.js'

/** Options of `createMcpServer`. */
export interface McpServerOptions {
  /**
   * Whether the write tools (store, update, forget, feedback) may change
   * memories. When false they are still listed, and fail with `FORBIDDEN`.
   * @default true
   */
  canWrite?: boolean
}

let version: string | undefined

/** The package version, read once; src/mcp and dist/mcp both sit two levels below package.json. */
function packageVersion(): string {
  version ??= (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
  ).version
  return version
}

/**
 * An MCP server whose tools are thin adapters over one `Memory`: recall,
 * context, graph, status and snapshot read; store, update, forget and
 * feedback write. Connect it to any transport. A tool that fails returns a
 * tool error reading `[CODE] message` (the `MemoryError` code); arguments that
 * do not fit the input schema are refused by the SDK before any tool runs.
 *
 * @example
 * const server = createMcpServer(await createMemory(), { canWrite: false })
 * await server.connect(new StdioServerTransport())
 */
export function createMcpServer(memory: Memory, options: McpServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: 'adaptive-recall', title: 'Adaptive Recall', version: packageVersion() },
    {
      capabilities: { tools: {} },
      instructions:
        'Long-term memory about the user. Call recall (or context) before answering questions that may depend on what the user said in earlier sessions; call store when the user shares a lasting fact or preference; use update to correct a memory rather than storing a contradiction.',
    },
  )
  registerReadTools(server, memory)
  registerWriteTools(server, memory, options.canWrite ?? true)
  return server
}
