import { STOP_WORDS } from '../text/stop-words.js'
import { stripMarkup } from '../text/strip-markup.js'
import { findTimeExpressions } from '../text/time-expressions.js'
import { words } from '../text/words.js'
import type { EntityMention } from '../types.js'
import { singular } from './entity-key.js'
import { GENERIC_NOUNS } from './generic-nouns.js'
import { type MentionCandidate, mergeMentions } from './merge-mentions.js'
import { type TaggedTerm, tagTerms } from './tag-terms.js'
import { termMentions } from './term-mentions.js'

function dateCandidates(text: string): { candidates: MentionCandidate[]; covered: Array<[number, number]> } {
  const candidates: MentionCandidate[] = []
  const covered: Array<[number, number]> = []
  for (const found of findTimeExpressions(text)) {
    covered.push([found.index, found.index + found.text.length])
    // "since March 2024" is about the date March 2024.
    const bare = /^(?:since|before|after|until|till)\s+/i.exec(found.text)
    const inner = bare ? findTimeExpressions(found.text.slice(bare[0].length))[0] : undefined
    const at = found.index + (bare?.[0].length ?? 0)
    if (inner) candidates.push({ index: at, kind: 'date', name: inner.text, key: inner.key })
    else candidates.push({ index: at, kind: 'date', name: found.text, key: found.key })
  }
  return { candidates, covered }
}

/**
 * Finds the people, places, organisations, dates and topics a text mentions, in order of
 * first mention, one per key. Offline and deterministic: compromise's lexicon and
 * pre-tagger for names and nouns, `findTimeExpressions` for dates. Topics are noun
 * compounds ("pottery class", "adoption agency"); pronouns and generic nouns ("thing",
 * "time") are left out. A topic's key has its last word made singular. HTML in the text is
 * read as the text it shows (see `stripMarkup`).
 *
 * @example
 * extractEntities('Hey Mel! I went to the LGBTQ support group yesterday.')
 * // [{ key: 'mel', name: 'Mel', kind: 'person' },
 * //  { key: 'lgbtq support group', name: 'LGBTQ support group', kind: 'topic' },
 * //  { key: 'support group', ... }, { key: 'yesterday', name: 'yesterday', kind: 'date' }]
 */
export function extractEntities(content: string): EntityMention[] {
  // Markup is not prose: read what a browser would show, so `<b>` never becomes a topic.
  const text = stripMarkup(content)
  if (text.trim() === '') return []
  const { candidates, covered } = dateCandidates(text)
  const inDate = (t: TaggedTerm) => covered.some(([from, to]) => t.start < to && t.end > from)
  // Words of a date become breaks, so "last March" never ends up inside a topic.
  const terms = tagTerms(text)
  const kept = terms.map((t) => (inDate(t) ? { ...t, tags: new Set(['Date']) } : t))
  candidates.push(...termMentions(kept, text))
  return mergeMentions(candidates)
}

/**
 * The entity keys to look up for a search query: entities the query names, then its
 * content words (not stop words, not generic nouns), each with a crude singular.
 * Relative time expressions ("last week") are left out, as they filter by date instead;
 * absolute dates keep their canonical key (`2023-05-08`).
 *
 * @example
 * queryEntityKeys('Where does Caroline live?') // ['caroline', 'live']
 */
export function queryEntityKeys(input: string): string[] {
  const query = stripMarkup(input)
  const keys = new Set<string>()
  for (const e of extractEntities(query)) if (e.kind !== 'date' || /^\d/.test(e.key)) keys.add(e.key)
  let rest = ''
  let at = 0
  for (const found of findTimeExpressions(query)) {
    rest += `${query.slice(at, found.index)} `
    at = found.index + found.text.length
  }
  for (const word of words(rest + query.slice(at))) {
    const w = word.replace(/'s$/, '')
    if (w.length < 2 || STOP_WORDS.has(w) || GENERIC_NOUNS.has(w) || /^\d{1,2}$/.test(w)) continue
    keys.add(w)
    keys.add(singular(w))
  }
  return [...keys]
}
