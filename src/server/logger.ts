/** A structured log line's fields. Never put keys, authorization headers or memory content here. */
export type LogFields = Record<string, string | number | boolean | null | undefined>

/** Where the server writes its structured logs. */
export type Logger = (level: 'info' | 'warn' | 'error', message: string, fields?: LogFields) => void

/** JSON lines on a stream (stderr by default). */
export function jsonLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  return (level, message, fields = {}) => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields })}\n`)
  }
}

/** A logger that drops everything, for tests and embedding. */
export const silentLogger: Logger = () => {}
