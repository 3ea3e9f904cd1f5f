/**
 * The Model Context Protocol server: memory tools for coding assistants and
 * agents, over stdio or streamable HTTP. Loads the MCP SDK, so the core
 * (`adaptive-recall`) never imports this module.
 */

export { createMcpServer, type McpServerOptions } from './create-mcp-server.js'
export { handleMcpHttp } from './http.js'
export { type ServeStdioOptions, serveStdio } from './stdio.js'
