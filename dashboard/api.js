/** The JSON API, with the API key from sessionStorage (never the URL). */

const STORAGE_KEY = 'adaptive-recall.apiKey'

export const getKey = () => sessionStorage.getItem(STORAGE_KEY)
export const setKey = (key) => sessionStorage.setItem(STORAGE_KEY, key)
export const clearKey = () => sessionStorage.removeItem(STORAGE_KEY)

/** An error answered by the server (`{ error: { code, message } }`) or a network failure. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
  }
}

// A view loads several things at once, and one key's burst can run out: a request the
// rate limiter refused was never carried out, so it is sent again after the pause the
// server asks for, when that pause is short.
const RETRIES = 3
const MAX_WAIT_SECONDS = 5

/** Calls the API; resolves to the parsed JSON (null for 204), rejects with ApiError. */
export async function api(method, path, body, key = getKey()) {
  const headers = { authorization: `Bearer ${key ?? ''}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (error) {
      throw new ApiError(0, 'NETWORK', `Could not reach the server (${error.message})`)
    }
    const wait = Number(response.headers.get('retry-after'))
    if (response.status !== 429 || attempt >= RETRIES || !(wait >= 0 && wait <= MAX_WAIT_SECONDS)) break
    await new Promise((resolve) => setTimeout(resolve, wait * 1000))
  }
  if (response.status === 204) return null
  const text = await response.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  if (!response.ok) {
    const error = json?.error
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? `The server answered ${response.status} ${response.statusText}`,
    )
  }
  return json
}

/** A query string from an object, leaving out empty values. */
export function qs(params) {
  return new URLSearchParams(
    Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ).toString()
}
