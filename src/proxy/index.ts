/**
 * The OpenAI-compatible chat proxy with memory, for servers that mount it at
 * `POST /v1/chat/completions`.
 */

export type { UpstreamOptions } from './call-upstream.js'
export { UPSTREAM_AUTH_HEADER } from './call-upstream.js'
export type { ChatProxyOptions } from './chat-completions.js'
export {
  CONTEXT_TOKENS_HEADER,
  handleChatCompletions,
  SESSION_HEADER,
  USER_HEADER,
} from './chat-completions.js'
