import { z } from 'zod'
import { parseInput } from '../schemas.js'

/**
 * The part of an OpenAI chat-completions request the proxy reads. Everything
 * else (tools, temperature, response_format...) passes to the upstream as sent.
 * Content parts other than text (images, audio) are allowed and forwarded; only
 * text parts are read for memory.
 */
const contentPartSchema = z.looseObject({
  type: z.string({ error: 'each content part needs a type' }),
  text: z.string().optional(),
})

const chatMessageSchema = z.looseObject({
  role: z.string({ error: 'role must be a string' }).min(1, 'role must not be empty'),
  // Null or absent for assistant messages that only call tools.
  content: z
    .union([z.string(), z.array(contentPartSchema)], {
      error: 'content must be a string or an array of content parts',
    })
    .nullable()
    .optional(),
  name: z.string().optional(),
})

export const chatRequestSchema = z.looseObject({
  model: z.string({ error: 'model must be a string' }).min(1, 'model must not be empty'),
  messages: z
    .array(chatMessageSchema, { error: 'messages must be an array' })
    .min(1, 'messages must not be empty'),
  stream: z.boolean().nullable().optional(),
  user: z.string().optional(),
})

/** One message of a chat-completions request. */
export type ChatMessage = z.output<typeof chatMessageSchema>

/** A chat-completions request, validated; unknown fields kept. */
export type ChatRequest = z.output<typeof chatRequestSchema>

/** Validates a chat-completions body, or throws `INVALID_INPUT` naming the first problem. */
export function parseChatRequest(body: unknown): ChatRequest {
  return parseInput(chatRequestSchema, body, 'chat completion request')
}

/** The text of a message: its string content, or its text parts joined by blank lines. */
export function messageText(message: ChatMessage): string {
  const { content } = message
  if (typeof content === 'string') return content
  if (!content) return ''
  return content
    .filter((part) => part.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text)
    .join('\n\n')
}
