/** How the scale corpus draws one memory: the user's cast, a template, and what fills it. */

import { type CorpusLayout, userSize } from './corpus-layout.js'
import { type Slots, TEMPLATES, type Template } from './corpus-templates.js'
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

const DAY_MS = 86_400_000
const START = Date.parse('2018-01-01T00:00:00Z')

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

/** Memory `local` of user `user`: its template, what fills it, and when it was observed. */
export function draw(
  layout: CorpusLayout,
  user: number,
  local: number,
): { template: Template; slots: Slots; observedAt: number } {
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
