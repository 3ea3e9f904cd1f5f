import { createReadStream } from 'node:fs'
import { access } from 'node:fs/promises'
import { type Command, UsageError } from '../command.js'
import { progressReporter } from '../format.js'

export const importCommand: Command = {
  name: 'import',
  summary: 'Read memories written by export (ids that exist are skipped)',
  usage: 'recall import <FILE | ->',
  options: {},
  async run(ctx) {
    const [file, extra] = ctx.positionals
    if (!file || extra !== undefined) throw new UsageError('expected one file name, or - for standard input')
    if (file !== '-') await access(file).catch(() => Promise.reject(new UsageError(`cannot read ${file}`)))
    const input = file === '-' ? ctx.io.stdin : createReadStream(file)
    const memory = await ctx.openMemory()
    const progress = progressReporter(ctx.io, 'Imported')
    const result = await memory.import(input as AsyncIterable<Uint8Array>, {
      onProgress: (n) => progress.update(n),
    })
    progress.end()
    if (ctx.json) ctx.printJson(result)
    else ctx.print(`Imported ${result.imported} memories, skipped ${result.skipped} that already existed`)
  },
}
