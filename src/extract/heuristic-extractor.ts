import { resolveRelativeDates } from './absolute-dates.js'
import { cleanSentence } from './clean-sentence.js'
import { dropReason } from './drop-reason.js'
import type { ConversationMessage, ExtractedFact, ExtractionInput, Extractor } from './extractor.js'
import { splitSentences } from './split-sentences.js'
import { talksAboutPast, toThirdPerson } from './to-third-person.js'

/** The id of the heuristic extractor, recorded on every fact it produces. */
export const HEURISTIC_EXTRACTOR_ID = 'heuristic@1'

function timeOf(createdAt: unknown): Date | null {
  const at = typeof createdAt === 'string' ? new Date(createdAt) : null
  return at && !Number.isNaN(at.getTime()) ? at : null
}

/**
 * Whose words a message holds: its name; for a user message without one, the user
 * whose memory this is. Assistant messages count only with a name (in a chat between
 * two people, such as LoCoMo's, both speakers are people); otherwise they are the
 * model's own words. System and tool messages never count.
 */
function speakerOf(message: ConversationMessage, userId: string): string | null {
  const name = message.name?.trim()
  if (message.role === 'user') return name || userId
  if (message.role === 'assistant' && name) return name
  return null
}

/** Capital first letter (unless it is the speaker's own spelling) and one final full stop. */
function finish(text: string, speaker: string): string {
  let out = text.replace(/\s+/g, ' ').trim()
  if (!out.startsWith(speaker)) out = out.charAt(0).toUpperCase() + out.slice(1)
  out = out.replace(/[\s,;:]*(?:[.!…]+)?(["'”’]*)$/u, '.$1')
  return out
}

function factsOf(message: ConversationMessage, speaker: string): string[] {
  const at = timeOf(message.createdAt)
  const out: string[] = []
  for (const raw of splitSentences(message.content)) {
    const sentence = cleanSentence(raw)
    if (dropReason(sentence) !== null) continue
    // Read the tense before "yesterday" becomes "on 7 May 2023".
    const past = talksAboutPast(sentence)
    const dated = at ? resolveRelativeDates(sentence, at) : sentence
    out.push(finish(toThirdPerson(dated, speaker, { past }), speaker))
  }
  return out
}

/**
 * The default extractor: offline, deterministic and fast (a ten-message chat takes
 * about half a millisecond once the date patterns are compiled by the first call). Splits each message into sentences, drops small
 * talk, questions, sentences said to the listener ("you") and sentences without
 * substance, rewrites first-person statements in the third person with the speaker's
 * name ("I adopted a dog" by Caroline -> "Caroline adopted a dog") and relative dates
 * as absolute ones, seen from the message's `createdAt` ("yesterday" -> "on 7 May
 * 2023"). Each fact comes from one sentence; one said twice keeps both sources.
 *
 * The speaker is the message's `name`, else the user id for user messages. Assistant
 * messages count only when named (a chat between two people); system and tool messages
 * never. `observedAt` is when the message was sent: the date the fact is about goes
 * into its text instead. Pronouns other than the speaker's own ("she", "it") are not
 * resolved, and sentences addressed to the listener are left out.
 *
 * @example
 * const extractor = createHeuristicExtractor()
 * await extractor.extract({
 *   userId: 'caroline',
 *   messages: [{ role: 'user', name: 'Caroline', content: 'Hey! I adopted a dog yesterday.',
 *     createdAt: '2023-05-08T13:56:00Z' }],
 * })
 * // [{ content: 'Caroline adopted a dog on 7 May 2023.', sources: [0],
 * //    observedAt: '2023-05-08T13:56:00.000Z' }]
 */
export function createHeuristicExtractor(): Extractor {
  return {
    id: HEURISTIC_EXTRACTOR_ID,
    async extract(input: ExtractionInput, options = {}): Promise<ExtractedFact[]> {
      const byContent = new Map<string, ExtractedFact>()
      for (const [index, message] of input.messages.entries()) {
        options.signal?.throwIfAborted()
        const speaker = speakerOf(message, input.userId)
        if (speaker === null || typeof message.content !== 'string') continue
        const observedAt = timeOf(message.createdAt)?.toISOString()
        for (const content of factsOf(message, speaker)) {
          const seen = byContent.get(content)
          if (seen) {
            if (!seen.sources.includes(index)) seen.sources.push(index)
          } else byContent.set(content, { content, sources: [index], ...(observedAt ? { observedAt } : {}) })
        }
      }
      return [...byContent.values()]
    },
  }
}
