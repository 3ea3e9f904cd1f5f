import { STOP_WORDS } from '../text/stop-words.js'
import { findTimeExpressions } from '../text/time-expressions.js'
import { words } from '../text/words.js'

/** Why a sentence yields no fact. */
export type DropReason = 'question' | 'small talk' | 'second person' | 'no substance'

const AUX =
  "do|does|did|are|is|am|was|were|can|could|would|will|should|shall|have|has|had|may|might|must|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|can't|couldn't|won't|wouldn't|shouldn't|haven't|hasn't"
const AUX_FIRST = new RegExp(
  `^(?:${AUX})\\s+(?:you|u|ya|i|we|they|he|she|it|there|that|this|these|those|your|my|our|their|his|her|the|a|an|any|anyone|anybody|someone)\\b`,
  'i',
)
const WH_FIRST = new RegExp(
  `^(?:what|where|when|who|whom|whose|why|how|which)(?:'s|'re|'d|\\s+(?:${AUX}|about|come|many|much|long|often|old|far|else))\\b`,
  'i',
)

/** Openings that make a whole sentence chit-chat: thanks, wishes, farewells, agreement. */
const SMALL_TALK =
  /^(?:thanks?\b|thank (?:you|u)|thx|ty\b|cheers|congrat|take care|bye\b|goodbye|good ?night|good (?:morning|afternoon|evening)|see (?:you|ya|u)\b|talk (?:to you |to u )?(?:soon|later)|catch (?:you|ya)|good luck|best of luck|best wishes|have (?:a |an )?(?:great|good|nice|lovely|wonderful|fun|safe)|have fun|sounds? (?:good|great|fun|amazing|awesome|lovely|like|wonderful|perfect|cool)|no (?:worries|problem)|my pleasure|(?:you're|you are) welcome|me too|same here|let's\b|lets\b|glad (?:to hear|you)|nice (?:to (?:meet|see|hear|chat|talk))|pleasure (?:to|talking|chatting)|happy (?:birthday|holidays|new year|anniversary)|merry christmas|can't wait|cannot wait|looking forward to (?:it|that|this|hearing|seeing|chatting|talking)|keep (?:it up|up the|going|me posted|in touch)|hang in there|fingers crossed|that's (?:all|it)\b|not much\b|nothing much\b)/i

const SECOND_PERSON: ReadonlySet<string> = new Set(
  "you your yours yourself yourselves you're you've you'll you'd ya u ur y'all".split(' '),
)
export const FIRST_PERSON: ReadonlySet<string> = new Set(
  "i i'm im i've i'll i'd me my mine myself we we're we've we'll we'd us our ours ourselves".split(' '),
)

/**
 * Words that carry no fact by themselves: interjections, reactions and moods
 * ("awesome", "tired"), and verbs of opinion ("think", "love", "feel"). "I love it"
 * and "That was amazing" are made only of these and of stop words.
 */
const FILLER: ReadonlySet<string> = new Set(
  `haha hahaha hehe lol lmao rofl omg wow oh ah aw aww ooh yay yeah yep yup yes nope nah ok okay hmm
  um uh hey hi hello thanks thank thx please sorry sure well anyway btw tbh gosh geez
  good great nice awesome amazing cool wonderful fantastic lovely beautiful incredible fun funny
  hilarious exciting excited interesting perfect sweet bad terrible awful sad happy glad tired
  exhausted busy fine thrilled stoked proud grateful thankful lucky blessed curious jealous
  impressed impressive inspiring crazy wild insane blast
  love loved loving like liked think thought know knew guess mean meant feel feeling felt hope
  hoping wish agree disagree sounds sound looks look seems seem hear heard see saw get got getting
  gonna wanna want wait say said tell told make made going doing done
  really totally definitely absolutely just pretty kinda sorta literally honestly seriously
  actually probably maybe quite super lot lots thing things stuff something anything everything
  nothing day time way much many bit`.split(/\s+/),
)

/** Capitalised words that are not names. */
const NOT_NAMES: ReadonlySet<string> = new Set(['i', "i'm", "i've", "i'll", "i'd", 'omg', 'lol', 'ok'])
const CAPITALISED = /(?<=\s)\p{Lu}[\p{L}'-]*/gu

function isQuestion(sentence: string): boolean {
  if (/\?["')\]]*$/.test(sentence)) return true
  return (AUX_FIRST.test(sentence) || WH_FIRST.test(sentence)) && !/[.!]["')\]]*$/.test(sentence)
}

/** A name (a capitalised word past the first), a number or a date makes a short sentence count. */
function namesSomething(sentence: string): boolean {
  if (/\d/.test(sentence) || findTimeExpressions(sentence).length > 0) return true
  for (const match of sentence.matchAll(CAPITALISED)) {
    const w = match[0].toLowerCase()
    if (!NOT_NAMES.has(w) && !STOP_WORDS.has(w) && !FILLER.has(w)) return true
  }
  return false
}

/**
 * Why a cleaned sentence (see `cleanSentence`) yields no fact, or `null` to keep it:
 * questions (a final "?", or an opening like "do you", "how was" with no final "."),
 * small talk (thanks, wishes, farewells, "sounds great"), anything said to or about
 * the listener ("you", "your": the other speaker is not resolved), and sentences
 * without substance: fewer than three content words, unless one or two of them come
 * with a first-person subject ("I adopted a dog") or a name, number or date, or two of
 * them start with a capital ("Luna loves the park").
 *
 * @example
 * dropReason('Haha that is awesome') // 'no substance'
 * dropReason('I adopted a dog.')     // null
 */
export function dropReason(sentence: string): DropReason | null {
  const tokens = words(sentence)
  if (tokens.length === 0) return 'no substance'
  if (isQuestion(sentence)) return 'question'
  if (SMALL_TALK.test(sentence)) return 'small talk'
  if (tokens.some((w) => SECOND_PERSON.has(w))) return 'second person'
  const content = tokens.filter(
    (w) => !STOP_WORDS.has(w) && !FILLER.has(w) && !FIRST_PERSON.has(w) && (w.length > 1 || /\d/.test(w)),
  )
  if (content.length >= 3) return null
  if (content.length > 0 && (tokens.some((w) => FIRST_PERSON.has(w)) || namesSomething(sentence))) return null
  // "Luna loves the park": a capital at the start may be a name too, so two words do.
  const first = /^\p{Lu}[\p{L}'-]*/u.exec(sentence)?.[0].toLowerCase()
  if (content.length === 2 && first !== undefined && content[0] === first) return null
  return 'no substance'
}
