import type { LanguageModelMiddleware } from 'ai'

/*
 * The AI SDK's model-level types, derived from the one type `ai` exports for
 * middleware rather than imported from `@ai-sdk/provider`: that package is a
 * dependency of `ai`, which a strict package manager does not let us resolve.
 * Type-only: nothing here loads `ai` at runtime.
 */

/** The parameters of one model call (`LanguageModelV3CallOptions`). */
export type CallOptions = Parameters<NonNullable<LanguageModelMiddleware['transformParams']>>[0]['params']

/** One message of a model prompt (`LanguageModelV3Message`). */
export type PromptMessage = CallOptions['prompt'][number]

type StreamResult = Awaited<ReturnType<NonNullable<LanguageModelMiddleware['wrapStream']>>>
type GenerateResult = Awaited<ReturnType<NonNullable<LanguageModelMiddleware['wrapGenerate']>>>

/** One part of a model's output stream (`LanguageModelV3StreamPart`). */
export type StreamPart = StreamResult['stream'] extends ReadableStream<infer P> ? P : never

/** The text of a prompt message: a system message's content, or the text parts of any other. */
export function promptText(message: PromptMessage): string {
  if (message.role === 'system') return message.content
  return message.content
    .map((part) => (part.type === 'text' ? part.text : ''))
    .filter((text) => text !== '')
    .join('\n\n')
}

/** The text a model generated, its text parts joined as the AI SDK joins them. */
export function generatedText(result: GenerateResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('')
}
