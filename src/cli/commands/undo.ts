import { type Command, UsageError } from '../command.js'

export const undoCommand: Command = {
  name: 'undo',
  summary: 'Reverse a lifecycle decision (the id of a merged, superseded, archived or restored event)',
  usage: 'recall undo <event-id>',
  options: {},
  async run(ctx) {
    const [eventId, extra] = ctx.positionals
    if (!eventId || extra !== undefined)
      throw new UsageError('expected exactly one event id (see recall history <id>)')
    const result = await (await ctx.openMemory()).undo(eventId)
    if (ctx.json) return ctx.printJson(result)
    ctx.print(`Undid ${result.undone.event} of ${result.undone.at}`)
    for (const m of result.memories) ctx.print(`  ${m.id}  ${m.status}  ${m.content}`)
  },
}
