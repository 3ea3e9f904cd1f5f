import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { Memory } from '../memory.js'
import { graphText, hitsText, type SnapshotGroup, snapshotText, statsText } from './format-text.js'
import { contextInput, graphInput, recallInput, snapshotInput, statusInput } from './tool-inputs.js'
import { runTool, toolResult } from './tool-result.js'

const readOnly = { readOnlyHint: true, destructiveHint: false, openWorldHint: false }

/** Registers the tools that only read: recall, context, graph, status, snapshot. */
export function registerReadTools(server: McpServer, memory: Memory): void {
  server.registerTool(
    'recall',
    {
      title: 'Recall memories',
      description:
        "Search a user's long-term memory for what is relevant to a query, best first, each with its score " +
        'and id. Use it before answering anything that may depend on what you were told earlier ' +
        '(preferences, facts about the user, past decisions). Filters narrow by type, tags, dates or metadata.',
      inputSchema: recallInput,
      annotations: readOnly,
    },
    (args) =>
      runTool(async () => {
        const hits = await memory.search(args)
        return toolResult(hitsText(hits), { hits })
      }),
  )

  server.registerTool(
    'context',
    {
      title: 'Build a context block',
      description:
        'The memories most relevant to a query, deduplicated and assembled into one block that fits a ' +
        'token budget, each with its source and date: ready to place in a prompt. Returns the block and ' +
        'its exact token count.',
      inputSchema: contextInput,
      annotations: readOnly,
    },
    (args) =>
      runTool(async () => {
        const { text, tokens, memories } = await memory.context(args)
        const summary = `${tokens} tokens, ${memories.length} memories`
        return {
          content: [
            { type: 'text', text: text || 'No relevant memories.' },
            { type: 'text', text: summary },
          ],
          structuredContent: { text, tokens, memoryIds: memories.map((m) => m.id) },
        }
      }),
  )

  server.registerTool(
    'graph',
    {
      title: 'Explore the entity graph',
      description:
        'The people, places, organisations and topics connected to an entity (by name) or to a memory ' +
        '(by id) in one user\'s memories, with the memories that link them. Give exactly one of "entity" ' +
        'and "memoryId".',
      inputSchema: graphInput,
      annotations: readOnly,
    },
    (args) =>
      runTool(async () => {
        const graph = await memory.graph(args)
        return toolResult(graphText(graph), { ...graph })
      }),
  )

  server.registerTool(
    'status',
    {
      title: 'Memory status',
      description:
        'How many memories are stored, by status (active, superseded, archived) and by type, for one user ' +
        'or for everyone this connection can see.',
      inputSchema: statusInput,
      annotations: readOnly,
    },
    (args) =>
      runTool(async () => {
        const stats = await memory.stats(args)
        return toolResult(statsText(stats, args.userId), { ...stats })
      }),
  )

  server.registerTool(
    'snapshot',
    {
      title: 'Snapshot of a user',
      description:
        'An overview of what is known about a user: for each type of memory, its count and the most recent ' +
        'active memories. Useful at the start of a session, before any specific question.',
      inputSchema: snapshotInput,
      annotations: readOnly,
    },
    (args) =>
      runTool(async () => {
        const { userId, perType } = args
        const { byType } = await memory.stats({ userId })
        const types = Object.entries(byType).sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
        const groups: SnapshotGroup[] = await Promise.all(
          types.map(async ([type, count]) => {
            const page = await memory.list({
              userId,
              filters: { types: [type] },
              status: ['active'],
              limit: perType,
            })
            return { type, count, recent: page.items }
          }),
        )
        return toolResult(snapshotText(userId, groups), { userId, groups })
      }),
  )
}
