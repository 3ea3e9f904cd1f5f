import type { ConversationMessage, ExtractionInput } from './extractor.js'

/** The system prompt of the LLM extractor: what to extract, and the JSON to answer with. */
export const EXTRACTION_PROMPT = `You extract long-term memories from a conversation. List the facts worth remembering about the people in it: who they are, their relationships, jobs, homes, possessions, preferences, habits, plans, and the events of their lives.

Rules:
- Each fact is one standalone sentence in the third person that names the person it is about, e.g. "Caroline adopted a dog named Luna." Never write "I", "me", "my", "you", "we", or a pronoun whose person is not named in the same sentence.
- Replace relative dates with absolute ones, counted from the time of the message that says them. Said on Monday 8 May 2023: "yesterday" -> "on 7 May 2023", "last Friday" -> "on 5 May 2023", "last week" -> "the week of 1 May 2023", "next month" -> "in June 2023". Keep absolute dates as they are.
- Keep names, numbers and places as said. Add nothing that was not said.
- Leave out greetings, thanks, small talk, compliments and questions, and general advice or knowledge from an AI assistant. Keep what named people say about themselves and each other.
- Put what belongs together into one fact, and state each fact once.
- "sources" lists the numbers in square brackets of the messages the fact comes from: at least one.
- "observedAt" is optional: the ISO 8601 date-time when the fact happened or became true, if the conversation says.

Answer with one JSON object and nothing else, in this shape:
{"facts": [{"content": "Caroline adopted a dog named Luna on 7 May 2023.", "sources": [0], "observedAt": "2023-05-07T00:00:00Z"}]}
When nothing is worth remembering, answer {"facts": []}.`

const WEEKDAYS = 'Sunday Monday Tuesday Wednesday Thursday Friday Saturday'.split(' ')

/** "Monday 2023-05-08 13:56 UTC": the weekday helps the model count back to "last Friday". */
function when(createdAt: string): string {
  const at = new Date(createdAt)
  if (Number.isNaN(at.getTime())) return 'unknown time'
  return `${WEEKDAYS[at.getUTCDay()]} ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

function speaker(message: ConversationMessage, userId: string): string {
  const name = message.name?.trim()
  if (name) return `${name} (${message.role})`
  return message.role === 'user' ? `${userId} (user)` : message.role
}

/**
 * The conversation as the user turn of the request: one numbered line per message with
 * its time and speaker, continuation lines indented.
 *
 * @example
 * renderConversation({ userId: 'caroline', messages: [{ role: 'user', name: 'Caroline',
 *   content: 'I adopted a dog yesterday.', createdAt: '2023-05-08T13:56:00Z' }] })
 * // 'The memory belongs to user "caroline"...\n\n[0] Monday 2023-05-08 13:56 UTC, Caroline (user): I adopted...'
 */
export function renderConversation(input: ExtractionInput): string {
  const lines = input.messages.map((message, index) => {
    const content = message.content.trim().replace(/\r?\n/g, '\n    ')
    return `[${index}] ${when(message.createdAt)}, ${speaker(message, input.userId)}: ${content}`
  })
  return `The memory belongs to user "${input.userId}". Extract the facts from this conversation:\n\n${lines.join('\n')}`
}
