import { MemoryError } from '../errors.js'
import type { MemoryRecord, SearchHit } from '../types.js'
import { countTokens as o200k, type TokenCounter } from './count-tokens.js'
import { type ContextFormat, type ContextLayout, contextLayout, renderContext } from './render-context.js'

/** Options of `assembleContext`. */
export interface AssembleContextOptions {
  /** Search hits, best first. */
  hits: readonly SearchHit[]
  /** Hard ceiling on the tokens of the whole returned text, wrappers included. */
  maxTokens: number
  /** `markdown`: one list line per memory, its text a JSON string. `xml`: escaped `<memory>`
   * elements inside `<memories>`. `json`: a JSON document `{"note", "memories": [...]}`. */
  format: ContextFormat
  /** The question the memories were retrieved for, quoted in the preamble. @default undefined (not shown) */
  query?: string
  /** Today, stated in the preamble so the model can place dated memories. @default undefined (not shown) */
  now?: Date
  /** Token counter for the target model. @default o200k_base via gpt-tokenizer */
  countTokens?: TokenCounter
}

/** The block to inject into a prompt and what went into it. */
export interface AssembledContext {
  /** The block; empty when not even its preamble fits in `maxTokens`. */
  text: string
  /** The memories in the block, in rank order. */
  memories: MemoryRecord[]
  /** The exact token count of `text`. */
  tokens: number
}

const normalContent = (content: string): string =>
  content.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()

/** Hits in rank order without repeats: the same id, or the same content up to case and spacing. */
function distinct(hits: readonly SearchHit[]): MemoryRecord[] {
  const ids = new Set<string>()
  const contents = new Set<string>()
  const out: MemoryRecord[] = []
  for (const { memory } of hits) {
    const content = normalContent(memory.content)
    if (ids.has(memory.id) || contents.has(content)) continue
    ids.add(memory.id)
    contents.add(content)
    out.push(memory)
  }
  return out
}

/**
 * The largest k such that the first k memories fit, given that k + 1 do not. Per-item
 * counts give a first guess (tokens almost add up across lines); exact counts of the whole
 * text then settle it, so the answer never depends on that guess being right.
 */
function fitCount(
  layout: ContextLayout,
  memories: readonly MemoryRecord[],
  max: number,
  count: TokenCounter,
) {
  const exact = (k: number) => count(renderContext(layout, memories.slice(0, k)))
  let k = 0
  let estimate = count(layout.head + layout.tail)
  while (k < memories.length) {
    const item = memories[k] as MemoryRecord
    const cost = count((k > 0 ? layout.separator : '') + layout.item(item))
    if (estimate + cost > max) break
    estimate += cost
    k++
  }
  let tokens = exact(k)
  while (tokens > max && k > 0) tokens = exact(--k)
  while (k < memories.length) {
    const more = exact(k + 1)
    if (more > max) break
    k++
    tokens = more
  }
  return { k, tokens }
}

/**
 * Builds the memory block for an LLM prompt: hits in rank order, duplicates dropped, each
 * memory with its id, date (`observedAt`, UTC day) and source so the model can cite it,
 * until the next one would exceed `maxTokens`. The count is exact for the whole text.
 *
 * Memory text is fenced as data and cannot break out of its block: in `xml` it is escaped
 * (&, <, >, quotes) inside its `<memory>` element; in `markdown` and `json` it is a JSON
 * string literal, one line that no content can close because every quote, backslash and
 * line break in it is escaped. (A code fence was the alternative for markdown; a literal
 * was chosen because a model does not apply CommonMark's fence-length rule reliably,
 * while a one-line quoted string leaves no line on which injected text could start.)
 *
 * @example
 * const { text } = assembleContext({ hits, maxTokens: 800, format: 'xml', now: new Date() })
 */
export function assembleContext(options: AssembleContextOptions): AssembledContext {
  const { hits, maxTokens, format, query, now, countTokens = o200k } = options
  if (!Number.isInteger(maxTokens) || maxTokens < 0) {
    throw new MemoryError('INVALID_INPUT', '`maxTokens` must be a non-negative integer', {
      details: { maxTokens },
    })
  }
  if (format !== 'markdown' && format !== 'xml' && format !== 'json') {
    throw new MemoryError('INVALID_INPUT', '`format` must be markdown, xml or json', { details: { format } })
  }
  const layout = contextLayout(format, { query, now })
  const memories = distinct(hits)
  const { k, tokens } = fitCount(layout, memories, maxTokens, countTokens)
  if (tokens > maxTokens) return { text: '', memories: [], tokens: 0 }
  const kept = memories.slice(0, k)
  return { text: renderContext(layout, kept), memories: kept, tokens }
}
