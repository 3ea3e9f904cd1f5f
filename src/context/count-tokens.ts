import { encode } from 'gpt-tokenizer'

/** Counts tokens of a prompt text. */
export type TokenCounter = (text: string) => number

// Special-token strings such as "<|endoftext|>" inside a memory are counted as the plain
// text they are: APIs never read them as control tokens, and the default setting throws.
const AS_TEXT = { disallowedSpecial: new Set<string>() }

/**
 * The real token count under OpenAI's o200k_base encoding (GPT-4o and later), via
 * gpt-tokenizer. For cl100k_base models pass `encode` from
 * `gpt-tokenizer/encoding/cl100k_base` as `countTokens`.
 */
export const countTokens: TokenCounter = (text) => encode(text, AS_TEXT).length
