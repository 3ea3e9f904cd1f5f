import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { afterAll } from 'vitest'
import { runCli } from '../src/cli/run.js'

/** A temporary directory removed after the test file's tests finish. */
export async function tempDir(prefix = 'recall-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  afterAll(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/** Runs the `recall` CLI in-process with captured output and an empty environment. */
export async function runRecall(
  args: string[],
  stdin = '',
): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (c) => {
    out += c
  })
  stderr.on('data', (c) => {
    err += c
  })
  const code = await runCli(args, { stdout, stderr, stdin: Readable.from([stdin]), env: {} })
  return { code, out, err }
}
