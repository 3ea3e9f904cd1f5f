import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { prepareLocalVectors } from './prepare-local-vectors.js'

/**
 * Prepares the local embedder's vector cache, printing progress to stderr.
 * Running this file with node does the same, which is how the npm `prepare`
 * script builds the cache: `node dist/embed/local/prepare-vectors.js`.
 */
export async function runPrepareVectors(): Promise<void> {
  const path = await prepareLocalVectors({ onProgress: (message) => process.stderr.write(`${message}\n`) })
  process.stderr.write(`adaptive-recall: local word vectors ready at ${path}\n`)
}

function isScript(): boolean {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isScript()) {
  runPrepareVectors().catch((error: unknown) => {
    process.stderr.write(`adaptive-recall: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  })
}
