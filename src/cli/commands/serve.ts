import { embedderFromEnv, readEnv } from '../../config.js'
import { type Command, intOption, stringOption, UsageError } from '../command.js'

/** `recall serve`: the HTTP API, MCP and proxy on the embedded store, until SIGINT or SIGTERM. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the HTTP server (API, docs, MCP, proxy)',
  usage: 'recall serve [--port 8787] [--host 127.0.0.1] [--data ./.recall] [--store postgres://…]',
  options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' } },
  async run(ctx) {
    const env = readEnv(ctx.io.env)
    const rawPort = intOption(ctx, 'port') ?? (ctx.io.env.PORT ? Number(ctx.io.env.PORT) : 8787)
    if (!Number.isInteger(rawPort) || rawPort < 0 || rawPort > 65535)
      throw new UsageError(`port must be an integer from 0 to 65535, got "${ctx.io.env.PORT ?? rawPort}"`)
    const host = stringOption(ctx, 'host') ?? ctx.io.env.HOST ?? '127.0.0.1'
    const dataDir = stringOption(ctx, 'data') ?? env.RECALL_DATA_DIR ?? './.recall'
    const storeUrl = stringOption(ctx, 'store')
    const { startServer } = await import('../../server/serve.js')
    const server = await startServer({
      port: rawPort,
      host,
      dataDir,
      storeUrl,
      adminKey: env.RECALL_ADMIN_KEY,
      embedder: await embedderFromEnv(env),
      ...(env.RECALL_RATE_LIMIT ? { rateLimit: { perMinute: env.RECALL_RATE_LIMIT } } : {}),
      ...(env.RECALL_UPSTREAM_URL
        ? { upstream: { baseUrl: env.RECALL_UPSTREAM_URL, apiKey: env.RECALL_UPSTREAM_API_KEY } }
        : {}),
    })
    const where = storeUrl ? 'data in PostgreSQL' : `data in ${dataDir}`
    ctx.print(`Adaptive Recall is listening on ${server.url} (${where})`)
    ctx.print(`  Dashboard ${server.url}/`)
    ctx.print(`  API       ${server.url}/v1`)
    ctx.print(`  Docs      ${server.url}/docs  (OpenAPI: ${server.url}/openapi.json)`)
    ctx.print(`  MCP       ${server.url}/mcp`)
    ctx.print(
      `  Proxy     ${server.url}/v1/chat/completions${env.RECALL_UPSTREAM_URL ? '' : ' (set RECALL_UPSTREAM_URL)'}`,
    )
    ctx.print(`  Health    ${server.url}/healthz  Metrics ${server.url}/metrics`)
    if (server.createdAdminKey) {
      ctx.print('')
      ctx.print(`Admin API key (shown once, keep it): ${server.createdAdminKey}`)
      ctx.print('Set RECALL_ADMIN_KEY to choose it yourself.')
    }
    await new Promise<void>((done) => {
      const stop = (signal: NodeJS.Signals) => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        ctx.io.stderr.write(`${signal}: finishing requests and closing the store\n`)
        server.close().then(done, done)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
  },
}
