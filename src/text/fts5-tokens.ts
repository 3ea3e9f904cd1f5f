import { DIACRITICS, FOLDS, TOKEN_RANGES } from './fts5-unicode-tables.js'
import { porterStem } from './porter-stem.js'

const SEPARATOR = 0
const TOKEN = 1
const FOLDED = 2
const DIACRITIC = 3

const BMP_CLASS = new Uint8Array(0x10000)
const ASTRAL_TOKEN_RANGES: number[] = []
const FOLD = new Map<number, number>()

function readTables(): void {
  let end = 0x7f
  for (const pair of TOKEN_RANGES.split(' ')) {
    const [gap = 0, length = 0] = pair.split('.').map((n) => Number.parseInt(n, 36))
    const start = end + 1 + gap
    end = start + length
    if (start <= 0xffff) BMP_CLASS.fill(TOKEN, start, end + 1)
    if (end > 0xffff) ASTRAL_TOKEN_RANGES.push(Math.max(start, 0x10000), end)
  }
  BMP_CLASS.fill(TOKEN, 0x30, 0x3a).fill(TOKEN, 0x61, 0x7b).fill(FOLDED, 0x41, 0x5b)
  for (let c = 0x41; c <= 0x5a; c++) FOLD.set(c, c + 32)
  let start = 0
  for (const run of FOLDS.split(' ')) {
    const [step = '', count = '', rule = ''] = run.split('.')
    start += Number.parseInt(step, 36)
    const value = Number.parseInt(rule.replace(/^[et]/, ''), 36)
    const stride = rule.startsWith('e') ? 2 : 1
    for (let k = 0, c = start; k < Number.parseInt(count, 36); k++, c += stride) {
      FOLD.set(c, rule.startsWith('t') ? value : c + value)
      if (c <= 0xffff) BMP_CLASS[c] = FOLDED
    }
  }
  for (const [from, to] of DIACRITICS) BMP_CLASS.fill(DIACRITIC, from, to + 1)
}
readTables()

function classOf(cp: number): number {
  if (cp <= 0xffff) return BMP_CLASS[cp] as number
  let lo = 0
  let hi = ASTRAL_TOKEN_RANGES.length / 2 - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (cp < (ASTRAL_TOKEN_RANGES[2 * mid] as number)) hi = mid - 1
    else if (cp > (ASTRAL_TOKEN_RANGES[2 * mid + 1] as number)) lo = mid + 1
    else return FOLD.has(cp) ? FOLDED : TOKEN
  }
  return SEPARATOR
}

// The slow path, for tokens with something to fold outside ASCII: unchanged stretches are
// copied whole, so only folded characters cost a string each.
function foldToken(text: string, from: number, to: number): string {
  let out = ''
  let copied = from
  for (let i = from; i < to; ) {
    const cp = text.codePointAt(i) as number
    const width = cp > 0xffff ? 2 : 1
    const kind = classOf(cp)
    if (kind !== TOKEN) {
      out += text.slice(copied, i)
      if (kind === FOLDED) out += String.fromCodePoint(FOLD.get(cp) as number)
      copied = i + width
    }
    i += width
  }
  return out + text.slice(copied, to)
}

// unicode61's scan: runs of token characters, folded, and stemmed when `stem` is set.
function unicode61(text: string, stem: boolean): string[] {
  const tokens: string[] = []
  let start = -1
  let folds = false
  let ascii = true
  // One step past the end, where a NUL (a separator) ends the last token.
  for (let i = 0; i <= text.length; ) {
    let cp = i < text.length ? text.charCodeAt(i) : 0
    let width = 1
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00)
        width = 2
      }
    }
    const kind = classOf(cp)
    if (start < 0) {
      if (kind === TOKEN || kind === FOLDED) {
        start = i
        folds = kind === FOLDED
        ascii = cp < 0x80
      }
    } else if (kind === SEPARATOR) {
      const raw = text.slice(start, i)
      const token = !folds ? raw : ascii ? raw.toLowerCase() : foldToken(text, start, i)
      tokens.push(stem ? porterStem(token) : token)
      start = -1
    } else {
      if (kind !== TOKEN) folds = true
      if (cp >= 0x80) ascii = false
    }
    i += width
  }
  return tokens
}

/**
 * The tokens FTS5's `porter unicode61` tokenizer makes of `text`, in order (stemmed,
 * lower-cased, diacritics removed), so that term frequencies and document lengths
 * computed from them match an FTS5 table's exactly.
 *
 * unicode61 with its defaults: a token is a run of letters, numbers, private-use and
 * (in SQLite's Unicode tables) unassigned code points; everything else separates, so
 * "Alice's" is two words, `alice` and `s`, "2024-05-08" three, and underscores, most
 * emoji and lone surrogates separate too (skin tones U+1F3FB-U+1F3FF do not: they are
 * unassigned to SQLite). Letters fold to lower case by SQLite's own table (`ẞ` -> `ß`, but
 * Georgian Mtavruli and Cherokee stay) and lose accents ("Ångström", "İ" -> `angstrom`,
 * `i`; `ø`, `æ`, `ł` stay); most combining accents of U+0300-U+0331 vanish inside a
 * token, other combining marks (Devanagari vowel signs too) separate. Each token then
 * goes through {@link porterStem}.
 *
 * One quirk is kept in a lossy form: when stemming strips "ed"/"ing" after a character
 * whose last two UTF-8 bytes are equal (U+4FBE in "a侾ing"), SQLite drops one of those
 * bytes, so the FTS5 term is not valid UTF-8; it is returned as better-sqlite3 reads it,
 * with U+FFFD for the broken character, so two such terms differing only there collide.
 *
 * @example fts5Tokens("Alice's café opened at 3pm") // ['alic', 's', 'cafe', 'open', 'at', '3pm']
 */
export function fts5Tokens(text: string): string[] {
  return unicode61(text, true)
}

/**
 * The words of `text` as FTS5's `unicode61` splits and folds them, before stemming:
 * `fts5Words("Alice's Café")` is `['alice', 's', 'cafe']`. See {@link fts5Tokens}.
 */
export function fts5Words(text: string): string[] {
  return unicode61(text, false)
}

/**
 * The term FTS5's `porter unicode61` indexes for `word`, one word as {@link fts5Words}
 * returns it: `fts5Stem('opened')` is `'open'`, and `fts5Tokens(t)` is `fts5Words(t).map(fts5Stem)`.
 */
export function fts5Stem(word: string): string {
  return porterStem(word)
}
