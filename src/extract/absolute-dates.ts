import { findTimeExpressions, resolveTimeRange } from '../text/time-expressions.js'
import { words } from '../text/words.js'
import { isPastForm } from './verb-forms.js'

const DAY_MS = 86_400_000
const MONTH_NAMES =
  'January February March April May June July August September October November December'.split(' ')
/** Keys of dates already absolute: `2023-05-08`, `2023-05`, `2023`. */
const ABSOLUTE_KEY = /^\d{4}(?:-\d{2}){0,2}$/
const WRAPPER = /^(since|before|after|until|till)\s+/i
/** Prepositions ours may replace ("on Friday" -> "on 5 May 2023") and those we must keep ("by Friday"). */
const REPLACEABLE = /(?<=^|\s)(?:on|in|at|during|over|within)\s+$/i
const PREPOSITION =
  /(?:^|\s)(on|in|at|during|over|within|by|from|for|of|since|until|till|before|after|around|through)\s+$/i
/** Words that make a sentence about the future: "I'm moving in May" means the coming May. */
const FUTURE_CUE =
  /\b(?:will|'ll|going to|gonna|plan(?:s|ning)? to|hope to|want to|can't wait|looking forward|upcoming|tomorrow|next)\b|\b(?:am|'m|are|'re|is)\s+\w+ing\b/i
/** Expressions that name their direction in time themselves ("last May", "two days ago"). */
const DIRECTED = /\b(?:last|this|next|previous|coming|past|earlier|ago|yesterday|today|tonight|tomorrow)\b/i

/**
 * Whether undated weekdays and months mean the coming ones: in a sentence about the
 * future, or in one without a past verb ("My exam is on May 20th").
 */
function forward(sentence: string): boolean {
  return FUTURE_CUE.test(sentence) || !words(sentence).some((w) => isPastForm(w))
}

const day = (t: number) => {
  const d = new Date(t)
  return `${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

/** A range as words, with a leading preposition where English wants one. */
function inWords(from: number, to: number, now: number): string {
  const start = new Date(from)
  const length = to + 1 - from
  const midnight = from % DAY_MS === 0
  const [y, m, d] = [start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()]
  if (midnight && length === DAY_MS) return `on ${day(from)}`
  if (midnight && length === 7 * DAY_MS && start.getUTCDay() === 1) return `the week of ${day(from)}`
  if (midnight && length === 2 * DAY_MS && start.getUTCDay() === 6) return `the weekend of ${day(from)}`
  if (d === 1 && to + 1 === Date.UTC(y, m + 1, 1)) return `in ${MONTH_NAMES[m]} ${y}`
  if (m === 0 && d === 1 && to + 1 === Date.UTC(y + 1, 0, 1)) return `in ${y}`
  if (to === now) return `since ${day(from)}`
  return `between ${day(from)} and ${day(to)}`
}

/**
 * Resolves one expression; undated days, weekdays and months in a sentence about the
 * future are the first ones from today on ("May 20th" -> this year's, or next year's).
 */
function resolve(expression: string, now: Date, future: boolean): { from: number; to: number } | null {
  const range = resolveTimeRange(expression, now)
  if (!range) return null
  const span = { from: Date.parse(range.from), to: Date.parse(range.to) }
  const today = now.getTime() - (now.getTime() % DAY_MS)
  if (!future || DIRECTED.test(expression) || span.to >= today) return span
  const year = now.getUTCFullYear()
  for (const candidate of [`${expression} ${year}`, `${expression} ${year + 1}`, `next ${expression}`]) {
    const next = resolveTimeRange(candidate, now)
    if (next && Date.parse(next.to) >= today) return { from: Date.parse(next.from), to: Date.parse(next.to) }
  }
  return span
}

function phrase(expression: string, now: Date, future: boolean): string | null {
  const wrapper = WRAPPER.exec(expression)
  if (wrapper) {
    const inner = phrase(expression.slice(wrapper[0].length), now, false)
    return inner && `${wrapper[1]?.toLowerCase()} ${inner.replace(/^(?:on|in|since) /, '')}`
  }
  const span = resolve(expression, now, future)
  return span && inWords(span.from, span.to, now.getTime())
}

/**
 * Replaces relative time expressions in a sentence with absolute dates, as seen from
 * `now` (when it was said): "yesterday" -> "on 7 May 2023", "last week" -> "the week of
 * 1 May 2023", "next month" -> "in June 2023", "this weekend" -> "the weekend of 13 May
 * 2023", "since last March" -> "since March 2023". Absolute dates stay as written;
 * dates without a year get one ("in May" -> "in May 2023"). Bare weekdays and months
 * are the latest ones in a sentence with a past verb ("I went there on Friday"), else
 * the coming ones ("I'm flying out on Friday", "My exam is on May 20th"). Weeks are ISO weeks and dates are UTC, as in `resolveTimeRange`.
 *
 * @example
 * resolveRelativeDates('I adopted a dog yesterday.', new Date('2023-05-08T13:56:00Z'))
 * // 'I adopted a dog on 7 May 2023.'
 */
export function resolveRelativeDates(sentence: string, now: Date): string {
  if (Number.isNaN(now.getTime())) return sentence
  const future = forward(sentence)
  // The finder wants its cue words ("in May") in lower case; one letter keeps offsets.
  const lowered = sentence.charAt(0).toLowerCase() + sentence.slice(1)
  let out = ''
  let at = 0
  for (const found of findTimeExpressions(lowered)) {
    if (ABSOLUTE_KEY.test(found.key)) continue
    let text = phrase(found.text, now, future)
    if (!text) continue
    // Month names may end in an abbreviation dot ("March."), which here ends the sentence.
    if (found.text.endsWith('.')) text += '.'
    let before = sentence.slice(at, found.index)
    const after = sentence.slice(found.index + found.text.length)
    const own = /^(?:on|in|since) /.exec(text)?.[0]
    const replaceable = REPLACEABLE.exec(before)
    if (own && replaceable) before = before.slice(0, -replaceable[0].length)
    else if (own && (PREPOSITION.test(before) || /^\s+(?:is|was|will be)\b/i.test(after)))
      text = text.slice(own.length)
    if (before.trim() === '' && out.trim() === '') text = text.charAt(0).toUpperCase() + text.slice(1)
    out += before + text
    at = found.index + found.text.length
  }
  return out + sentence.slice(at)
}
