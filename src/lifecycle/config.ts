/** The judge: an OpenAI-compatible chat model asked about pairs the offline rules cannot decide. */
export interface JudgeOptions {
  /** e.g. `https://api.openai.com/v1`. */
  baseUrl: string
  model: string
  apiKey?: string | undefined
  /** @default 20000 */
  timeoutMs?: number
}

/** How the store is kept lean and true. Every field has a default. */
export interface LifecycleConfig {
  /** Merge restatements of an active memory into it at add time. @default true */
  dedupe: boolean
  /** Supersede older memories a new one contradicts, at add time. @default true */
  contradictions: boolean
  /** Types never merged or superseded: records of what was said rather than facts. @default ['episode'] */
  exemptTypes: string[]
  /** Nearest neighbours compared with each new memory. @default 10 */
  neighbours: number
  /** Cosine similarity above which two memories with the same words are the same statement. @default 0.9 */
  paraphraseSimilarity: number
  decay: {
    /**
     * Archive an active memory when its base-level activation falls below this.
     * @default ln((365 days)^-0.5) ≈ -8.8: a memory used once, unused for a year
     */
    threshold: number
    /** Types never archived by decay or caps (TTL still applies). @default ['reference'] */
    exemptTypes: string[]
  }
  /** Most active memories per user; the lowest activation goes to the archive first. @default none */
  maxActivePerUser: number | null
  /** Run `consolidate()` over every user this often (ms) in long-running processes. @default none */
  consolidateEveryMs: number | null
  /** An LLM asked about similar pairs the rules leave undecided. @default none */
  judge: JudgeOptions | null
}

const YEAR_SECONDS = 365 * 24 * 3600

export const DEFAULT_LIFECYCLE: LifecycleConfig = {
  dedupe: true,
  contradictions: true,
  exemptTypes: ['episode'],
  neighbours: 10,
  paraphraseSimilarity: 0.9,
  decay: { threshold: -0.5 * Math.log(YEAR_SECONDS), exemptTypes: ['reference'] },
  maxActivePerUser: null,
  consolidateEveryMs: null,
  judge: null,
}

/** Options as given, with defaults filled in. */
export type LifecycleOptions = Partial<Omit<LifecycleConfig, 'decay'>> & {
  decay?: Partial<LifecycleConfig['decay']>
}

export function lifecycleConfig(options: LifecycleOptions = {}): LifecycleConfig {
  return {
    ...DEFAULT_LIFECYCLE,
    ...options,
    decay: { ...DEFAULT_LIFECYCLE.decay, ...options.decay },
  }
}
