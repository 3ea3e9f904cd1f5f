import { type Command, idArgument } from '../command.js'
import { formatRecord } from '../format.js'

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Bring an archived or superseded memory back to active',
  usage: 'recall restore <id>',
  options: {},
  async run(ctx) {
    const record = await (await ctx.openMemory()).restore(idArgument(ctx))
    if (ctx.json) ctx.printJson(record)
    else ctx.print(formatRecord(record))
  },
}
