import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { MemoryError } from '../errors.js'
import type { Memory } from '../memory.js'
import { memoryLine } from './format-text.js'
import { feedbackInput, forgetInput, storeInput, updateInput } from './tool-inputs.js'
import { readOnlyError, runTool, toolResult } from './tool-result.js'

type Body = () => Promise<CallToolResult>

/** The hints clients use to decide which calls to confirm with the user. */
const writing = (hints: { destructive: boolean; idempotent: boolean }) => ({
  readOnlyHint: false,
  destructiveHint: hints.destructive,
  idempotentHint: hints.idempotent,
  openWorldHint: false,
})

/** Registers the tools that change memories: store, update, forget, feedback. */
export function registerWriteTools(server: McpServer, memory: Memory, canWrite: boolean): void {
  const write = (tool: string, body: Body) =>
    canWrite ? runTool(body) : Promise.resolve(readOnlyError(tool))

  server.registerTool(
    'store',
    {
      title: 'Store a memory',
      description:
        'Remember something about a user for later sessions: one self-contained statement in "content" ' +
        '(e.g. "Alice prefers tabs over spaces"), or a conversation in "messages" from which facts are ' +
        'extracted. Give exactly one of the two. Returns the new memory id.',
      inputSchema: storeInput,
      annotations: writing({ destructive: false, idempotent: false }),
    },
    (args) =>
      write('store', async () => {
        const { content, messages, ...rest } = args
        if ((content === undefined) === (messages === undefined))
          throw new MemoryError('INVALID_INPUT', 'store needs exactly one of content, messages')
        if (messages !== undefined) {
          const result = await memory.add({ ...rest, messages })
          const text = `Stored ${messages.length} messages (${result.created.length} new memories); extracted ${result.facts.length} facts.`
          return toolResult(text, { ...result })
        }
        const record = await memory.add({ ...rest, content: content as string })
        return toolResult(`Stored: ${memoryLine(record)}`, { memory: record })
      }),
  )

  server.registerTool(
    'update',
    {
      title: 'Update a memory',
      description:
        'Correct or refine a stored memory by id: new content, tags or metadata. The previous version stays ' +
        'in its history. Prefer this over storing a contradicting memory.',
      inputSchema: updateInput,
      annotations: writing({ destructive: false, idempotent: true }),
    },
    ({ id, ...patch }) =>
      write('update', async () => {
        const record = await memory.update(id, patch)
        return toolResult(`Updated (version ${record.version}): ${memoryLine(record)}`, { memory: record })
      }),
  )

  server.registerTool(
    'forget',
    {
      title: 'Forget memories',
      description:
        'Delete one memory by "id" (its content is erased; the history keeps a tombstone). To erase ' +
        'everything about a user, pass "userId", "all": true and "confirm" equal to the userId. Cannot be undone.',
      inputSchema: forgetInput,
      annotations: writing({ destructive: true, idempotent: false }),
    },
    (args) => write('forget', () => forget(memory, args)),
  )

  server.registerTool(
    'feedback',
    {
      title: 'Rate a recalled memory',
      description:
        'Tell the memory whether a recalled memory was useful (useful: true) or wrong or irrelevant ' +
        '(useful: false). Useful memories rank higher for similar queries later; unhelpful ones lower.',
      inputSchema: feedbackInput,
      annotations: writing({ destructive: false, idempotent: false }),
    },
    (args) =>
      write('feedback', async () => {
        const record = await memory.feedback(args)
        const text = `Feedback recorded; confidence now ${record.confidence}: ${memoryLine(record)}`
        return toolResult(text, { memory: record })
      }),
  )
}

interface ForgetArgs {
  id?: string | undefined
  userId?: string | undefined
  all?: boolean | undefined
  confirm?: string | undefined
}

/** One memory by id, or a whole user when `all` is set and confirmed. */
async function forget(memory: Memory, { id, userId, all, confirm }: ForgetArgs): Promise<CallToolResult> {
  if (all === true) {
    if (id !== undefined) throw new MemoryError('INVALID_INPUT', 'forget takes either id, or userId with all')
    if (userId === undefined) throw new MemoryError('INVALID_INPUT', 'forget with all: true needs userId')
    if (confirm !== userId)
      throw new MemoryError(
        'INVALID_INPUT',
        `Forgetting every memory of a user needs confirm: ${JSON.stringify(userId)} (the same userId)`,
      )
    const { deleted } = await memory.deleteAll({ userId })
    return toolResult(`Forgot user ${userId}: ${deleted} memories deleted.`, { userId, deleted })
  }
  if (id === undefined) throw new MemoryError('INVALID_INPUT', 'forget needs id, or userId with all: true')
  // A userId given with an id guards against deleting another user's memory by a mistyped id.
  if (userId !== undefined && (await memory.get(id))?.userId !== userId)
    throw new MemoryError('NOT_FOUND', `No memory with id ${id} for user ${userId}`)
  await memory.delete(id)
  return toolResult(`Forgot memory ${id}.`, { id, deleted: 1 })
}
