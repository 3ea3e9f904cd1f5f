import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { MemoryError } from '../errors.js'

/** A successful tool result: text for the model, the same facts as JSON for programs. */
export function toolResult(text: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured }
}

/**
 * A failure as a tool error the model can read and act on: `[CODE] message`.
 * Errors that are not `MemoryError`s are reported as `INTERNAL`.
 */
export function toolError(error: unknown): CallToolResult {
  const text = MemoryError.is(error)
    ? `[${error.code}] ${error.message}`
    : `[INTERNAL] ${error instanceof Error ? error.message : String(error)}`
  return { content: [{ type: 'text', text }], isError: true }
}

/** Runs a tool's body, turning any failure into a tool error rather than a protocol error. */
export async function runTool(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body()
  } catch (error) {
    return toolError(error)
  }
}

/** The refusal of a write tool on a read-only server. */
export function readOnlyError(tool: string): CallToolResult {
  return toolError(
    new MemoryError('FORBIDDEN', `The ${tool} tool changes memories, and this connection is read-only`),
  )
}
