import { MemoryError } from '../../errors.js'
import { type Command, idArgument } from '../command.js'
import { formatRecord } from '../format.js'

export const getCommand: Command = {
  name: 'get',
  summary: 'Show one memory',
  usage: 'recall get <id>',
  options: {},
  async run(ctx) {
    const id = idArgument(ctx)
    const record = await (await ctx.openMemory()).get(id)
    if (!record) throw new MemoryError('NOT_FOUND', `No memory with id ${id}`)
    if (ctx.json) ctx.printJson(record)
    else ctx.print(formatRecord(record))
  },
}
