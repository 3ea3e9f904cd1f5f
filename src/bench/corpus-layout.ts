/** The shape of a generated corpus. */
export interface CorpusSpec {
  /** Memories in all. */
  size: number
  /** Everything is drawn from this seed: the same spec gives the same corpus. @default 1 */
  seed?: number
  /** Share of the memories that belong to the one large user scope. @default 0.5 */
  largeShare?: number
  /** Memories per small user scope (the rest of the corpus). @default 200 */
  smallScopeSize?: number
}

/** How a corpus splits into scopes. User 0 is the large scope; users 1..smallUsers are small. */
export interface CorpusLayout {
  size: number
  seed: number
  largeCount: number
  smallCount: number
  smallUsers: number
}

/** The scope sizes a spec implies, with its defaults filled in. */
export function corpusLayout(spec: CorpusSpec): CorpusLayout {
  const share = spec.largeShare ?? 0.5
  const largeCount = Math.round(spec.size * share)
  const smallCount = spec.size - largeCount
  const smallUsers = smallCount === 0 ? 0 : Math.ceil(smallCount / (spec.smallScopeSize ?? 200))
  return { size: spec.size, seed: spec.seed ?? 1, largeCount, smallCount, smallUsers }
}

/** The user id of user `user` (0 is the large scope). */
export function corpusUserId(user: number): string {
  return user === 0 ? 'large-user' : `user-${String(user).padStart(6, '0')}`
}

/** How many memories user `user` holds. Small users share the rest round-robin. */
export function userSize(layout: CorpusLayout, user: number): number {
  if (user === 0) return layout.largeCount
  if (user > layout.smallUsers) return 0
  return Math.floor((layout.smallCount - user) / layout.smallUsers) + 1
}
