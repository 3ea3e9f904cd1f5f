import { draw } from './corpus-draw.js'
import { type CorpusLayout, corpusUserId, userSize } from './corpus-layout.js'
import { mixSeed, seededRandom } from './seeded-random.js'

export { type CorpusLayout, type CorpusSpec, corpusLayout, corpusUserId, userSize } from './corpus-layout.js'

/** One memory as `addMany` takes it. */
export interface CorpusMemory {
  userId: string
  content: string
  observedAt: string
  sessionId: string
  tags: string[]
}

/** A question about one memory of a user. */
export interface CorpusQuery {
  userId: string
  query: string
}

// Notes of one conversation or one sitting share a session.
const SESSION_LENGTH = 6

/**
 * Every memory of the corpus, in the order a busy service would see them: the large
 * user's notes interleaved evenly with the small users', who take turns.
 */
export function* corpusMemories(layout: CorpusLayout): Generator<CorpusMemory> {
  let large = 0
  let small = 0
  for (let i = 0; i < layout.size; i++) {
    if (Math.floor(((i + 1) * layout.largeCount) / layout.size) > large) {
      yield corpusMemory(layout, 0, large)
      large++
    } else {
      yield corpusMemory(layout, (small % layout.smallUsers) + 1, Math.floor(small / layout.smallUsers))
      small++
    }
  }
}

/** Memory `local` of user `user`, the same whenever it is asked for. */
export function corpusMemory(layout: CorpusLayout, user: number, local: number): CorpusMemory {
  const { slots, template, observedAt } = draw(layout, user, local)
  return {
    userId: corpusUserId(user),
    content: template.text(slots),
    observedAt: new Date(observedAt).toISOString(),
    sessionId: `${corpusUserId(user)}-s${Math.floor(local / SESSION_LENGTH)}`,
    tags: [template.topic],
  }
}

/** `count` questions, each about a memory of the large user, or of a small user picked at random. */
export function corpusQueries(layout: CorpusLayout, scope: 'large' | 'small', count: number): CorpusQuery[] {
  const rng = seededRandom(mixSeed(layout.seed, scope === 'large' ? 1 : 2, 0x51))
  const queries: CorpusQuery[] = []
  for (let q = 0; q < count; q++) {
    const user = scope === 'large' ? 0 : 1 + rng.int(layout.smallUsers)
    const size = userSize(layout, user)
    if (size === 0) break
    const { slots, template } = draw(layout, user, rng.int(size))
    queries.push({ userId: corpusUserId(user), query: template.question(slots) })
  }
  return queries
}
