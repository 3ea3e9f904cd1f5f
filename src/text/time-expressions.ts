import { MemoryError } from '../errors.js'

/** An inclusive UTC interval as ISO 8601 strings: `to` is the last millisecond that belongs to it. */
export interface TimeRange {
  from: string
  to: string
}

/** A span found in text: where it starts, the text as written, and a canonical key. */
export interface TimeExpressionMatch {
  index: number
  text: string
  /** `2023-05-08`, `2024-03` or `2023` for absolute dates; the lower-cased text otherwise. */
  key: string
}

type Unit = 'day' | 'week' | 'month' | 'year'
type Span = { from: number; to: number } // epoch milliseconds, both inclusive

interface Rule {
  /** Regex source; a space stands for any run of whitespace, and matching ignores case. */
  src: string
  resolve(m: RegExpMatchArray, now: number): Span | null
  /** Canonical key for absolute dates, so `8 May 2023` and `2023-05-08` agree. */
  canonical?(m: RegExpMatchArray): string
  /** Bare month names ("may", "march") are words too; spot them only after "in", "during"... */
  needsCue?: boolean
}

const DAY_MS = 86_400_000
const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ')
const WEEKDAYS = 'monday tuesday wednesday thursday friday saturday sunday'.split(' ')
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  couple: 2,
  'a couple': 2,
  'couple of': 2,
  'a couple of': 2,
}

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?'
const WEEKDAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday)'
const YEAR = '((?:19|20)\\d\\d)'
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?'
const NUM =
  '(\\d{1,3}|(?:a )?couple(?: of)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)'
const UNIT = '(day|week|month|year)s?'

// Calendar helpers, all in UTC.
const ymd = (t: number): [number, number, number] => {
  const d = new Date(t)
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()]
}
const dayStart = (t: number): number => t - (((t % DAY_MS) + DAY_MS) % DAY_MS)
const weekStart = (t: number): number => dayStart(t) - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS
const monthIndex = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase())
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
const count = (word: string): number => {
  const w = word.toLowerCase().replace(/\s+/g, ' ')
  return NUMBER_WORDS[w] ?? Number(w)
}
const pad = (n: number): string => String(n).padStart(2, '0')

/** The whole unit (day, ISO week, month, year) that contains `t`, shifted by `offset` units. */
function period(unit: Unit, t: number, offset = 0): Span {
  const [y, m, d] = ymd(t)
  let from: number
  let next: number
  if (unit === 'day') [from, next] = [Date.UTC(y, m, d + offset), Date.UTC(y, m, d + offset + 1)]
  else if (unit === 'week') {
    from = weekStart(t) + offset * 7 * DAY_MS
    next = from + 7 * DAY_MS
  } else if (unit === 'month') [from, next] = [Date.UTC(y, m + offset, 1), Date.UTC(y, m + offset + 1, 1)]
  else [from, next] = [Date.UTC(y + offset, 0, 1), Date.UTC(y + offset + 1, 0, 1)]
  return { from, to: next - 1 }
}

/** `now` minus `n` units, clamping the day of month (31 March minus one month is 28/29 February). */
function minus(unit: Unit, n: number, now: number): number {
  const [y, m, d] = ymd(now)
  if (unit === 'day') return Date.UTC(y, m, d - n)
  if (unit === 'week') return Date.UTC(y, m, d - 7 * n)
  const months = unit === 'month' ? m - n : m - 12 * n
  const year = y + Math.floor(months / 12)
  const month = ((months % 12) + 12) % 12
  return Date.UTC(year, month, Math.min(d, daysIn(year, month)))
}

function dayOf(year: number, month: number, day: number): Span | null {
  if (month < 0 || day < 1 || day > daysIn(year, month)) return null
  return period('day', Date.UTC(year, month, day))
}

/** The latest (day and) month not after today: "in May" said in March means last year's May. */
function latest(month: number, day: number | null, now: number): Span | null {
  const [y, m, d] = ymd(now)
  const notAfterNow = m > month || (m === month && (day === null || day <= d))
  const year = notAfterNow ? y : y - 1
  return day === null ? period('month', Date.UTC(year, month, 1)) : dayOf(year, month, day)
}

/** The weekday of the current ISO week (Monday = 0). */
const weekday = (name: string, now: number, weekOffset: number): number =>
  weekStart(now) + (WEEKDAYS.indexOf(name) + 7 * weekOffset) * DAY_MS

