import type { IncomingMessage, ServerResponse } from 'node:http'
import { contextIndex, exchangeMessages, newUserMessages, turnQuery } from '../context/chat-turn.js'
import type { ContextFormat } from '../context/render-context.js'
import { MemoryError } from '../errors.js'
import type { Memory } from '../memory.js'
import { callUpstream, headerValue, type UpstreamOptions, upstreamUrl } from './call-upstream.js'
import { messageText, parseChatRequest } from './chat-request.js'
import { relayResponse } from './relay-response.js'
import { createReplyCollector } from './reply-collector.js'

/** The header naming the end user whose memory is used (else the body's `user`). */
export const USER_HEADER = 'x-recall-user-id'
/** The optional header naming the conversation; stored messages carry it as `sessionId`. */
export const SESSION_HEADER = 'x-recall-session-id'
/** The response header telling how many tokens of memory were injected (0 for none). */
export const CONTEXT_TOKENS_HEADER = 'x-recall-context-tokens'

/** Options of `handleChatCompletions`. */
export interface ChatProxyOptions {
  /** The memory of the caller's tenant: where context comes from and the exchange goes. */
  memory: Pick<Memory, 'context' | 'add'>
  /** The request body, already parsed as JSON. */
  body: unknown
  /** The OpenAI-compatible API to forward to. @default none: requests fail with `NOT_CONFIGURED` */
  upstream?: UpstreamOptions
  /** Most tokens of memory injected into the prompt. @default 1000 */
  contextTokens?: number
  /** How the memory block is written. @default 'markdown' */
  format?: ContextFormat
  /**
   * Receives failures that happen once the answer is on its way and so cannot
   * become an error response: storing the exchange, or the upstream breaking
   * off mid-answer. @default none: such failures are dropped
   */
  onError?: (error: unknown) => void
}

/**
 * Serves `POST /v1/chat/completions` as an OpenAI-compatible proxy with memory:
 * retrieves the user's memories for the last user message, injects them as a
 * system message (after the leading system messages), forwards the request to
 * the upstream and relays its answer unchanged (status, content type, and the
 * body chunk by chunk, so `stream: true` stays a stream), then stores the
 * user's new messages and the reply with `memory.add({ messages })`.
 *
 * The caller authenticates to the server with `Authorization` (its Adaptive
 * Recall key), so its own upstream key, if any, comes in
 * `x-upstream-authorization` (the whole `Bearer ...` value); without it the
 * configured `upstream.apiKey` is used. The user is named by `x-recall-user-id`
 * or the body's `user`; `x-recall-session-id` optionally names the session.
 *
 * Invalid input (`INVALID_INPUT`), no upstream (`NOT_CONFIGURED`) and an
 * unreachable upstream (`UPSTREAM_FAILED`) throw before anything is written, so
 * the server can answer with its error shape. Upstream error statuses are
 * relayed as they are. A client that disconnects aborts the upstream request.
 * Resolves once the exchange is stored (the answer is already sent by then).
 */
export async function handleChatCompletions(
  req: IncomingMessage,
  res: ServerResponse,
  options: ChatProxyOptions,
): Promise<void> {
  const request = parseChatRequest(options.body)
  const userId = headerValue(req, USER_HEADER) ?? (request.user?.trim() || null)
  if (!userId)
    throw new MemoryError(
      'INVALID_INPUT',
      `No user id: send the ${USER_HEADER} header (or the body's "user" field) to say whose memory to use`,
    )
  const url = upstreamUrl(options.upstream)
  const startedAt = new Date()

  const controller = new AbortController()
  const onClose = () => {
    if (!res.writableFinished) controller.abort()
  }
  res.on('close', onClose)
  try {
    const turn = turnQuery(request.messages, messageText)
    const context = turn
      ? await options.memory.context({
          ...turn,
          userId,
          maxTokens: options.contextTokens ?? 1000,
          format: options.format ?? 'markdown',
        })
      : null
    const injected = context && context.memories.length > 0 ? context : null
    const body = injected
      ? withSystemMessage(options.body, contextIndex(request.messages), injected.text)
      : options.body

    const answer = await callUpstream({
      url,
      upstream: options.upstream,
      req,
      body,
      signal: controller.signal,
    })
    if (!answer) return
    const collector = answer.ok ? createReplyCollector(answer.headers.get('content-type') ?? '') : null
    const outcome = await relayResponse(answer, res, {
      headers: { [CONTEXT_TOKENS_HEADER]: String(injected?.tokens ?? 0) },
      signal: controller.signal,
      onChunk: collector ? (chunk) => collector.push(chunk) : undefined,
    }).catch((error: unknown) => {
      options.onError?.(error)
      return 'failed' as const
    })
    if (outcome !== 'complete' || !collector) return

    const said = newUserMessages(request.messages).map((m) => ({ content: messageText(m), name: m.name }))
    const messages = exchangeMessages(said, collector.text(), startedAt)
    if (messages.length === 0) return
    const sessionId = headerValue(req, SESSION_HEADER)
    await options.memory
      .add({ messages, userId, ...(sessionId ? { sessionId } : {}) })
      .catch((error: unknown) => options.onError?.(error))
  } finally {
    res.off('close', onClose)
  }
}

/** The body with a system message inserted at `index` of its messages; every other field as sent. */
function withSystemMessage(body: unknown, index: number, content: string): Record<string, unknown> {
  const original = body as { messages: unknown[] }
  const messages = [...original.messages]
  messages.splice(index, 0, { role: 'system', content })
  return { ...original, messages }
}
