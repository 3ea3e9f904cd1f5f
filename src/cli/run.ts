import { parseArgs } from 'node:util'
import { DEFAULT_DB_PATH, embedderFromEnv, readEnv } from '../config.js'
import { MemoryError } from '../errors.js'
import { createMemory, type Memory } from '../memory.js'
import { openStoreUrl } from '../store/open-store.js'
import { parseStoreUrl } from '../store/postgres/url.js'
import type { CliIO, Command, CommandContext } from './command.js'
import { UsageError } from './command.js'
import { addCommand } from './commands/add.js'
import { benchCommand } from './commands/bench.js'
import { consolidateCommand } from './commands/consolidate.js'
import { contextCommand } from './commands/context.js'
import { deleteCommand } from './commands/delete.js'
import { demoCommand } from './commands/demo.js'
import { exportCommand } from './commands/export.js'
import { feedbackCommand } from './commands/feedback.js'
import { getCommand } from './commands/get.js'
import { historyCommand } from './commands/history.js'
import { importCommand } from './commands/import.js'
import { listCommand } from './commands/list.js'
import { mcpCommand } from './commands/mcp.js'
import { reindexCommand } from './commands/reindex.js'
import { restoreCommand } from './commands/restore.js'
import { searchCommand } from './commands/search.js'
import { serveCommand } from './commands/serve.js'
import { statsCommand } from './commands/stats.js'
import { statusCommand } from './commands/status.js'
import { undoCommand } from './commands/undo.js'
import { updateCommand } from './commands/update.js'

const COMMANDS: readonly Command[] = [
  serveCommand,
  addCommand,
  searchCommand,
  contextCommand,
  feedbackCommand,
  getCommand,
  listCommand,
  updateCommand,
  deleteCommand,
  historyCommand,
  exportCommand,
  importCommand,
  statsCommand,
  statusCommand,
  consolidateCommand,
  restoreCommand,
  undoCommand,
  reindexCommand,
  mcpCommand,
  demoCommand,
  benchCommand,
]

const GLOBAL_OPTIONS = {
  db: { type: 'string' },
  store: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

/** Exit codes: 0 ok, 1 runtime error, 2 usage error (including invalid input). */
export const EXIT = { ok: 0, runtime: 1, usage: 2 } as const

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'Usage: recall <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options for every command:',
    `  --db PATH      SQLite file (default ${DEFAULT_DB_PATH}, or RECALL_DB)`,
    '  --store URL    PostgreSQL instead: postgres://user@host/db[?schema=name] (or RECALL_STORE)',
    '  --json         machine-readable output',
    '  --help         help for a command',
  ].join('\n')
}

/**
 * Runs one CLI invocation and returns its exit code. Errors become a message
 * on stderr; nothing is thrown, so the caller only sets the exit code.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${helpText()}\n`)
    return name ? EXIT.ok : EXIT.usage
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    io.stderr.write(`recall: unknown command "${name}"\n\n${helpText()}\n`)
    return EXIT.usage
  }
  let memory: Memory | undefined
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    })
    if (values.help) {
      io.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`)
      return EXIT.ok
    }
    const env = readEnv(io.env)
    const db = (values.db as string | undefined) ?? env.RECALL_DB ?? DEFAULT_DB_PATH
    const store = (values.store as string | undefined) ?? env.RECALL_STORE
    // Checked before any command runs, so a bad URL is a usage error whatever the command.
    if (store !== undefined) parseStoreUrl(store)
    const ctx: CommandContext = {
      values: { ...values, db, store },
      positionals,
      io,
      json: values.json === true,
      async openMemory() {
        memory ??= await createMemory({
          ...(store === undefined ? { path: db } : { store: await openStoreUrl(store) }),
          embedder: await embedderFromEnv(env),
        })
        return memory
      },
      print: (line) => io.stdout.write(`${line}\n`),
      printJson: (value) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    }
    await command.run(ctx)
    return EXIT.ok
  } catch (error) {
    return reportError(error, command, io)
  } finally {
    await memory?.close().catch(() => undefined)
  }
}

function reportError(error: unknown, command: Command, io: CliIO): number {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    io.stderr.write(`recall ${command.name}: ${(error as Error).message}\nUsage: ${command.usage}\n`)
    return EXIT.usage
  }
  if (MemoryError.is(error)) {
    io.stderr.write(`recall ${command.name}: ${error.message} [${error.code}]\n`)
    return error.code === 'INVALID_INPUT' ? EXIT.usage : EXIT.runtime
  }
  io.stderr.write(`recall ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`)
  return EXIT.runtime
}
