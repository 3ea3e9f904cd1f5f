import { endpointUrl, invalid, redact } from '../embed/endpoint.js'
import { postWithRetry } from '../embed/fetch-with-retry.js'
import type { ExtractedFact, ExtractionInput, Extractor } from './extractor.js'
import { createHeuristicExtractor } from './heuristic-extractor.js'
import { AnswerError, parseFacts, readCompletion } from './llm-answer.js'
import { EXTRACTION_PROMPT, renderConversation } from './llm-prompt.js'

/** Options for `createLlmExtractor`. */
export interface LlmExtractorOptions {
  /** API root, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`; requests go to `${baseUrl}/chat/completions`. */
  baseUrl: string
  /** Chat model, e.g. `gpt-4o-mini` or `llama3.1:8b`. */
  model: string
  /** Sent as `Authorization: Bearer <apiKey>`. @default no Authorization header */
  apiKey?: string | undefined
  /** Limit for one request, including reading the answer. @default 30000 */
  timeoutMs?: number | undefined
  /** Retries on network errors, timeouts, 408, 429 and 5xx, with exponential backoff. @default 2 */
  maxRetries?: number | undefined
  /** Extracts instead when the model fails. @default the heuristic extractor */
  fallback?: Extractor | undefined
  /** The fetch implementation, e.g. one that goes through a proxy. @default globalThis.fetch */
  fetch?: typeof fetch | undefined
}

/** What one extraction produced, which extractor produced it, and why the model was not used. */
export interface ExtractionReport {
  facts: ExtractedFact[]
  /** The id of the extractor whose facts these are: the fallback's after a failure. */
  extractor: string
  /** Why the model's answer was not used (no API key in it), or null when it was. */
  fallbackReason: string | null
}

/** An extractor that can also say whether it had to fall back, and why. */
export interface ReportingExtractor extends Extractor {
  extractWithReport(
    input: ExtractionInput,
    options?: { signal?: AbortSignal | undefined },
  ): Promise<ExtractionReport>
}

/**
 * An extractor backed by any OpenAI-compatible chat-completions endpoint (OpenAI,
 * Ollama, vLLM, LM Studio). Sends the conversation, numbered and timed, with a prompt
 * asking for standalone third-person facts with absolute dates and their source
 * messages; asks for a JSON object at temperature 0 and checks the answer with zod.
 *
 * Any failure of the model (network, timeout, an HTTP error once retries are spent,
 * invalid JSON, an answer off the schema such as a source index out of range) falls
 * back to `fallback`: `extract` returns its facts, and `extractWithReport` says why,
 * never quoting the API key. Cancelling `signal` rejects with its reason instead.
 * Options are checked at once: bad ones throw `MemoryError` `INVALID_INPUT`.
 *
 * @example
 * const extractor = createLlmExtractor({ baseUrl: 'http://localhost:11434/v1', model: 'llama3.1:8b' })
 * const { facts, fallbackReason } = await extractor.extractWithReport({ userId: 'caroline', messages })
 */
export function createLlmExtractor(options: LlmExtractorOptions): ReportingExtractor {
  const { model, apiKey } = options
  const url = endpointUrl(options.baseUrl, 'chat/completions')
  if (typeof model !== 'string' || model.trim() === '') throw invalid('model must be a non-empty string')
  const timeoutMs = options.timeoutMs ?? 30_000
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw invalid('timeoutMs must be a positive integer')
  const maxRetries = options.maxRetries ?? 2
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw invalid('maxRetries must be an integer >= 0')
  const fallback = options.fallback ?? createHeuristicExtractor()
  const doFetch = options.fetch ?? globalThis.fetch
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
  if (apiKey) headers.authorization = `Bearer ${apiKey}`
  const id = `llm:${model}`
  const where = `${url.split('?')[0]} (model ${model})`

  async function ask(input: ExtractionInput, signal: AbortSignal | undefined): Promise<ExtractedFact[]> {
    const body = JSON.stringify({
      model,
      temperature: 0,
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: EXTRACTION_PROMPT },
        { role: 'user', content: renderConversation(input) },
      ],
    })
    const result = await postWithRetry(
      doFetch,
      url,
      { headers, body },
      { timeoutMs, maxRetries, signal },
      (message) => new AnswerError(message),
    )
    if (result.status < 200 || result.status > 299)
      throw new AnswerError(httpProblem(result.status, result.text))
    const { content, finishReason } = readCompletion(result.text)
    return parseFacts(content, input.messages.length, finishReason)
  }

  async function extractWithReport(
    input: ExtractionInput,
    extractOptions: { signal?: AbortSignal | undefined } = {},
  ): Promise<ExtractionReport> {
    const { signal } = extractOptions
    signal?.throwIfAborted()
    if (input.messages.length === 0) return { facts: [], extractor: id, fallbackReason: null }
    let reason: string
    try {
      return { facts: await ask(input, signal), extractor: id, fallbackReason: null }
    } catch (error) {
      // The caller gave up: that is no failure of the model, so no fallback either.
      if (signal?.aborted) throw signal.reason
      const message = error instanceof Error ? error.message : String(error)
      reason = redact(`chat completion at ${where} failed: ${message}`, apiKey)
    }
    const facts = await fallback.extract(input, { signal })
    return { facts, extractor: fallback.id, fallbackReason: reason }
  }

  return {
    id,
    extractWithReport,
    async extract(input, extractOptions) {
      return (await extractWithReport(input, extractOptions)).facts
    },
  }
}

/** The status, and for errors other than 401/403 the start of the body (never an echo of credentials). */
function httpProblem(status: number, text: string): string {
  if (status === 401 || status === 403) return `HTTP ${status}: check the API key and its access to the model`
  const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 200)
  return excerpt ? `HTTP ${status}: ${excerpt}` : `HTTP ${status}`
}
