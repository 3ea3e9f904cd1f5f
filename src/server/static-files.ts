import { readFile } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { fileURLToPath } from 'node:url'

/** The dashboard's files: `dashboard/` at the package root (two levels above src/server and dist/server). */
const ROOT = fileURLToPath(new URL('../../dashboard/', import.meta.url))

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
}

/** Scripts and styles from this server only: memory content can never run as code in the page. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
}

// Only files that exist are kept: names that do not are any client's to invent, and
// remembering each one would let requests grow the cache without bound.
const cache = new Map<string, Buffer>()

async function load(name: string): Promise<Buffer | null> {
  const known = cache.get(name)
  if (known) return known
  const body = await readFile(ROOT + name).catch(() => null)
  if (body) cache.set(name, body)
  return body
}

/**
 * Serves `/` (the dashboard) and `/dashboard/<file>`: plain names only, so no
 * path can leave the folder. False when the path is not a dashboard file.
 */
export async function serveDashboard(path: string, res: ServerResponse): Promise<boolean> {
  const name =
    path === '/' ? 'index.html' : /^\/dashboard\/([a-z0-9-]+\.(?:html|js|css|svg))$/.exec(path)?.[1]
  if (!name) return false
  const body = await load(name)
  if (!body) return false
  res.writeHead(200, {
    'content-type': TYPES[name.split('.').pop() as string] as string,
    'content-length': body.length,
    'cache-control': 'no-cache',
    ...SECURITY_HEADERS,
  })
  res.end(body)
  return true
}
