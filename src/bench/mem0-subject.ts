import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Embedder } from '../embed/embedder.js'
import { langchainEmbeddings } from './langchain-embeddings.js'
import type { LocomoSubject } from './locomo-subject.js'

const MISSING =
  'recall bench compare runs mem0 from the dev dependency mem0ai, which is not installed: ' +
  'run it from a clone of the repository after `npm install`'

/** The error to throw when loading mem0 failed: a clear one when it is not installed. */
function loadError(error: unknown): Error {
  const notFound =
    (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes('mem0ai')
  return notFound ? new Error(MISSING, { cause: error }) : (error as Error)
}

/** Sets environment variables and returns a function that puts the old values back. */
function setEnv(values: Record<string, string>): () => void {
  const before = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]))
  Object.assign(process.env, values)
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

/** The installed mem0ai version, for the report. */
export async function mem0Version(): Promise<string> {
  let entry: string
  try {
    entry = createRequire(import.meta.url).resolve('mem0ai/oss')
  } catch (error) {
    throw new Error(MISSING, { cause: error })
  }
  // The entry is dist/oss/index.js; the package's manifest is two folders up.
  const manifest = JSON.parse(await readFile(join(entry, '../../../package.json'), 'utf8'))
  return String(manifest.version)
}

/** Options of `openMem0Subject`. */
export interface Mem0SubjectOptions {
  /** Passed to mem0 as a LangChain embedder, so both systems compare on the same vectors. */
  embedder: Embedder
}

/**
 * mem0's open-source SDK (`mem0ai/oss`) as a LoCoMo subject: its SQLite-backed
 * `memory` vector store in memory, one `add(text, { infer: false })` per turn
 * (stored as is, no LLM), one user per conversation, and `search` with
 * `threshold: 0`; hits map back to turns through the `dia_id` metadata.
 *
 * mem0 is loaded here only, when a comparison runs, with telemetry off
 * (`MEM0_TELEMETRY=false`, read when its module loads) and its home directory
 * (`MEM0_DIR`, where it writes an anonymous id even then) in a temporary
 * directory removed on `close`.
 */
export async function openMem0Subject(options: Mem0SubjectOptions): Promise<LocomoSubject> {
  const home = await mkdtemp(join(tmpdir(), 'recall-mem0-'))
  const restoreEnv = setEnv({ MEM0_TELEMETRY: 'false', MEM0_DIR: home })
  const cleanUp = async () => {
    restoreEnv()
    await rm(home, { recursive: true, force: true })
  }
  let mem0: typeof import('mem0ai/oss')
  try {
    mem0 = await import('mem0ai/oss')
  } catch (error) {
    await cleanUp()
    throw loadError(error)
  }
  let llmCalls = 0
  const dimension = options.embedder.dimensions
  const memory = new mem0.Memory({
    embedder: {
      provider: 'langchain',
      config: { model: langchainEmbeddings(options.embedder), embeddingDims: dimension },
    },
    vectorStore: { provider: 'memory', config: { dbPath: ':memory:', dimension } },
    // With infer: false mem0 stores text as is; any LLM call would be a surprise, so it fails and is counted.
    llm: {
      provider: 'langchain',
      config: {
        model: {
          invoke: async () => {
            llmCalls++
            throw new Error('mem0 called its LLM, which infer: false should not do')
          },
        },
      },
    },
    historyStore: { provider: 'sqlite', config: { historyDbPath: ':memory:' } },
  })
  return {
    name: 'mem0',
    async ingest(conversation) {
      for (const session of conversation.sessions)
        for (const turn of session.turns)
          await memory.add(turn.content, {
            userId: conversation.sampleId,
            infer: false,
            metadata: { dia_id: turn.diaId, session_id: session.id, session_date: session.date },
          })
    },
    async search({ query, userId, limit }) {
      const { results } = await memory.search(query, {
        filters: { user_id: userId },
        topK: limit,
        threshold: 0,
      })
      return results.map((hit) => [String(hit.metadata?.dia_id)])
    },
    context: null,
    consolidate: null,
    async close() {
      await cleanUp()
      if (llmCalls > 0) throw new Error(`mem0 made ${llmCalls} LLM call(s) with infer: false`)
    },
  }
}
