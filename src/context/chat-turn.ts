import type { MessageInput } from '../schemas.js'

/**
 * Where memory goes in a chat, what to search for and what to store: the shared
 * rules of the adapters that sit in front of a model (the OpenAI-compatible
 * proxy and the AI SDK middleware), written over any message shape with a `role`.
 */

/** Longest query `memory.context` accepts, in characters. */
const MAX_QUERY_CHARS = 4096
/** How much of the earlier conversation accompanies the query, in characters. */
const MAX_CONVERSATION_CHARS = 4000

interface Role {
  role: string
}

const isSystem = (m: Role) => m.role === 'system' || m.role === 'developer'

/** The index at which the memory block goes: after the leading system messages, or first. */
export function contextIndex(messages: readonly Role[]): number {
  let i = 0
  while (i < messages.length && isSystem(messages[i] as Role)) i++
  return i
}

/**
 * The user messages this request adds: those after the last message of any
 * other role. None when the conversation ends with an assistant or tool
 * message (a tool-loop step), whose user messages an earlier step already sent.
 */
export function newUserMessages<M extends Role>(messages: readonly M[]): M[] {
  let start = messages.length
  while (start > 0 && (messages[start - 1] as M).role === 'user') start--
  return messages.slice(start)
}

/** What to retrieve memories for: the last user message's text and the turn before it. */
export interface TurnQuery {
  query: string
  conversation?: string
}

/**
 * The query for the last user message that has text, with the previous turn as
 * conversation (its entities help ranking), or null when no user message has text.
 * The query is flattened to one line because search queries may not hold control
 * characters; when too long, its end is kept, where questions usually are (a cut
 * surrogate pair becomes U+FFFD).
 */
export function turnQuery<M extends Role>(messages: readonly M[], text: (m: M) => string): TurnQuery | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as M
    if (m.role !== 'user') continue
    const query = oneLine(text(m).slice(-MAX_QUERY_CHARS))
    if (query === '') continue
    const before = messages
      .slice(Math.max(0, i - 2), i)
      .filter((p) => p.role === 'user' || p.role === 'assistant')
      .map((p) => `${p.role}: ${text(p)}`)
      .join('\n')
      .slice(-MAX_CONVERSATION_CHARS)
    return before.trim() === '' ? { query } : { query, conversation: before }
  }
  return null
}

/** Text as one line: control characters and runs of white space become one space. */
function oneLine(text: string): string {
  return text
    .replace(/\p{Cs}/gu, '\uFFFD')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim()
}

/** Names the conversation schema takes as they are; others are left out rather than fail the store. */
const PLAIN_NAME = /^[\p{L}\p{N} _.@-]{1,128}$/u

/**
 * The messages of one exchange, as `memory.add({ messages })` takes them: what
 * the user said this turn (see `newUserMessages`) and the assistant's reply.
 * Each is dated, the user's at `startedAt` a millisecond apart in order, the
 * reply when it completed, so the same words in another exchange are a new
 * episode rather than a repeat. Messages without text are left out.
 */
export function exchangeMessages(
  said: readonly { content: string; name?: string | undefined }[],
  reply: string,
  startedAt: Date,
  finishedAt = new Date(),
): MessageInput[] {
  const out: MessageInput[] = []
  for (const { content, name } of said) {
    if (content.trim() === '') continue
    const speaker = name?.trim()
    out.push({
      role: 'user',
      content,
      ...(speaker && PLAIN_NAME.test(speaker) ? { name: speaker } : {}),
      createdAt: new Date(startedAt.getTime() + out.length).toISOString(),
    })
  }
  // The reply never predates the messages it answers, even within one millisecond.
  const repliedAt = new Date(Math.max(finishedAt.getTime(), startedAt.getTime() + out.length))
  if (reply.trim() !== '') out.push({ role: 'assistant', content: reply, createdAt: repliedAt.toISOString() })
  return out
}
