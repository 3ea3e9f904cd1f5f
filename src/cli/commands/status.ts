import { type Command, stringOption } from '../command.js'

export const statusCommand: Command = {
  name: 'status',
  summary: 'Counts by status and type, and the last consolidation',
  usage: 'recall status [--user ID]',
  options: { user: { type: 'string' } },
  async run(ctx) {
    const userId = stringOption(ctx, 'user')
    const status = await (await ctx.openMemory()).status(userId ? { userId } : {})
    if (ctx.json) return ctx.printJson(status)
    ctx.print(`memories  ${status.memories}   users ${status.users}`)
    for (const [s, n] of Object.entries(status.byStatus)) ctx.print(`  ${s.padEnd(10)} ${n}`)
    for (const [type, n] of Object.entries(status.byType)) ctx.print(`  type ${type.padEnd(10)} ${n}`)
    const last = status.lastConsolidation
    ctx.print(
      last
        ? `last consolidation ${last.finishedAt}: ${last.merged} merged, ${last.superseded} superseded, ${last.archived} archived, ${last.expired} expired`
        : 'never consolidated',
    )
  },
}
