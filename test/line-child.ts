import { type ChildProcess, spawn } from 'node:child_process'
import { afterAll } from 'vitest'

/** A child process whose stdout is read line by line. */
export interface LineChild {
  process: ChildProcess
  /** Complete stdout lines so far. */
  lines: string[]
  /** Everything written to stderr so far. */
  stderr(): string
  /** The first line that starts with `prefix`; rejects if the child exits before printing it. */
  waitFor(prefix: string): Promise<string>
  /** The exit code (null when a signal ended it). */
  exited: Promise<number | null>
}

const started: ChildProcess[] = []
afterAll(() => {
  // After a failed test, children still running or waiting for their turn.
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

/** Starts `node <args>` with piped stdio; killed after the file's tests if still running. */
export function startLineChild(args: readonly string[], env: NodeJS.ProcessEnv = process.env): LineChild {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env })
  started.push(child)
  const lines: string[] = []
  let partial = ''
  let err = ''
  const waiters: { prefix: string; resolve: (line: string) => void; reject: (e: Error) => void }[] = []
  child.stderr?.on('data', (c) => {
    err += c
  })
  child.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString()
    const complete = partial.split('\n')
    partial = complete.pop() ?? ''
    for (const line of complete) {
      lines.push(line)
      for (const w of waiters.filter((w) => line.startsWith(w.prefix))) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(line)
      }
    }
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const gone = (code: number | null) => new Error(`${args.join(' ')} exited (${code}): ${err}`)
  void exited.then((code) => {
    for (const w of waiters.splice(0)) w.reject(gone(code))
  })
  return {
    process: child,
    lines,
    exited,
    stderr: () => err,
    waitFor(prefix) {
      const seen = lines.find((line) => line.startsWith(prefix))
      if (seen !== undefined) return Promise.resolve(seen)
      if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(gone(child.exitCode))
      return new Promise((resolve, reject) => waiters.push({ prefix, resolve, reject }))
    },
  }
}
