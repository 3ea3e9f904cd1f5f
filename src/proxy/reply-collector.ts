/** Reassembles the assistant's reply from the bytes of an upstream answer as they pass by. */
export interface ReplyCollector {
  /** Feeds the next chunk of the response body. */
  push(chunk: Uint8Array): void
  /** The reply text (choice 0) once the body has ended; empty when there was none. */
  text(): string
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null

/** The first choice of a completion or chunk: the one with index 0. */
function firstChoice(payload: unknown): Json | undefined {
  if (!isObject(payload) || !Array.isArray(payload.choices)) return undefined
  return payload.choices.find((c): c is Json => isObject(c) && (c.index ?? 0) === 0)
}

/**
 * A collector for the response's content type: server-sent events are parsed
 * event by event (`choices[0].delta.content`), anything else is kept whole and
 * read as one JSON completion (`choices[0].message.content`). Malformed data
 * yields no text rather than an error: the answer itself is relayed regardless.
 */
export function createReplyCollector(contentType: string): ReplyCollector {
  return /^\s*text\/event-stream/i.test(contentType) ? sseCollector() : jsonCollector()
}

function jsonCollector(): ReplyCollector {
  const chunks: Uint8Array[] = []
  return {
    push: (chunk) => chunks.push(chunk),
    text() {
      try {
        const content = firstChoice(JSON.parse(Buffer.concat(chunks).toString('utf8')))?.message
        return isObject(content) && typeof content.content === 'string' ? content.content : ''
      } catch {
        return ''
      }
    },
  }
}

function sseCollector(): ReplyCollector {
  const decoder = new TextDecoder()
  let pending = ''
  let data: string[] = []
  let reply = ''

  const dispatch = () => {
    const payload = data.join('\n')
    data = []
    if (payload === '' || payload === '[DONE]') return
    try {
      const delta = firstChoice(JSON.parse(payload))?.delta
      if (isObject(delta) && typeof delta.content === 'string') reply += delta.content
    } catch {
      // Not JSON (a comment-like or vendor event): nothing to collect.
    }
  }

  const line = (raw: string) => {
    if (raw === '') return dispatch()
    if (raw.startsWith('data:')) data.push(raw.slice(raw[5] === ' ' ? 6 : 5))
  }

  return {
    push(chunk) {
      pending += decoder.decode(chunk, { stream: true })
      // Events may be split anywhere across chunks: only complete lines are read.
      const lines = pending.split(/\r?\n/)
      pending = lines.pop() ?? ''
      for (const raw of lines) line(raw)
    },
    text() {
      pending += decoder.decode()
      if (pending !== '') line(pending)
      pending = ''
      dispatch()
      return reply
    },
  }
}
