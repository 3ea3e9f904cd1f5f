import type { Readable, Writable } from 'node:stream'
import { type Command, UsageError } from '../command.js'

export const mcpCommand: Command = {
  name: 'mcp',
  summary: 'Serve the memory to MCP clients (Claude Code, Cursor...) over stdio',
  usage: 'recall mcp [--read-only]',
  options: { 'read-only': { type: 'boolean' } },
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument "${ctx.positionals[0]}"`)
    const memory = await ctx.openMemory()
    // Loaded here so that no other command pays for the MCP SDK.
    const { serveStdio } = await import('../../mcp/stdio.js')
    const stdout = ctx.io.stdout as Writable
    // stdout carries the protocol: stray console output from anywhere goes to stderr instead.
    const restore = stdout === process.stdout ? divertConsole() : () => undefined
    try {
      await serveStdio(memory, {
        stdin: ctx.io.stdin as Readable,
        stdout,
        canWrite: ctx.values['read-only'] !== true,
      })
    } finally {
      restore()
    }
  },
}

/** Points console.log, info and debug at stderr; returns the function that undoes it. */
function divertConsole(): () => void {
  const { log, info, debug } = console
  console.log = console.info = console.debug = console.error
  return () => Object.assign(console, { log, info, debug })
}
