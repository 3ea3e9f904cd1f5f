import { type Command, idArgument } from '../command.js'

export const historyCommand: Command = {
  name: 'history',
  summary: "Show a memory's audit trail",
  usage: 'recall history <id>',
  options: {},
  async run(ctx) {
    const events = await (await ctx.openMemory()).history(idArgument(ctx))
    if (ctx.json) return ctx.printJson(events)
    for (const e of events) {
      const change = e.after ? `  ${e.before ? `"${e.before.content}" -> ` : ''}"${e.after.content}"` : ''
      ctx.print(`${e.at}  ${e.event.padEnd(8)} by ${e.actor}${change}`)
    }
  },
}
