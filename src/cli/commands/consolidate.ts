import { type Command, stringOption } from '../command.js'

export const consolidateCommand: Command = {
  name: 'consolidate',
  summary: 'Merge restatements, supersede contradicted facts, archive expired and decayed memories',
  usage: 'recall consolidate [--user ID] [--dry-run]',
  options: { user: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  async run(ctx) {
    const userId = stringOption(ctx, 'user')
    const memory = await ctx.openMemory()
    const report = await memory.consolidate({
      ...(userId ? { userId } : {}),
      dryRun: ctx.values['dry-run'] === true,
    })
    if (ctx.json) return ctx.printJson(report)
    if (report.skipped) return ctx.print('Skipped: another process is consolidating the same memories now')
    ctx.print(
      `${report.dryRun ? 'Would change' : 'Changed'}: ${report.merged} merged, ${report.superseded} superseded, ` +
        `${report.archived} archived, ${report.expired} expired (${report.scanned} active memories of ${report.users} users)`,
    )
    for (const d of report.decisions)
      ctx.print(`  ${d.action.padEnd(9)} ${d.memoryId}${d.otherId ? ` → ${d.otherId}` : ''}  [${d.rule}]`)
    if (report.truncated) ctx.print('  … more decisions than shown (use --json for the report)')
  },
}
