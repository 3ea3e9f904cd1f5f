import { type Command, intOption, jsonOption, stringOption, textArgument } from '../command.js'
import { formatHits } from '../format.js'

export const searchCommand: Command = {
  name: 'search',
  summary: "Search a user's memories",
  usage:
    'recall search <query...> --user ID [--limit N] [--tag T]... [--type T]... [--from DATE] [--to DATE] [--metadata JSON] [--explain]',
  options: {
    user: { type: 'string' },
    limit: { type: 'string' },
    tag: { type: 'string', multiple: true },
    type: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    metadata: { type: 'string' },
    explain: { type: 'boolean' },
  },
  async run(ctx) {
    const query = textArgument(ctx, 'query')
    const filters = {
      tags: ctx.values.tag as string[] | undefined,
      types: ctx.values.type as string[] | undefined,
      from: stringOption(ctx, 'from'),
      to: stringOption(ctx, 'to'),
      metadata: jsonOption(ctx, 'metadata') as Record<string, string> | undefined,
    }
    const memory = await ctx.openMemory()
    const hits = await memory.search({
      query,
      userId: stringOption(ctx, 'user', true),
      limit: intOption(ctx, 'limit'),
      explain: ctx.values.explain === true,
      filters: Object.values(filters).some((v) => v !== undefined) ? filters : undefined,
    })
    if (ctx.json) ctx.printJson(hits)
    else ctx.print(formatHits(hits))
  },
}
