import { type Command, idArgument, jsonOption, stringOption, UsageError } from '../command.js'
import { formatRecord } from '../format.js'

export const updateCommand: Command = {
  name: 'update',
  summary: 'Write a new version of a memory (the old one stays in history)',
  usage: 'recall update <id> [--content TEXT] [--metadata JSON] [--tag T]...',
  options: {
    content: { type: 'string' },
    metadata: { type: 'string' },
    tag: { type: 'string', multiple: true },
  },
  async run(ctx) {
    const id = idArgument(ctx)
    const patch = {
      content: stringOption(ctx, 'content'),
      metadata: jsonOption(ctx, 'metadata') as Record<string, never> | undefined,
      tags: ctx.values.tag as string[] | undefined,
    }
    if (Object.values(patch).every((v) => v === undefined))
      throw new UsageError('give at least one of --content, --metadata, --tag')
    const record = await (await ctx.openMemory()).update(id, patch)
    if (ctx.json) ctx.printJson(record)
    else ctx.print(formatRecord(record))
  },
}
