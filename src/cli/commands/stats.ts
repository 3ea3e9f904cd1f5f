import type { Command } from '../command.js'

export const statsCommand: Command = {
  name: 'stats',
  summary: 'Count what the store holds',
  usage: 'recall stats',
  options: {},
  async run(ctx) {
    const stats = await (await ctx.openMemory()).stats()
    if (ctx.json) return ctx.printJson(stats)
    ctx.print(`memories  ${stats.memories}`)
    ctx.print(`users     ${stats.users}`)
    for (const [status, n] of Object.entries(stats.byStatus)) ctx.print(`  ${status.padEnd(10)} ${n}`)
    for (const [type, n] of Object.entries(stats.byType)) ctx.print(`  type ${type.padEnd(5)} ${n}`)
    if (stats.sizeBytes !== null) ctx.print(`size      ${(stats.sizeBytes / 1024 / 1024).toFixed(1)} MiB`)
  },
}
