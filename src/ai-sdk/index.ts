/**
 * Memory for the Vercel AI SDK: `import { memoryMiddleware } from 'adaptive-recall/ai-sdk'`.
 * A subpath of its own so that the core never refers to `ai`, an optional peer;
 * this entry point needs it for types only.
 */

export type { MemoryMiddlewareOptions } from './memory-middleware.js'
export { memoryMiddleware } from './memory-middleware.js'
