import { type Slots, TEMPLATES } from './corpus-templates.js'
import {
  BOOKS,
  CITIES,
  CLINICS,
  FIRST_NAMES,
  FOODS,
  HOBBIES,
  JOBS,
  LAST_NAMES,
  MONTHS,
  ORGANISATIONS,
  PET_KINDS,
  PET_NAMES,
  PROJECTS,
  RELATIONS,
  RESTAURANTS,
  WEEKDAYS,
} from './corpus-words.js'
import { mixSeed, type Random, seededRandom } from './seeded-random.js'

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

const DAY_MS = 86_400_000
const START = Date.parse('2018-01-01T00:00:00Z')
// Notes of one conversation or one sitting share a session.
const SESSION_LENGTH = 6

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

/** The people, places and things a user's notes keep coming back to. */
interface Cast {
  people: string[]
  cities: string[]
  orgs: string[]
  start: number
  span: number
}

const casts = new Map<string, Cast>()

function castOf(layout: CorpusLayout, user: number): Cast {
  const key = `${layout.seed}:${layout.size}:${user}`
  let cast = casts.get(key)
  if (cast === undefined) {
    const rng = seededRandom(mixSeed(layout.seed, user, 0xca57))
    const size = Math.max(1, userSize(layout, user))
    // A bigger life has more people and places in it, but far fewer than notes.
    const people = Array.from(
      { length: 12 + Math.round(2 * Math.sqrt(size)) },
      () => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
    )
    const cities = Array.from({ length: 5 + Math.round(Math.sqrt(size) / 10) }, () => rng.pick(CITIES))
    const orgs = Array.from({ length: 4 + Math.round(Math.sqrt(size) / 25) }, () => rng.pick(ORGANISATIONS))
    const start = START + rng.int(3 * 365) * DAY_MS
    const span = (365 + rng.int(4 * 365)) * DAY_MS
    cast = { people, cities, orgs, start, span }
    // Only the latest corpus's casts are worth keeping.
    if (casts.size > 10_000) casts.clear()
    casts.set(key, cast)
  }
  return cast
}

function draw(layout: CorpusLayout, user: number, local: number) {
  const cast = castOf(layout, user)
  const rng = seededRandom(mixSeed(layout.seed, user, local))
  const size = Math.max(1, userSize(layout, user))
  // Notes follow the user's life in order, a few days either way.
  const observedAt = cast.start + Math.floor((local / size) * cast.span) + (rng.int(7) - 3) * DAY_MS
  const template = rng.pick(TEMPLATES)
  return { template, slots: slotsFor(rng, cast, observedAt), observedAt }
}

function slotsFor(rng: Random, cast: Cast, observedAt: number): Slots {
  const person = rng.skewed(cast.people)
  // Plans and appointments are mostly ahead of the day they are noted.
  const when = new Date(observedAt + (rng.int(60) - 10) * DAY_MS)
  const month = MONTHS[when.getUTCMonth()] as string
  return {
    person,
    first: person.split(' ')[0] as string,
    other: rng.skewed(cast.people),
    relation: rng.pick(RELATIONS),
    city: rng.skewed(cast.cities),
    city2: rng.pick(CITIES),
    org: rng.skewed(cast.orgs),
    clinic: rng.pick(CLINICS),
    job: rng.pick(JOBS),
    hobby: rng.pick(HOBBIES),
    food: rng.pick(FOODS),
    pet: rng.pick(PET_NAMES),
    petKind: rng.pick(PET_KINDS),
    book: rng.pick(BOOKS),
    restaurant: rng.pick(RESTAURANTS),
    project: rng.pick(PROJECTS),
    weekday: rng.pick(WEEKDAYS),
    day: `${when.getUTCDate()} ${month} ${when.getUTCFullYear()}`,
    dayOfYear: `${when.getUTCDate()} ${month}`,
    month: `${month} ${when.getUTCFullYear()}`,
    time: `${8 + rng.int(11)}:${rng.pick(['00', '15', '30', '45'])}`,
    amount: 20 + rng.int(980),
  }
}
