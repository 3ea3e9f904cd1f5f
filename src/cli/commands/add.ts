import { type Command, jsonOption, stringOption, textArgument } from '../command.js'

export const addCommand: Command = {
  name: 'add',
  summary: 'Store a memory',
  usage:
    'recall add <content...> --user ID [--source S] [--observed-at DATE] [--tag T]... [--type T] [--metadata JSON] [--agent ID] [--session ID]',
  options: {
    user: { type: 'string' },
    source: { type: 'string' },
    'observed-at': { type: 'string' },
    tag: { type: 'string', multiple: true },
    type: { type: 'string' },
    metadata: { type: 'string' },
    agent: { type: 'string' },
    session: { type: 'string' },
  },
  async run(ctx) {
    const content = textArgument(ctx, 'content')
    const memory = await ctx.openMemory()
    const record = await memory.add({
      content,
      userId: stringOption(ctx, 'user', true),
      source: stringOption(ctx, 'source') ?? 'cli',
      observedAt: stringOption(ctx, 'observed-at'),
      tags: ctx.values.tag as string[] | undefined,
      type: stringOption(ctx, 'type'),
      metadata: jsonOption(ctx, 'metadata') as Record<string, never> | undefined,
      agentId: stringOption(ctx, 'agent'),
      sessionId: stringOption(ctx, 'session'),
    })
    if (ctx.json) ctx.printJson(record)
    else ctx.print(record.id)
  },
}
