/**
 * The shapes of lifecycle scenarios. Scenarios are data: adding one is adding an
 * object to an array; `test/lifecycle-scenarios.test.ts` runs them all.
 */

/** One statement given to `memory.add`, in the order of the array. */
export interface FactStep {
  /** Name the expectations use for this step's memory. Unique within a scenario. */
  key: string
  /** `observedAt` (ISO 8601). The clock moves to it too, but never backwards. */
  at: string
  user: string
  content: string
  /** @default 'fact' */
  type?: string
  source?: string
}

/** A question whose best answer is one step's memory. */
export interface Question {
  query: string
  /** Key of the step whose memory must rank first (the asking user is that step's user). */
  answer: string
  /** Restrict the search to these memory types. */
  types?: string[]
}

/** A question about the past: answered as the memory stood at `asOf`. */
export interface PastQuestion extends Question {
  asOf: string
}

/** What a stream of statements must leave behind. */
export interface StreamExpectations {
  /**
   * Restatements: step key → key of the earlier step whose memory `add` must
   * return instead of creating a new one. Every step not listed here must
   * create its own memory.
   */
  merges?: Record<string, string>
  /**
   * `[older, newer]`: the older memory ends superseded by the newer one. Every
   * memory not listed here (nor in `mayBeSuperseded`) must end active.
   */
  supersessions?: Array<[older: string, newer: string]>
  /** Memories that may end either active or superseded: the input is ambiguous. */
  mayBeSuperseded?: string[]
  /** "What is true now?" questions. */
  current: Question[]
  /** Questions answered `asOf` a past moment. */
  past?: PastQuestion[]
  /** Older key of a supersession to undo after every other check. */
  undoSupersession?: string
  /** Key of a merged step whose merge to undo after every other check. */
  undoMerge?: string
}

/** A stream of statements about a few users, and what it must leave behind. */
export interface StreamScenario {
  name: string
  steps: FactStep[]
  expectations: StreamExpectations
}

/** Two statements of one user (unless `users` says otherwise), added a month apart. */
export interface StatementPair {
  /** What the pair illustrates; the test's name. */
  why: string
  first: string
  second: string
  /** @default ['alice', 'alice'] */
  users?: [string, string]
  /** @default ['fact', 'fact'] */
  types?: [string, string]
  /** For pairs that must not be merged: the second may still supersede the first. */
  maySupersede?: boolean
}

/** Counts a `consolidate` report must show. */
export interface ReportCounts {
  dryRun?: boolean
  scanned?: number
  merged?: number
  superseded?: number
  archived?: number
  expired?: number
}

/**
 * One step of a decay scenario, run in order against a controllable clock.
 * Keys name memories added by `add` steps; users default to 'zoe'.
 */
export type DecayStep =
  | { add: string; content: string; user?: string; type?: string; expiresInDays?: number }
  /** Moves the clock forward (fractions allowed). */
  | { wait: number }
  /** Searches (limit 1, so only that memory counts as used); the hit must be `use`. */
  | { use: string; query: string }
  | { consolidate: { user?: string; dryRun?: boolean }; report?: ReportCounts }
  | { restore: string }
  /**
   * Statuses now. `untouched`: no memory has any event but 'created'.
   * `expired`: archived with the rule 'expired' in both the report and history.
   */
  | { check: { active?: string[]; archived?: string[]; untouched?: boolean; expired?: string[] } }
  /** `memory.status` of a user: counts, and whether a consolidation was recorded. */
  | { status: { user?: string; active?: number; archived?: number; consolidated?: boolean } }

/** Decay, time to live and caps, driven by a clock the scenario moves. */
export interface DecayScenario {
  name: string
  /** `lifecycle` option of `createMemory`. */
  lifecycle?: {
    maxActivePerUser?: number
    decay?: { exemptTypes?: string[] }
  }
  /** @default '2024-01-01T09:00:00.000Z' */
  start?: string
  steps: DecayStep[]
}