const RULES: readonly Rule[] = [
  {
    src: `${YEAR}-(\\d{2})-(\\d{2})`,
    resolve: (m) => dayOf(Number(m[1]), Number(m[2]) - 1, Number(m[3])),
    canonical: (m) => `${m[1]}-${m[2]}-${m[3]}`,
  },
  {
    src: `(?:the )?${DAY} (?:of )?${MONTH},? ${YEAR}`,
    resolve: (m) => dayOf(Number(m[3]), monthIndex(m[2] ?? ''), Number(m[1])),
    canonical: (m) => `${m[3]}-${pad(monthIndex(m[2] ?? '') + 1)}-${pad(Number(m[1]))}`,
  },
  {
    src: `${MONTH} ${DAY},? ${YEAR}`,
    resolve: (m) => dayOf(Number(m[3]), monthIndex(m[1] ?? ''), Number(m[2])),
    canonical: (m) => `${m[3]}-${pad(monthIndex(m[1] ?? '') + 1)}-${pad(Number(m[2]))}`,
  },
  {
    src: `(?:the )?${DAY} (?:of )?${MONTH}`,
    resolve: (m, now) => latest(monthIndex(m[2] ?? ''), Number(m[1]), now),
  },
  { src: `${MONTH} ${DAY}`, resolve: (m, now) => latest(monthIndex(m[1] ?? ''), Number(m[2]), now) },
  {
    src: `${MONTH},? ${YEAR}`,
    resolve: (m) => period('month', Date.UTC(Number(m[2]), monthIndex(m[1] ?? ''), 1)),
    canonical: (m) => `${m[2]}-${pad(monthIndex(m[1] ?? '') + 1)}`,
  },
  { src: `${YEAR}-(\\d{2})`, resolve: (m) => monthOf(m), canonical: (m) => `${m[1]}-${m[2]}` },
  {
    src: `(last|this|next) ${MONTH}`,
    resolve: (m, now) => {
      const month = monthIndex(m[2] ?? '')
      const [y, current] = ymd(now)
      if (m[1] === 'this') return period('month', Date.UTC(y, month, 1))
      if (m[1] === 'last') return period('month', Date.UTC(month < current ? y : y - 1, month, 1))
      return period('month', Date.UTC(month > current ? y : y + 1, month, 1))
    },
  },
  { src: MONTH, resolve: (m, now) => latest(monthIndex(m[1] ?? ''), null, now), needsCue: true },
  { src: YEAR, resolve: (m) => period('year', Date.UTC(Number(m[1]), 0, 1)), canonical: (m) => m[1] ?? '' },
  { src: '(?:today|tonight|this (?:morning|afternoon|evening))', resolve: (_, now) => period('day', now) },
  { src: '(?:yesterday|last night)', resolve: (_, now) => period('day', now, -1) },
  { src: 'tomorrow', resolve: (_, now) => period('day', now, 1) },
  {
    src: '(?:the )?(?:last|past|previous) (\\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple of) (day|week|month|year)s?',
    resolve: (m, now) => ({ from: dayStart(minus(m[2] as Unit, count(m[1] ?? ''), now)), to: now }),
  },
  {
    src: `${NUM} ${UNIT} ago`,
    resolve: (m, now) => period(m[2] as Unit, minus(m[2] as Unit, count(m[1] ?? ''), now)),
  },
  {
    src: 'earlier this (week|month|year)',
    resolve: (m, now) => ({ from: period(m[1] as Unit, now).from, to: now }),
  },
  {
    src: '(?:the )?past (week|month|year)',
    resolve: (m, now) => ({ from: dayStart(minus(m[1] as Unit, 1, now)), to: now }),
  },
  {
    src: '(this|last|next|previous|coming) (week|month|year)',
    resolve: (m, now) => period(m[2] as Unit, now, OFFSETS[m[1] ?? ''] ?? 0),
  },
  {
    src: '(this|last|next|previous|coming) weekend',
    resolve: (m, now) => {
      const saturday = weekday('saturday', now, OFFSETS[m[1] ?? ''] ?? 0)
      return { from: saturday, to: saturday + 2 * DAY_MS - 1 }
    },
  },
  {
    src: `(?:(last|this|next) )?${WEEKDAY}`,
    resolve: (m, now) => {
      const today = dayStart(now)
      const day = m[2] ?? ''
      const thisWeek = weekday(day, now, 0)
      let at: number
      if (m[1] === 'this') at = thisWeek
      else if (m[1] === 'next') at = thisWeek > today ? thisWeek : thisWeek + 7 * DAY_MS
      else if (m[1] === 'last') at = thisWeek < today ? thisWeek : thisWeek - 7 * DAY_MS
      else at = thisWeek <= today ? thisWeek : thisWeek - 7 * DAY_MS
      return period('day', at)
    },
  },
]

const OFFSETS: Record<string, number> = { this: 0, last: -1, previous: -1, next: 1, coming: 1 }

function monthOf(m: RegExpMatchArray): Span | null {
  const month = Number(m[2]) - 1
  return month >= 0 && month < 12 ? period('month', Date.UTC(Number(m[1]), month, 1)) : null
}

const EPOCH = 0
const ANCHORED = RULES.map((rule) => new RegExp(`^(?:${rule.src})$`, 'i'))
const WRAPPER = /^(since|before|after|until|till) (.+)$/
const LEADING = /^(?:in|on|during|at|from|of|over|within)\s+/
const CUE = /(?:^|[^\p{L}\p{N}])(?:in|during|of|since|before|after|until|till|from|by)\s+$/u

