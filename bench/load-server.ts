import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..')

/** A `recall serve` process started for the load. */
export interface LoadServer {
  url: string
  pid: number
  /** Warn and error lines of its JSON log so far. */
  warnings(): number
  /** The last lines of its log, for a failure message. */
  tail(): string
  /** SIGTERM and the exit code. */
  stop(): Promise<number | null>
}

/**
 * Starts `recall serve` from the source on a loopback port, on SQLite in `dataDir` or on
 * the PostgreSQL `store` URL, with `adminKey` and no rate limit (the load is the point).
 */
export async function startLoadServer(options: {
  dataDir: string
  store?: string
  adminKey: string
}): Promise<LoadServer> {
  const args = [
    '--import',
    'tsx',
    join(ROOT, 'src/cli/main.ts'),
    'serve',
    '--port',
    '0',
    '--host',
    '127.0.0.1',
  ]
  args.push('--data', options.dataDir, ...(options.store ? ['--store', options.store] : []))
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, RECALL_ADMIN_KEY: options.adminKey, RECALL_RATE_LIMIT: '100000000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let warnings = 0
  let tail: string[] = []
  let partial = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    partial += chunk.toString()
    const lines = partial.split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) if (/"level":"(warn|error)"/.test(line) || !line.startsWith('{')) warnings++
    tail = [...tail, ...lines].slice(-20)
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const found = /listening on (http:\/\/\S+)/.exec(out)
      if (found && out.includes('Health')) resolve(found[1] as string)
    })
    void exited.then((code) => reject(new Error(`recall serve exited with ${code}: ${tail.join('\n')}`)))
  })
  return {
    url,
    pid: child.pid as number,
    warnings: () => warnings,
    tail: () => tail.join('\n'),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}

/** Resident memory of a process in bytes: /proc on Linux, else `ps`. */
export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1]
    if (kb) return Number(kb) * 1024
  } catch {
    // Not Linux: ask ps.
  }
  return (
    Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
        .toString()
        .trim(),
    ) * 1024
  )
}
