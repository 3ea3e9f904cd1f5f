import { embedderFromEnv, readEnv } from '../../config.js'
import { reindexStore } from '../../embedding.js'
import { openStoreUrl } from '../../store/open-store.js'
import { createSqliteStore } from '../../store/sqlite/sqlite-store.js'
import type { Command } from '../command.js'
import { progressReporter } from '../format.js'

export const reindexCommand: Command = {
  name: 'reindex',
  summary: 'Re-embed every memory with the configured embedder',
  usage: 'recall reindex',
  options: {},
  async run(ctx) {
    const embedder = await embedderFromEnv(readEnv(ctx.io.env))
    const url = ctx.values.store
    const store =
      typeof url === 'string'
        ? await openStoreUrl(url)
        : await createSqliteStore({ path: ctx.values.db as string })
    const progress = progressReporter(ctx.io, 'Re-embedded')
    try {
      const { reindexed } = await reindexStore({ store, embedder, onProgress: (n) => progress.update(n) })
      progress.end()
      if (ctx.json) ctx.printJson({ reindexed, embedder: embedder.id })
      else ctx.print(`Re-embedded ${reindexed} memories with ${embedder.id}`)
    } finally {
      await store.close()
    }
  },
}
