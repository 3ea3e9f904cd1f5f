import { MemoryError } from '../errors.js'
import type { Embedder, EmbedOptions } from './embedder.js'
import { endpointUrl, invalid, redact } from './endpoint.js'
import { postWithRetry } from './fetch-with-retry.js'
import { parseEmbeddings } from './parse-embeddings.js'

/** Options for `createOpenAICompatibleEmbedder`. */
export interface OpenAICompatibleEmbedderOptions {
  /** API root, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`; requests go to `${baseUrl}/embeddings`. */
  baseUrl: string
  /** Model name sent with each request, e.g. `text-embedding-3-small`. */
  model: string
  /** Sent as `Authorization: Bearer <apiKey>`. @default no Authorization header */
  apiKey?: string | undefined
  /** Vector size; also sent as `dimensions` (for models that can shorten vectors). @default probed once with a short text */
  dimensions?: number | undefined
  /** Texts per request. @default 64 */
  batchSize?: number | undefined
  /** Limit for one request, including reading the response. @default 30000 */
  timeoutMs?: number | undefined
  /** Retries on network errors, timeouts, 408, 429 and 5xx, with exponential backoff. @default 3 */
  maxRetries?: number | undefined
  /** Extra request headers. @default none */
  headers?: Record<string, string> | undefined
  /** The fetch implementation, e.g. one that goes through a proxy. @default globalThis.fetch */
  fetch?: typeof fetch | undefined
}

/**
 * An embedder for any OpenAI-compatible `/v1/embeddings` endpoint: OpenAI,
 * Ollama, vLLM, LM Studio, Hugging Face TEI. Batches texts, retries transient
 * failures, checks every answer strictly and returns unit-length vectors. Errors
 * are `MemoryError`s: `INVALID_INPUT` for bad options, `EMBED_FAILED` for any
 * failure of the service (never quoting the API key). An aborted `signal` rejects
 * with its reason.
 *
 * @example
 * const embedder = await createOpenAICompatibleEmbedder({
 *   baseUrl: 'http://localhost:11434/v1',
 *   model: 'nomic-embed-text',
 * })
 */
export async function createOpenAICompatibleEmbedder(
  options: OpenAICompatibleEmbedderOptions,
): Promise<Embedder> {
  const { model, apiKey, dimensions } = options
  const url = endpointUrl(options.baseUrl, 'embeddings')
  if (typeof model !== 'string' || model.trim() === '') throw invalid('model must be a non-empty string')
  const batchSize = positiveInteger('batchSize', options.batchSize ?? 64)
  const timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? 30_000)
  const maxRetries = options.maxRetries ?? 3
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw invalid('maxRetries must be an integer >= 0')
  if (dimensions !== undefined) positiveInteger('dimensions', dimensions)
  const doFetch = options.fetch ?? globalThis.fetch
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value
  if (apiKey) headers.authorization = `Bearer ${apiKey}`
  const where = `${url.split('?')[0]} (model ${model})`
  const fail = (message: string, cause?: unknown, details?: Record<string, unknown>) =>
    new MemoryError('EMBED_FAILED', redact(`Embedding request to ${where} failed: ${message}`, apiKey), {
      cause,
      details: { ...details, model },
    })

  async function embedBatch(texts: string[], size: number | undefined, signal?: AbortSignal) {
    const body = JSON.stringify({
      model,
      input: texts,
      encoding_format: 'float',
      ...(dimensions ? { dimensions } : {}),
    })
    const result = await postWithRetry(
      doFetch,
      url,
      { headers, body },
      { timeoutMs, maxRetries, signal },
      (message, cause) => fail(message, cause),
    )
    if (result.status < 200 || result.status > 299) {
      throw fail(`HTTP ${result.status}: ${result.text.slice(0, 300)}`, undefined, { status: result.status })
    }
    try {
      return parseEmbeddings(result.text, texts.length, size)
    } catch (error) {
      // No cause: the message says it all, and only the message is redacted.
      throw fail(error instanceof Error ? error.message : String(error))
    }
  }

  const size = dimensions ?? (await embedBatch(['dimension probe'], undefined))[0]?.length
  if (!size) throw fail('the dimension probe returned no vector')
  return {
    id: `openai-compatible:${model}:${size}`,
    dimensions: size,
    async embed(texts: readonly string[], embedOptions: EmbedOptions = {}): Promise<Float32Array[]> {
      if (!Array.isArray(texts) || texts.some((text) => typeof text !== 'string')) {
        throw invalid('texts must be an array of strings')
      }
      const out: Float32Array[] = []
      for (let start = 0; start < texts.length; start += batchSize) {
        out.push(...(await embedBatch(texts.slice(start, start + batchSize), size, embedOptions.signal)))
      }
      return out
    },
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw invalid(`${name} must be a positive integer`)
  return value
}
