/**
 * The extractor contract: turns a conversation into standalone facts. Two
 * implementations: the offline heuristic default and an LLM-backed one.
 */
export interface Extractor {
  /** Names the implementation, e.g. `heuristic@1` or `llm:gpt-4o-mini`; recorded on every fact. */
  readonly id: string
  /** Facts stated in the messages, each linked to the messages it came from. */
  extract(input: ExtractionInput, options?: { signal?: AbortSignal | undefined }): Promise<ExtractedFact[]>
}

/** One message of a conversation, as the extractor sees it. */
export interface ConversationMessage {
  role: 'user' | 'assistant' | 'system' | 'tool'
  content: string
  /** The speaker's name, if known ("Caroline"); else the role stands in. */
  name?: string | undefined
  /** When it was said (ISO 8601). */
  createdAt: string
}

export interface ExtractionInput {
  messages: readonly ConversationMessage[]
  /** Whose memory this is; first-person user statements are about them when no name is given. */
  userId: string
}

/** A fact drawn from the conversation. */
export interface ExtractedFact {
  /** A standalone statement: third person, absolute dates ("Caroline adopted a dog on 2023-05-07"). */
  content: string
  /** Indexes into `messages` of the messages it came from (at least one). */
  sources: number[]
  /** When the fact was true or said; defaults to the first source message's time. */
  observedAt?: string | undefined
}
