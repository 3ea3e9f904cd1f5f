/** A candidate's first-pass relevance and the session it was written in. */
export interface SessionMember {
  id: string
  sessionId: string | null
  /** First-pass relevance in [0, 1]. */
  relevance: number
}

/**
 * Session evidence (the cluster hypothesis): memories of a session that holds a
 * strong match are likelier to matter too, the way passage retrieval mixes in
 * the score of the document a passage comes from. Each memory gets the best
 * relevance found in its session, in [0, 1]. A memory without a session is a
 * session of its own and gets its own relevance, so facts added one by one are
 * not put behind conversation turns. A store with one session lifts every
 * memory by the same amount.
 */
export function sessionRelevance(members: readonly SessionMember[]): Map<string, number> {
  const best = new Map<string, number>()
  for (const m of members)
    if (m.sessionId !== null && m.relevance > (best.get(m.sessionId) ?? 0)) best.set(m.sessionId, m.relevance)
  return new Map(
    members.map((m) => [m.id, m.sessionId === null ? m.relevance : (best.get(m.sessionId) ?? 0)]),
  )
}
