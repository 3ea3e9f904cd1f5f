import { readFile } from 'node:fs/promises'
import type { z } from 'zod'

/**
 * Reads a benchmark's JSON file and checks its shape, so a wrong path or file
 * fails with one message naming the file and the first mismatch.
 */
export async function readDataset<S extends z.ZodType>(
  path: string,
  schema: S,
  what: string,
): Promise<z.output<S>> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new Error(`Cannot read ${what} data from ${path}: ${(error as Error).message}`, { cause: error })
  }
  const parsed = schema.safeParse(data)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
  throw new Error(`${path} is not ${what} data${where}: ${issue?.message ?? 'unexpected shape'}`)
}
