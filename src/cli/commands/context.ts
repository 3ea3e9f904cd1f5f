import { type Command, intOption, stringOption, textArgument, UsageError } from '../command.js'

const FORMATS = ['markdown', 'xml', 'json'] as const

export const contextCommand: Command = {
  name: 'context',
  summary: 'Print the memory block a prompt would get for a query',
  usage: 'recall context <query...> --user ID [--max-tokens 1000] [--format markdown|xml|json]',
  options: { user: { type: 'string' }, 'max-tokens': { type: 'string' }, format: { type: 'string' } },
  async run(ctx) {
    const query = textArgument(ctx, 'query')
    const format = stringOption(ctx, 'format') ?? 'markdown'
    if (!FORMATS.includes(format as (typeof FORMATS)[number]))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`)
    const result = await (await ctx.openMemory()).context({
      query,
      userId: stringOption(ctx, 'user', true),
      maxTokens: intOption(ctx, 'max-tokens'),
      format: format as (typeof FORMATS)[number],
    })
    if (ctx.json) return ctx.printJson(result)
    ctx.print(result.text)
    ctx.io.stderr.write(`(${result.tokens} tokens, ${result.memories.length} memories)\n`)
  },
}
