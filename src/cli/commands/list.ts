import type { MemoryStatus } from '../../types.js'
import { type Command, intOption, stringOption } from '../command.js'
import { formatRecord } from '../format.js'

export const listCommand: Command = {
  name: 'list',
  summary: "List a user's memories, newest first",
  usage: 'recall list --user ID [--limit N] [--cursor C] [--status active|superseded|archived]...',
  options: {
    user: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    status: { type: 'string', multiple: true },
  },
  async run(ctx) {
    const page = await (await ctx.openMemory()).list({
      userId: stringOption(ctx, 'user', true),
      limit: intOption(ctx, 'limit'),
      cursor: stringOption(ctx, 'cursor'),
      status: ctx.values.status as MemoryStatus[] | undefined,
    })
    if (ctx.json) return ctx.printJson(page)
    ctx.print(page.items.length ? page.items.map(formatRecord).join('\n') : 'No memories.')
    if (page.nextCursor) ctx.print(`\nMore: --cursor ${page.nextCursor}`)
  },
}
