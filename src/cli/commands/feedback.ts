import { type Command, idArgument, stringOption, UsageError } from '../command.js'

export const feedbackCommand: Command = {
  name: 'feedback',
  summary: 'Mark a memory useful or not useful for a query',
  usage: 'recall feedback <id> --useful | --not-useful [--query TEXT]',
  options: { useful: { type: 'boolean' }, 'not-useful': { type: 'boolean' }, query: { type: 'string' } },
  async run(ctx) {
    const id = idArgument(ctx)
    const useful = ctx.values.useful === true
    if (useful === (ctx.values['not-useful'] === true))
      throw new UsageError('give exactly one of --useful, --not-useful')
    const record = await (await ctx.openMemory()).feedback({
      memoryId: id,
      useful,
      query: stringOption(ctx, 'query'),
    })
    if (ctx.json) ctx.printJson(record)
    else ctx.print(`${id}: confidence ${record.confidence}`)
  },
}
