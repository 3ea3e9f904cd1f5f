import { singular } from '../extract/entity-key.js'

/** Job titles an "is a ..." claim may name; anything else is not taken for an occupation. */
const OCCUPATIONS: ReadonlySet<string> = new Set(
  `nurse, teacher, engineer, software engineer, doctor, designer, lawyer, accountant, architect, artist,
  writer, author, journalist, editor, photographer, chef, cook, baker, barista, bartender, waiter,
  cashier, pharmacist, dentist, surgeon, therapist, psychologist, psychiatrist, counselor, social worker,
  paramedic, firefighter, police officer, detective, soldier, pilot, flight attendant, mechanic,
  electrician, plumber, carpenter, contractor, farmer, gardener, scientist, data scientist, researcher,
  professor, lecturer, tutor, student, librarian, consultant, analyst, data analyst, manager,
  product manager, project manager, salesperson, real estate agent, entrepreneur, founder, ceo, cto,
  cfo, executive, banker, economist, financial advisor, investor, trader, actor, musician, singer,
  songwriter, dancer, composer, producer, filmmaker, animator, illustrator, graphic designer,
  web developer, web designer, ux designer, game developer, data engineer, devops engineer,
  civil engineer, mechanical engineer, electrical engineer, chemical engineer, technician,
  veterinarian, nanny, babysitter, caregiver, midwife, optometrist, physiotherapist,
  occupational therapist, speech therapist, dietitian, nutritionist, personal trainer, coach, athlete,
  translator, interpreter, secretary, receptionist, administrator, clerk, civil servant, judge,
  paralegal, diplomat, politician, pastor, priest, rabbi, imam, truck driver, taxi driver, bus driver,
  delivery driver, courier, janitor, cleaner, housekeeper, homemaker, freelancer, biologist, chemist,
  physicist, mathematician, statistician, geologist, astronomer, archaeologist, historian, linguist,
  radiologist, anesthesiologist, pediatrician, dermatologist, cardiologist, neurologist, intern,
  apprentice, teaching assistant, tailor, hairdresser, barber, makeup artist, florist, butcher,
  fisherman, welder, machinist, youtuber, streamer, influencer, blogger, podcaster, content creator,
  copywriter, marketer, recruiter, phd student, graduate student, midwife, surveyor, dispatcher,
  team lead, team leader, tech lead, supervisor, director, vice president, head chef`
    .split(/,\s*/)
    .map((t) => t.trim()),
)

/** Titles that mean the same job, mapped to one spelling. */
const ALIASES: Readonly<Record<string, string>> = {
  physician: 'doctor',
  gp: 'doctor',
  attorney: 'lawyer',
  solicitor: 'lawyer',
  barrister: 'lawyer',
  cop: 'police officer',
  policeman: 'police officer',
  policewoman: 'police officer',
  actress: 'actor',
  waitress: 'waiter',
  server: 'waiter',
  realtor: 'real estate agent',
  rn: 'nurse',
  'registered nurse': 'nurse',
  programmer: 'software engineer',
  coder: 'software engineer',
  developer: 'software engineer',
  'software developer': 'software engineer',
  swe: 'software engineer',
  counsellor: 'counselor',
  'physical therapist': 'physiotherapist',
  physio: 'physiotherapist',
  housewife: 'homemaker',
  househusband: 'homemaker',
  'stay-at-home mom': 'homemaker',
  'stay-at-home mum': 'homemaker',
  'stay-at-home dad': 'homemaker',
  'stay-at-home parent': 'homemaker',
  schoolteacher: 'teacher',
  prof: 'professor',
  vet: 'veterinarian',
  undergrad: 'student',
  undergraduate: 'student',
  'grad student': 'graduate student',
}

/** Modifiers that make "a terrible cook" or "an aspiring writer" no statement about a job. */
const NOT_A_JOB = new Set(
  `good bad great terrible awful amazing excellent decent lousy huge big little proud wannabe aspiring
  amateur hobby hobbyist budding would-be self-taught natural born total complete real true horrible
  failed frustrated closet weekend armchair backseat future prospective fellow fan`.split(/\s+/),
)
/** Modifiers that say the job is over: "a former teacher" asserts it no longer holds. */
const FORMER = new Set(['former', 'ex', 'ex-', 'retired'])

/** What a noun phrase says about a job: the normalised title and whether it is over. */
export interface OccupationMatch {
  title: string
  former: boolean
}

/**
 * Reads an occupation from the words after "a"/"an" ("senior software engineer"): the
 * longest known title at the end, with up to three modifiers before it. Null for
 * unknown titles and for judgements ("a terrible cook").
 *
 * @example
 * occupationOf(['senior', 'Software', 'Engineers']) // { title: 'software engineer', former: false }
 */
export function occupationOf(words: readonly string[]): OccupationMatch | null {
  const low = words.map((w) => w.toLowerCase().replace(/\.$/, ''))
  for (let take = Math.min(3, low.length); take >= 1; take--) {
    const head = low.slice(-take)
    const last = head.length - 1
    head[last] = singular(head[last] ?? '')
    const title = head.join(' ')
    const known = ALIASES[title] ?? (OCCUPATIONS.has(title) ? title : undefined)
    if (known === undefined) continue
    const modifiers = low.slice(0, low.length - take)
    if (modifiers.length > 3 || modifiers.some((m) => NOT_A_JOB.has(m))) return null
    const former = modifiers.some((m) => FORMER.has(m) || m.startsWith('ex-'))
    return { title: known, former }
  }
  return null
}

/** Roles whose "at X" is a school rather than an employer. */
export function isStudentRole(title: string): boolean {
  return /(?:^|\s)(?:student|undergrad|undergraduate|intern)$/.test(title) && title !== 'intern'
}
