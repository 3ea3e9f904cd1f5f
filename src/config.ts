import { z } from 'zod'
import type { Embedder } from './embed/embedder.js'
import { createLocalEmbedder, createOpenAICompatibleEmbedder } from './embed/index.js'
import { parseInput } from './schemas.js'

/** The default database file of the CLI and server. */
export const DEFAULT_DB_PATH = './.recall/memory.db'

const envSchema = z.object({
  RECALL_DB: z.string().min(1).optional(),
  RECALL_STORE: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      'RECALL_STORE must be a PostgreSQL URL such as postgres://user@host:5432/db (optionally ?schema=name)',
    )
    .optional(),
  RECALL_EMBEDDINGS_URL: z
    .url('RECALL_EMBEDDINGS_URL must be a URL such as http://localhost:11434/v1')
    .optional(),
  RECALL_EMBEDDINGS_MODEL: z.string().min(1).optional(),
  RECALL_EMBEDDINGS_API_KEY: z.string().min(1).optional(),
  RECALL_EMBEDDINGS_DIMENSIONS: z.coerce.number().int().positive().optional(),
  RECALL_DATA_DIR: z.string().min(1).optional(),
  RECALL_ADMIN_KEY: z.string().min(16, 'RECALL_ADMIN_KEY must be at least 16 characters').optional(),
  RECALL_UPSTREAM_URL: z
    .url('RECALL_UPSTREAM_URL must be a URL such as https://api.openai.com/v1')
    .optional(),
  RECALL_UPSTREAM_API_KEY: z.string().min(1).optional(),
  RECALL_RATE_LIMIT: z.coerce.number().int().positive().optional(),
})

/** Settings read from the environment. */
export type EnvConfig = z.output<typeof envSchema>

/** Reads and checks the `RECALL_*` environment variables. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const picked = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('RECALL_') && v !== ''),
  )
  return parseInput(envSchema, picked, 'environment')
}

/**
 * The embedder the environment asks for: an OpenAI-compatible endpoint when
 * `RECALL_EMBEDDINGS_URL` is set, else the offline default.
 */
export async function embedderFromEnv(config: EnvConfig): Promise<Embedder> {
  if (!config.RECALL_EMBEDDINGS_URL) return createLocalEmbedder()
  return createOpenAICompatibleEmbedder({
    baseUrl: config.RECALL_EMBEDDINGS_URL,
    model: config.RECALL_EMBEDDINGS_MODEL ?? 'text-embedding-3-small',
    apiKey: config.RECALL_EMBEDDINGS_API_KEY,
    dimensions: config.RECALL_EMBEDDINGS_DIMENSIONS,
  })
}