/** Lower-case, collapse whitespace, drop leading prepositions and trailing punctuation. */
function normalize(expression: string): string {
  let s = expression.toLowerCase().replace(/\s+/g, ' ').trim()
  s = s.replace(/^[\s"'“‘(]+|[\s"'”’).,;:!?]+$/g, '')
  while (LEADING.test(s)) s = s.replace(LEADING, '')
  return s
}

function resolveSpan(s: string, now: number): Span | null {
  const wrapped = WRAPPER.exec(s)
  if (wrapped) {
    const inner = resolveSpan(normalize(wrapped[2] ?? ''), now)
    if (!inner) return null
    const word = wrapped[1]
    if (word === 'since') return inner.from <= now ? { from: inner.from, to: now } : null
    if (word === 'after') return inner.to + 1 <= now ? { from: inner.to + 1, to: now } : null
    if (word === 'before') return inner.from > EPOCH ? { from: EPOCH, to: inner.from - 1 } : null
    return { from: EPOCH, to: inner.to }
  }
  for (const [i, re] of ANCHORED.entries()) {
    const m = re.exec(s)
    if (m) return RULES[i]?.resolve(m, now) ?? null
  }
  return null
}

function checkNow(now: Date): number {
  const t = now instanceof Date ? now.getTime() : Number.NaN
  if (Number.isNaN(t)) throw new MemoryError('INVALID_INPUT', '`now` must be a valid Date')
  return t
}

/**
 * Turns a time expression into an inclusive UTC range, or `null` if it is not understood.
 * Weeks are ISO weeks (Monday first). "last N days" and "since X" run up to `now`;
 * "before X" starts at the Unix epoch. A bare month or day ("in May", "8 May") means the
 * latest one not after `now`; "last Friday" is the latest Friday before today.
 *
 * @example
 * resolveTimeRange('last week', new Date('2024-05-15T12:00:00Z'))
 * // { from: '2024-05-06T00:00:00.000Z', to: '2024-05-12T23:59:59.999Z' }
 */
export function resolveTimeRange(expression: string, now: Date): TimeRange | null {
  const t = checkNow(now)
  const span = resolveSpan(normalize(expression), t)
  if (!span || span.from > span.to) return null
  return { from: new Date(span.from).toISOString(), to: new Date(span.to).toISOString() }
}

/** Word-bounded, whitespace-tolerant, case-insensitive form of a rule, matched at one position. */
const sticky = (src: string): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${src.replaceAll(' ', '\\s+')})(?![\\p{L}\\p{N}]|-\\d)`, 'iuy')
const FINDERS = RULES.map((rule) => sticky(rule.src))
const WRAPPER_WORD = /(?<![\p{L}\p{N}])(?:since|before|after|until|till)\s+/iuy
/** Where an expression may start: a digit or a letter that begins a word. */
const WORD_START = /(?<![\p{L}\p{N}])[\p{L}\p{N}]/gu

/** The longest rule match that starts exactly at `at`. */
function matchAt(
  text: string,
  at: number,
  cued: boolean,
): { end: number; rule: Rule; m: RegExpExecArray } | null {
  let best: { end: number; rule: Rule; m: RegExpExecArray } | null = null
  for (const [i, re] of FINDERS.entries()) {
    const rule = RULES[i]
    if (!rule || (rule.needsCue && !cued)) continue
    re.lastIndex = at
    const m = re.exec(text)
    if (m && (!best || at + m[0].length > best.end)) best = { end: at + m[0].length, rule, m }
  }
  return best
}

/**
 * Every time expression in `text`, left to right, longest first, never overlapping.
 * Leading "in"/"on" are left out ("in May" gives "May"); "since"/"before" are kept.
 * Absolute dates get a canonical key (`8 May 2023` and `2023-05-08` both give `2023-05-08`).
 */
export function findTimeExpressions(text: string): TimeExpressionMatch[] {
  const out: TimeExpressionMatch[] = []
  let covered = 0
  for (const start of text.matchAll(WORD_START)) {
    const at = start.index
    if (at < covered) continue
    WRAPPER_WORD.lastIndex = at
    const wrapper = WRAPPER_WORD.exec(text)
    const inner = wrapper ? matchAt(text, at + wrapper[0].length, true) : null
    const found = inner ?? matchAt(text, at, CUE.test(text.slice(Math.max(0, at - 12), at)))
    if (!found) continue
    const surface = text.slice(at, found.end)
    const normal = normalize(surface)
    const canonical =
      !inner && found.rule.canonical && resolveSpan(normal, 0) ? found.rule.canonical(found.m) : null
    out.push({ index: at, text: surface, key: canonical ?? normal })
    covered = found.end
  }
  return out
}

/**
 * The first time expression in a question, as written, or `null`.
 *
 * @example
 * findTimeExpression('What did I do last week?') // 'last week'
 */
export function findTimeExpression(text: string): string | null {
  return findTimeExpressions(text)[0]?.text ?? null
}
