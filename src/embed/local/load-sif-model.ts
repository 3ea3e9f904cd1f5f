import { readFile } from 'node:fs/promises'
import { MemoryError } from '../../errors.js'
import type { SifModel } from './sif.js'
import { decodeVectorTable } from './vector-file.js'
import { zipfPrior } from './word-prior.js'

/**
 * Reads the compact vector file into a `SifModel`: typed arrays plus one
 * word -> row map. Throws `EMBED_FAILED` naming the file when it is unreadable or
 * corrupt, since the fix (delete it, prepare again) is in the user's hands.
 */
export async function loadSifModel(path: string): Promise<SifModel> {
  try {
    const table = decodeVectorTable(await readFile(path))
    const index = new Map<string, number>()
    for (let row = 0; row < table.words.length; row++) index.set(table.words[row] as string, row)
    const prior = zipfPrior(table.ranks, table.vocabularySize)
    const unknownPrior = zipfPrior(
      Uint32Array.of(table.vocabularySize - 1),
      table.vocabularySize,
    )[0] as number
    return { table, index, prior, unknownPrior }
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new MemoryError(
      'EMBED_FAILED',
      `The local word-vector file ${path} is unusable (${reason}). Delete it and run ` +
        '`node node_modules/adaptive-recall/dist/embed/local/prepare-vectors.js` ' +
        '(or call prepareLocalVectors()) to rebuild it.',
      { cause, details: { path } },
    )
  }
}
