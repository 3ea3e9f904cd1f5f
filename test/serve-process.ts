import { type LineChild, startLineChild } from './line-child.js'

/** A `recall serve` process on a loopback port. */
export interface ServeProcess {
  child: LineChild
  url: string
  /** SIGTERM, then the exit code (0 after a clean shutdown). */
  stop(): Promise<number | null>
}

/**
 * Starts `recall serve` from the source as a real process (port 0, data in `dataDir`,
 * PostgreSQL when `env.RECALL_STORE` is set) and waits for its banner. Its stderr (the
 * JSON request log) is kept in `child.stderr()`.
 */
export async function startServe(dataDir: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = startLineChild(
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--data', dataDir],
    { ...process.env, ...env },
  )
  const banner = await child.waitFor('Adaptive Recall is listening on ')
  await child.waitFor('  Health')
  const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1] as string
  return {
    child,
    url,
    async stop() {
      if (child.process.exitCode !== null) return child.process.exitCode
      child.process.kill('SIGTERM')
      return child.exited
    },
  }
}

/** One request's outcome: status and parsed JSON (undefined for an empty or non-JSON body). */
export interface Answer {
  status: number
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the server answered
  json: any
  text: string
}

/** Calls a server with a bearer key; a socket error is an answer with status 0. */
export async function request(
  url: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  try {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    let json: unknown
    try {
      json = text === '' ? undefined : JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: res.status, json, text }
  } catch (error) {
    return { status: 0, json: undefined, text: String((error as Error).cause ?? error) }
  }
}
