import { z } from 'zod'
import type { ExtractedFact } from './extractor.js'

/** Why an answer of the model could not be used; its message becomes the fallback reason. */
export class AnswerError extends Error {}

const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
})

const factsSchema = (messageCount: number) =>
  z.object({
    facts: z.array(
      z.object({
        content: z.string().trim().min(1).max(2000),
        sources: z
          .array(
            z
              .number()
              .int()
              .min(0)
              .max(messageCount - 1),
          )
          .min(1),
        observedAt: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).nullish(),
      }),
    ),
  })

/** A JSON answer some models wrap in a Markdown fence despite `response_format`. */
const FENCE = /^```(?:json)?\s*([\s\S]*?)\s*```$/

function describeIssues(error: z.ZodError): string {
  const shown = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : ''
  return shown.join('; ') + more
}

/** The text of the first choice of a chat-completions response body, and why the model stopped. */
export function readCompletion(body: string): { content: string; finishReason: string | null } {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    throw new AnswerError('the response body is not JSON')
  }
  const parsed = completionSchema.safeParse(json)
  if (!parsed.success)
    throw new AnswerError(`the response is not a chat completion (${describeIssues(parsed.error)})`)
  const [choice] = parsed.data.choices
  if (choice?.message.content)
    return { content: choice.message.content, finishReason: choice.finish_reason ?? null }
  const refusal = choice?.message.refusal ? `: ${choice.message.refusal.slice(0, 200)}` : ''
  throw new AnswerError(`the model returned no content${refusal}`)
}

/**
 * The facts in the model's answer, checked as a whole: JSON of the shape
 * `{ facts: [{ content, sources, observedAt? }] }` whose sources are indexes of the
 * `messageCount` messages. One bad fact fails the whole answer, since it shows the
 * model did not follow the instructions. Throws `AnswerError` saying what is wrong.
 *
 * @example
 * parseFacts('{"facts":[{"content":"Caroline adopted a dog.","sources":[0]}]}', 3)
 * // [{ content: 'Caroline adopted a dog.', sources: [0] }]
 */
export function parseFacts(
  content: string,
  messageCount: number,
  finishReason?: string | null,
): ExtractedFact[] {
  const text = content.trim()
  let json: unknown
  try {
    json = JSON.parse(FENCE.exec(text)?.[1] ?? text)
  } catch (error) {
    const cut = finishReason === 'length' ? ' (cut off: the model reached its token limit)' : ''
    throw new AnswerError(`the answer is not valid JSON${cut}: ${(error as Error).message}`)
  }
  const parsed = factsSchema(messageCount).safeParse(json)
  if (!parsed.success)
    throw new AnswerError(`the answer does not match the schema: ${describeIssues(parsed.error)}`)
  return parsed.data.facts.map((fact) => {
    const sources = [...new Set(fact.sources)].sort((a, b) => a - b)
    const observedAt = fact.observedAt ? new Date(fact.observedAt).toISOString() : undefined
    return observedAt ? { content: fact.content, sources, observedAt } : { content: fact.content, sources }
  })
}
