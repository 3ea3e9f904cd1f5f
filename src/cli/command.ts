import type { ParseArgsConfig } from 'node:util'
import type { Memory } from '../memory.js'

/** Where a command reads and writes; injected so tests run commands in-process. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
  stdin: NodeJS.ReadableStream
  env: NodeJS.ProcessEnv
}

/** What a command gets: its parsed arguments, the IO, and a way to open the memory. */
export interface CommandContext {
  values: Record<string, string | boolean | string[] | undefined>
  positionals: string[]
  io: CliIO
  json: boolean
  openMemory(): Promise<Memory>
  /** Prints a line to stdout. */
  print(line: string): void
  /** Prints a value as JSON to stdout. */
  printJson(value: unknown): void
}

/** One `recall` sub-command. */
export interface Command {
  name: string
  summary: string
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  run(ctx: CommandContext): Promise<void>
}

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** The one value of a string option, or a usage error if required and missing. */
export function stringOption(ctx: CommandContext, name: string, required: true): string
export function stringOption(ctx: CommandContext, name: string, required?: false): string | undefined
export function stringOption(ctx: CommandContext, name: string, required = false): string | undefined {
  const value = ctx.values[name]
  if (typeof value === 'string') return value
  if (required) throw new UsageError(`--${name} is required`)
  return undefined
}

/** An integer option, checked. */
export function intOption(ctx: CommandContext, name: string): number | undefined {
  const raw = stringOption(ctx, name)
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be an integer, got "${raw}"`)
  return n
}

/** A JSON option, parsed. */
export function jsonOption(ctx: CommandContext, name: string): unknown {
  const raw = stringOption(ctx, name)
  if (raw === undefined) return undefined
  try {
    return JSON.parse(raw)
  } catch {
    throw new UsageError(`--${name} must be JSON, e.g. '{"key":"value"}'`)
  }
}

/** The positional arguments joined as one text, or a usage error if there are none. */
export function textArgument(ctx: CommandContext, what: string): string {
  const text = ctx.positionals.join(' ')
  if (!text.trim()) throw new UsageError(`missing ${what}`)
  return text
}

/** The single id argument. */
export function idArgument(ctx: CommandContext): string {
  const [id, extra] = ctx.positionals
  if (!id || extra !== undefined) throw new UsageError('expected exactly one memory id')
  return id
}
