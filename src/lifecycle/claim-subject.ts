import { entityKey } from '../extract/entity-key.js'
import { isAdverb } from '../extract/verb-forms.js'
import { STOP_WORDS } from '../text/stop-words.js'
import type { ClaimDraft } from './claim-types.js'
import { formOf } from './claim-verbs.js'
import {
  NOT_A_SUBJECT,
  OTHER_RELATIONS,
  OWNABLE,
  PARTNER_RELATIONS,
  UNIQUE_RELATIONS,
} from './claim-words.js'

/** Who a clause is about, and the text after the subject. */
export interface Subject {
  /** The subject's key; null for someone we cannot name ("she", "my friend"): no claims. */
  key: string | null
  /** "we", "our", "X and others": only attributes a household shares apply. */
  we: boolean
  /** "my", "Alice's": the rest starts with the thing possessed ("name is Alice"). */
  possessive: boolean
  rest: string
  /** Claims the subject phrase makes about its owner: "my husband John" -> partner john. */
  implied: Array<ClaimDraft & { subject: string }>
}

const NAME_WORD = /^[\p{L}][\p{L}\p{M}'.-]*/u
const AUX_NEXT =
  /^(?:is|was|has|have|does|did|am|are|no|not|never|just|also|still|now|recently|used|currently)$/

const blocked = (rest: string): Subject => ({ key: null, we: false, possessive: false, rest, implied: [] })
const subject = (key: string, rest: string, we = false, possessive = false): Subject => ({
  key,
  we,
  possessive,
  rest,
  implied: [],
})

/** A name after a relation word ("my sister Emma lives"): capitalised, or in lower-case text one word before a verb. */
function nameAfter(text: string, cased: boolean): { name: string; rest: string } | null {
  const m = /^\s+([\p{L}][\p{L}\p{M}'-]*)/u.exec(text)
  const first = m?.[1] ?? ''
  const low = first.toLowerCase()
  if (!m || NOT_A_SUBJECT.has(low) || STOP_WORDS.has(low) || formOf(low) !== 0 || isAdverb(low)) return null
  if (cased) {
    if (!/^\p{Lu}/u.test(first)) return null
    const second = /^\s+\p{Lu}[\p{L}\p{M}'-]*/u.exec(text.slice(m[0].length))
    const end = m[0].length + (second?.[0].length ?? 0)
    return { name: text.slice(0, end).trim(), rest: text.slice(end) }
  }
  const rest = text.slice(m[0].length)
  const next = (/^\s+([\p{L}']+)/u.exec(rest)?.[1] ?? '').toLowerCase()
  return formOf(next) !== 0 || AUX_NEXT.test(next) ? { name: first, rest } : null
}

/** "my sister Emma", "Alice's husband", "my dog's name": a relation of `owner` at the start of `text`. */
function relationOf(owner: string, text: string, cased: boolean): Subject | null {
  const m = /^\s*([\p{L}-]+)('s)?/u.exec(text)
  const word = (m?.[1] ?? '').toLowerCase()
  const unique = UNIQUE_RELATIONS[word]
  if (!m || (unique === undefined && !OTHER_RELATIONS.has(word))) return null
  const rest = text.slice(m[0].length)
  const species = OTHER_RELATIONS.has(word) ? OWNABLE[word] : undefined
  // "my dog's name is Max" / "my dog is called Max" is about the owner's pet.
  const tail = text.slice(m[0].length - (m[2]?.length ?? 0))
  if (species && /^(?:'s\s+name\b|\s+is\s+(?:named|called)\b)/.test(tail)) return null
  if (m[2]) return unique ? subject(`${owner}'s ${unique}`, rest, false, true) : blocked(rest)
  const named = nameAfter(rest, cased)
  if (!named) return unique ? subject(`${owner}'s ${unique}`, rest) : blocked(rest)
  const out = subject(entityKey(named.name), named.rest)
  const relation = unique ?? word
  if (PARTNER_RELATIONS.has(relation))
    out.implied.push({ subject: owner, attribute: 'partner', value: out.key ?? '', polarity: 1 })
  if (species) {
    out.implied.push({ subject: owner, attribute: `owns:${species}`, value: species, polarity: 1 })
    out.implied.push({ subject: owner, attribute: `pet:${species}`, value: out.key ?? '', polarity: 1 })
  }
  return out
}

/**
 * Reads the subject at the start of a clause: "I" and "the user" are `self`; "we" and
 * "our" are `self` for shared attributes; "my mother" is "<self>'s mother" (a relative
 * one has only one of), "my sister Emma" is "emma", "my sister" alone cannot be named;
 * a capitalised name (or, in lower-case text, one word) is its entity key. Pronouns
 * give a subject with a null key. Null when the clause does not start with a subject.
 *
 * @example
 * parseSubject('My husband John works at Google', 'alice', true)
 * // { key: 'john', rest: ' works at Google', implied: [{ subject: 'alice', attribute: 'partner', value: 'john', ... }] }
 */
export function parseSubject(text: string, self: string, cased: boolean): Subject | null {
  const own = /^(?:(?:the\s+)?user('s)?|(i)|(we)|(my|our))\b(?!')/i.exec(text)
  if (own) {
    const rest = text.slice(own[0].length)
    if (own[4]) return relationOf(self, rest, cased) ?? subject(self, rest, /^our$/i.test(own[4]), true)
    return subject(self, rest, !!own[3], !!own[1])
  }
  const word = NAME_WORD.exec(text)?.[0] ?? ''
  if (word === '' || NOT_A_SUBJECT.has(word.toLowerCase().replace(/'s$/, '')))
    return word ? blocked(text.slice(word.length)) : null
  const name = cased
    ? /^\p{Lu}[\p{L}\p{M}'.-]*(?:\s+\p{Lu}[\p{L}\p{M}'.-]*){0,2}/u.exec(text)?.[0]
    : STOP_WORDS.has(word.toLowerCase()) || formOf(word) !== 0
      ? undefined
      : word
  if (!name) return null
  const key = entityKey(name)
  const rest = text.slice(name.length)
  if (/'s$/.test(name)) return relationOf(key, rest, cased) ?? subject(key, rest, false, true)
  const others = /^\s+and\s+others\b/i.exec(rest)
  return others ? subject(key, rest.slice(others[0].length), true) : subject(key, rest)
}
