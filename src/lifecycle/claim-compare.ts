import type { Claim } from './claim-types.js'

/**
 * The index key of a claim: subject and attribute joined by a NUL, so claims that may
 * agree or contradict share a key.
 *
 * @example
 * claimKey({ subject: 'alice', attribute: 'residence', value: 'paris', polarity: 1, exclusive: true })
 * // 'alice\u0000residence'
 */
export function claimKey(c: Pick<Claim, 'subject' | 'attribute'>): string {
  return `${c.subject}\u0000${c.attribute}`
}

/** True when two claims say the same thing: same subject, attribute, value and polarity. */
export function sameClaim(a: Claim, b: Claim): boolean {
  return (
    a.subject === b.subject && a.attribute === b.attribute && a.value === b.value && a.polarity === b.polarity
  )
}

/**
 * True when two claims cannot both hold: same key, and either the same value with
 * opposite polarity ("likes sushi" / "hates sushi"), or an exclusive attribute
 * asserted with two different values ("lives in Paris" / "lives in Berlin").
 * A negated claim never contradicts a different value: "no longer lives in Paris" says
 * nothing against "lives in Berlin".
 */
export function conflicts(a: Claim, b: Claim): boolean {
  if (claimKey(a) !== claimKey(b)) return false
  if (a.value === b.value) return a.polarity !== b.polarity
  return (a.exclusive || b.exclusive) && a.polarity === 1 && b.polarity === 1
}

/**
 * Claims of one text without repeats; claims that contradict another claim of the same
 * text are dropped as well, since the text does not say which one holds now
 * ("moved to Berlin, then to Munich").
 */
export function tidyClaims(claims: readonly Claim[]): Claim[] {
  const out: Claim[] = []
  for (const c of claims) if (!out.some((o) => sameClaim(o, c))) out.push(c)
  return out.filter((c) => !out.some((o) => conflicts(o, c)))
}
