import { type Command, idArgument } from '../command.js'

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'Delete a memory (its history keeps a tombstone)',
  usage: 'recall delete <id>',
  options: {},
  async run(ctx) {
    const id = idArgument(ctx)
    await (await ctx.openMemory()).delete(id)
    if (ctx.json) ctx.printJson({ deleted: id })
    else ctx.print(`Deleted ${id}`)
  },
}
