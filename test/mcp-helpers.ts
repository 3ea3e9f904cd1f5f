import type { Client } from '@modelcontextprotocol/sdk/client/index.js'

/** The nine tools every Adaptive Recall MCP server offers. */
export const TOOL_NAMES = [
  'context',
  'feedback',
  'forget',
  'graph',
  'recall',
  'snapshot',
  'status',
  'store',
  'update',
] as const

/** A tool call's outcome, flattened for assertions. */
export interface ToolOutcome {
  /** Every text content item, joined by newlines. */
  text: string
  isError: boolean
  // biome-ignore lint/suspicious/noExplicitAny: tests read whichever fields a tool returns
  structured: any
}

/** Calls a tool through a real MCP client. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolOutcome> {
  const result = await client.callTool({ name, arguments: args })
  const content = (result.content ?? []) as { type: string; text?: string }[]
  return {
    text: content.map((c) => c.text ?? '').join('\n'),
    isError: result.isError === true,
    structured: result.structuredContent,
  }
}

/** Calls a tool that must succeed and returns its structured content. */
// biome-ignore lint/suspicious/noExplicitAny: see ToolOutcome.structured
export async function callOk(client: Client, name: string, args: Record<string, unknown>): Promise<any> {
  const outcome = await callTool(client, name, args)
  if (outcome.isError) throw new Error(`${name} failed: ${outcome.text}`)
  return outcome.structured
}
