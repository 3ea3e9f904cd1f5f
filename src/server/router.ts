import type { IncomingMessage, ServerResponse } from 'node:http'
import type { z } from 'zod'
import { MemoryError } from '../errors.js'
import type { Memory } from '../memory.js'
import type { ApiKeyRecord, KeyScope } from './key-store.js'

/** What a route handler gets. */
export interface RouteContext {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: Record<string, string>
  /** The authenticated key, for routes that need one. */
  key: ApiKeyRecord
  /** The memory confined to the key's tenant. */
  memory: Memory
  /** The JSON body, parsed (and size-checked) on first call. */
  body(): Promise<unknown>
}

/** What a handler returns: a status and JSON body, or nothing when it wrote the response itself. */
export type RouteResult = { status: number; body?: unknown } | undefined

/** One API route, described once for the router and for the OpenAPI document. */
export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** Path with `:name` parameters, e.g. `/v1/memories/:id`. */
  path: string
  /** The scope a key needs; `null` for public routes. */
  scope: KeyScope | null
  summary: string
  tag: string
  /** The JSON body's schema, for the OpenAPI document. */
  body?: z.ZodType
  /** The query string's schema, for the OpenAPI document. */
  query?: z.ZodType
  /** Status and description of the success response, and its body's schema when documented. */
  ok: { status: number; description: string; contentType?: string; schema?: z.ZodType }
  handle(ctx: RouteContext): Promise<RouteResult>
}

/** A percent-decoded path parameter; `INVALID_INPUT` when its encoding is malformed (e.g. `%ff`). */
function decodeParam(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    throw new MemoryError('INVALID_INPUT', `Path parameter "${name}" is not valid percent-encoded UTF-8`)
  }
}

interface Compiled {
  route: Route
  pattern: RegExp
  names: string[]
}

/**
 * Matches a method and path to a route: `route` when found, `allowed` methods when only the
 * path matched. Throws `INVALID_INPUT` for a matched path whose parameters do not decode.
 */
export function createRouter(routes: readonly Route[]) {
  const compiled: Compiled[] = routes.map((route) => {
    const names: string[] = []
    const source = route.path
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/:(\w+)/g, (_m, name: string) => {
        names.push(name)
        return '([^/]+)'
      })
    return { route, pattern: new RegExp(`^${source}/?$`), names }
  })
  return {
    match(
      method: string,
      path: string,
    ): { route: Route; params: Record<string, string> } | { allowed: string[] } {
      const allowed: string[] = []
      for (const { route, pattern, names } of compiled) {
        const found = pattern.exec(path)
        if (!found) continue
        if (route.method !== method) {
          allowed.push(route.method)
          continue
        }
        const params: Record<string, string> = {}
        names.forEach((name, i) => {
          params[name] = decodeParam(name, found[i + 1] ?? '')
        })
        return { route, params }
      }
      return { allowed }
    },
  }
}
