import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { HTTP_STATUS, type MemoryErrorCode } from '../errors.js'
import { errorBody } from './http-io.js'

const CLOSE_AFTER_MS = 5000

/**
 * Answers a request that Node's HTTP parser refused before the app saw it (a malformed
 * request line or header, or headers over Node's 16 KiB limit) in the API's error shape,
 * then closes the connection. Node's default answer is a bare 400 or 431 without a body.
 * A socket that can no longer be written to (the client went away) is just destroyed.
 *
 * @example
 * server.on('clientError', answerClientError)
 */
export function answerClientError(
  error: Error & { code?: string; rawPacket?: Buffer },
  duplex: Duplex,
): void {
  // Node passes the connection's net.Socket; its declared type is the wider Duplex.
  const socket = duplex as Socket
  const parse = typeof error.code === 'string' && error.code.startsWith('HPE_')
  if (!parse || !socket.writable) {
    socket.destroy()
    return
  }
  const [code, message]: [MemoryErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ['PAYLOAD_TOO_LARGE', 'The request line and headers are larger than 16 KiB']
      : ['INVALID_INPUT', 'Malformed HTTP request']
  const body = JSON.stringify(errorBody(code, message))
  const status = HTTP_STATUS[code]
  // Keep reading what the client still sends, so it gets to read the answer instead of a
  // reset; a client that never stops is cut off.
  socket.on('data', () => {})
  socket.setTimeout(CLOSE_AFTER_MS, () => socket.destroy())
  // An answer to HEAD has no body; the parser keeps what it read of the request.
  const head = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD '
  socket.end(
    `HTTP/1.1 ${status} ${status === 413 ? 'Content Too Large' : 'Bad Request'}\r\n` +
      'content-type: application/json; charset=utf-8\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${head ? '' : body}`,
  )
}
