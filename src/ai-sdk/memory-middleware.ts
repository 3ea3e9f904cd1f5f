import type { LanguageModelMiddleware } from 'ai'
import { contextIndex, exchangeMessages, newUserMessages, turnQuery } from '../context/chat-turn.js'
import type { ContextFormat } from '../context/render-context.js'
import type { Memory } from '../memory.js'
import { type CallOptions, generatedText, type PromptMessage, promptText, type StreamPart } from './prompt.js'

/** Options of `memoryMiddleware`. */
export interface MemoryMiddlewareOptions {
  /**
   * Where memories come from and exchanges go: the embedded memory
   * (`createMemory`) or the HTTP client (`createClient`); only `context` and
   * `add` are used.
   */
  memory: Pick<Memory, 'context' | 'add'>
  /** Whose memory: a user id, or a function of the call's parameters (e.g. reading `providerOptions` or `headers`). */
  userId: string | ((params: CallOptions) => string)
  /** The session stored messages belong to, or a function of the call's parameters. @default none */
  sessionId?: string | ((params: CallOptions) => string | undefined)
  /** Most tokens of memory injected into the prompt. @default 1000 */
  maxTokens?: number
  /** How the memory block is written. @default 'markdown' */
  format?: ContextFormat
  /**
   * Receives failures to store an exchange. Storing never fails a generation:
   * the answer is already there. @default none: such failures are dropped
   */
  onError?: (error: unknown) => void
}

const resolve = <T>(value: T | ((params: CallOptions) => T), params: CallOptions): T =>
  typeof value === 'function' ? (value as (params: CallOptions) => T)(params) : value

/**
 * Memory for any AI SDK model. Before each call, the memories most relevant
 * to the last user message go into the prompt as a system message (after the
 * leading system messages). After it, the user's new messages and the
 * assistant's text are stored with `memory.add({ messages })`: a generation
 * once it returns, a stream once its last part has passed (the stream is
 * otherwise untouched, and closes once the exchange is stored). A failure to
 * retrieve fails the call, like any failure before the model answers; a
 * failure to store goes to `onError`. Loads nothing from `ai` at runtime.
 *
 * @example
 * import { generateText, wrapLanguageModel } from 'ai'
 * import { memoryMiddleware } from 'adaptive-recall/ai-sdk'
 *
 * const model = wrapLanguageModel({
 *   model: openai('gpt-4o-mini'),
 *   middleware: memoryMiddleware({ memory, userId: 'alice' }),
 * })
 * const { text } = await generateText({ model, prompt: 'Where does my sister live?' })
 */
export function memoryMiddleware(options: MemoryMiddlewareOptions): LanguageModelMiddleware {
  const { memory, maxTokens = 1000, format = 'markdown', onError } = options

  async function store(params: CallOptions, reply: string, startedAt: Date): Promise<void> {
    try {
      const said = newUserMessages<PromptMessage>(params.prompt).map((m) => ({ content: promptText(m) }))
      const messages = exchangeMessages(said, reply, startedAt)
      if (messages.length === 0) return
      const sessionId = options.sessionId === undefined ? undefined : resolve(options.sessionId, params)
      await memory.add({
        messages,
        userId: resolve(options.userId, params),
        ...(sessionId ? { sessionId } : {}),
      })
    } catch (error) {
      onError?.(error)
    }
  }

  return {
    specificationVersion: 'v3',

    async transformParams({ params }) {
      const turn = turnQuery(params.prompt, promptText)
      if (!turn) return params
      const context = await memory.context({
        ...turn,
        userId: resolve(options.userId, params),
        maxTokens,
        format,
      })
      if (context.memories.length === 0) return params
      const prompt = [...params.prompt]
      prompt.splice(contextIndex(prompt), 0, { role: 'system', content: context.text })
      return { ...params, prompt }
    },

    async wrapGenerate({ doGenerate, params }) {
      const startedAt = new Date()
      const result = await doGenerate()
      await store(params, generatedText(result), startedAt)
      return result
    },

    async wrapStream({ doStream, params }) {
      const startedAt = new Date()
      const { stream, ...rest } = await doStream()
      let reply = ''
      let failed = false
      const collect = new TransformStream<StreamPart, StreamPart>({
        transform(part, controller) {
          if (part.type === 'text-delta') reply += part.delta
          else if (part.type === 'error') failed = true
          controller.enqueue(part)
        },
        // Runs only when the stream ended normally; a cancelled stream stores nothing.
        async flush() {
          if (!failed) await store(params, reply, startedAt)
        },
      })
      return { ...rest, stream: stream.pipeThrough(collect) }
    },
  }
}
