/**
 * The HTTP client: `import { createClient } from 'adaptive-recall/client'`.
 * It has the embedded `Memory`'s methods and shapes.
 */
export { createClient } from './client.js'
export type { ClientOptions } from './http.js'
