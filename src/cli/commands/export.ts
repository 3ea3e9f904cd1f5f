import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { type Command, stringOption } from '../command.js'
import { progressReporter } from '../format.js'

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write memories with their history as JSON lines',
  usage: 'recall export [--user ID] [--out FILE]   (stdout when --out is not given)',
  options: { user: { type: 'string' }, out: { type: 'string' } },
  async run(ctx) {
    const memory = await ctx.openMemory()
    const out = stringOption(ctx, 'out')
    const progress = progressReporter(ctx.io, 'Exported')
    let count = -1 // the header is not a memory
    async function* counted() {
      for await (const line of memory.export({ userId: stringOption(ctx, 'user') })) {
        progress.update(++count)
        yield line
      }
    }
    const sink = out ? createWriteStream(out) : ctx.io.stdout
    await pipeline(Readable.from(counted()), sink, { end: Boolean(out) })
    progress.end()
    if (out) ctx.io.stderr.write(`Exported ${count} memories to ${out}\n`)
  },
}
