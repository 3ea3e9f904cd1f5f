/** Turning conversations into facts: the extractor contract and its two implementations. */
export type { ConversationMessage, ExtractedFact, ExtractionInput, Extractor } from './extractor.js'
export { createHeuristicExtractor, HEURISTIC_EXTRACTOR_ID } from './heuristic-extractor.js'
export type { ExtractionReport, LlmExtractorOptions, ReportingExtractor } from './llm-extractor.js'
export { createLlmExtractor } from './llm-extractor.js'
