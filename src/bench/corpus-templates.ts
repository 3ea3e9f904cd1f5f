/** What one generated memory is about: the people, places and things a template names. */
export interface Slots {
  person: string
  first: string
  other: string
  relation: string
  city: string
  city2: string
  org: string
  clinic: string
  job: string
  hobby: string
  food: string
  pet: string
  petKind: string
  book: string
  restaurant: string
  project: string
  weekday: string
  /** A date such as `14 March 2023`. */
  day: string
  /** A day of the year such as `14 March`. */
  dayOfYear: string
  /** A month such as `March 2023`. */
  month: string
  time: string
  amount: number
}

/** A kind of note people keep, and the question that note answers. */
export interface Template {
  topic: string
  text(s: Slots): string
  question(s: Slots): string
}

const t = (topic: string, text: Template['text'], question: Template['question']): Template => ({
  topic,
  text,
  question,
})

/** The notes of the scale corpus: everyday facts about people, work, travel, health and plans. */
export const TEMPLATES: readonly Template[] = [
  t(
    'home',
    (s) => `${s.person} moved to ${s.city} in ${s.month}.`,
    (s) => `Where does ${s.person} live now?`,
  ),
  t(
    'work',
    (s) => `${s.person} started a new job as a ${s.job} at ${s.org} on ${s.day}.`,
    (s) => `Where does ${s.person} work?`,
  ),
  t(
    'health',
    (s) => `${s.person} is allergic to ${s.food}, so nothing with ${s.food} when they come for dinner.`,
    (s) => `What is ${s.person} allergic to?`,
  ),
  t(
    'food',
    (s) => `${s.first}'s favourite dish is the ${s.food} at ${s.restaurant}.`,
    (s) => `What does ${s.first} like to eat?`,
  ),
  t(
    'hobbies',
    (s) => `${s.person} has been going to ${s.hobby} every ${s.weekday} since ${s.month}.`,
    (s) => `What does ${s.person} do on ${s.weekday}s?`,
  ),
  t(
    'pets',
    (s) => `${s.person} adopted a ${s.petKind} called ${s.pet} in ${s.month}.`,
    (s) => `What is the name of ${s.person}'s ${s.petKind}?`,
  ),
  t(
    'books',
    (s) => `${s.person} recommended the book ${s.book}; I want to read it before ${s.month}.`,
    (s) => `Which book did ${s.person} recommend?`,
  ),
  t(
    'social',
    (s) =>
      `Had dinner with ${s.person} at ${s.restaurant} in ${s.city} on ${s.day}; we talked about ${s.project}.`,
    (s) => `When did I last have dinner with ${s.person}?`,
  ),
  t(
    'family',
    (s) => `${s.person}'s birthday is on ${s.dayOfYear}; they would love anything to do with ${s.hobby}.`,
    (s) => `When is ${s.person}'s birthday?`,
  ),
  t(
    'work',
    (s) =>
      `The meeting with ${s.person} from ${s.org} about ${s.project} moved to ${s.weekday} at ${s.time}.`,
    (s) => `When is the meeting about ${s.project}?`,
  ),
  t(
    'work',
    (s) => `The deadline for ${s.project} is ${s.day}; ${s.person} is reviewing the draft.`,
    (s) => `What is the deadline for ${s.project}?`,
  ),
  t(
    'travel',
    (s) => `Booked flights to ${s.city} for ${s.month}, staying near the old town with ${s.person}.`,
    (s) => `When am I travelling to ${s.city}?`,
  ),
  t(
    'travel',
    (s) => `${s.person} just came back from ${s.city2} and said the ${s.food} there was amazing.`,
    (s) => `Where did ${s.person} travel recently?`,
  ),
  t(
    'family',
    (s) => `${s.person} is my ${s.relation}; we grew up on the same street in ${s.city}.`,
    (s) => `How do I know ${s.person}?`,
  ),
  t(
    'health',
    (s) => `Check-up with ${s.person} at ${s.clinic} on ${s.day} at ${s.time}.`,
    (s) => `When is my appointment with ${s.person}?`,
  ),
  t(
    'money',
    (s) => `Lent ${s.person} ${s.amount} euros for the deposit on their flat in ${s.city}.`,
    (s) => `How much money did I lend ${s.person}?`,
  ),
  t(
    'education',
    (s) => `${s.person} is studying for a master's degree at ${s.org} and finishes in ${s.month}.`,
    (s) => `Where is ${s.person} studying?`,
  ),
  t(
    'family',
    (s) => `${s.person}'s son joined the ${s.hobby} club at school and loves it.`,
    (s) => `Which club did ${s.person}'s son join?`,
  ),
  t(
    'work',
    (s) => `${s.person} sold their car and now cycles to ${s.org} every day.`,
    (s) => `How does ${s.person} get to work?`,
  ),
  t(
    'family',
    (s) => `${s.person} and ${s.other} are getting married in ${s.city} on ${s.day}.`,
    (s) => `When is ${s.person}'s wedding?`,
  ),
  t(
    'plans',
    (s) => `Promised to help ${s.person} carry boxes to the new place on ${s.weekday}, ${s.day}.`,
    (s) => `When did I promise to help ${s.person}?`,
  ),
  t(
    'food',
    (s) => `${s.first} prefers tea over coffee and cannot stand ${s.food}.`,
    (s) => `What does ${s.first} dislike?`,
  ),
  t(
    'social',
    (s) => `Got two tickets for the jazz concert in ${s.city} on ${s.day}; ${s.person} is coming too.`,
    (s) => `Who is coming to the concert in ${s.city}?`,
  ),
  t(
    'work',
    (s) => `${s.person} is leading ${s.project} at ${s.org} and needs the numbers by ${s.weekday}.`,
    (s) => `Who is leading ${s.project}?`,
  ),
  t(
    'contacts',
    (s) => `${s.person}'s new phone number ends in ${s.amount}; the old one no longer works.`,
    (s) => `What is ${s.person}'s new phone number?`,
  ),
  t(
    'hobbies',
    (s) => `${s.person} started ${s.hobby} lessons with ${s.other} in ${s.city}.`,
    (s) => `Who teaches ${s.person} ${s.hobby}?`,
  ),
  t(
    'family',
    (s) => `Bought ${s.book} as a present for ${s.person}'s birthday.`,
    (s) => `What present did I buy for ${s.person}?`,
  ),
  t(
    'health',
    (s) => `${s.person} has been off work with the flu since ${s.weekday}; I dropped off some soup.`,
    (s) => `Why is ${s.person} off work?`,
  ),
  t(
    'work',
    (s) => `${s.person} was promoted to ${s.job} at ${s.org} in ${s.month}.`,
    (s) => `What was ${s.person} promoted to?`,
  ),
  t(
    'food',
    (s) => `${s.person} shared a recipe for ${s.food} with cardamom and lime.`,
    (s) => `What recipe did ${s.person} share?`,
  ),
  t(
    'social',
    (s) => `Volunteered with ${s.person} at the ${s.city} marathon on ${s.day}.`,
    (s) => `Where did I volunteer with ${s.person}?`,
  ),
  t(
    'plans',
    (s) => `Planning a weekend in ${s.city} with ${s.person} and ${s.other} in ${s.month}.`,
    (s) => `Who is coming on the weekend in ${s.city}?`,
  ),
  t(
    'plans',
    (s) => `Remember to give ${s.person} their drill back before ${s.weekday}.`,
    (s) => `What do I need to return to ${s.person}?`,
  ),
  t(
    'home',
    (s) => `${s.person} bought a flat in ${s.city} with a balcony over the river.`,
    (s) => `Where did ${s.person} buy a flat?`,
  ),
  t(
    'hobbies',
    (s) => `Ran ${s.amount % 30} kilometres with ${s.person} along the river in ${s.city} on ${s.day}.`,
    (s) => `How far did I run with ${s.person}?`,
  ),
  t(
    'work',
    (s) => `${s.person} teaches ${s.hobby} at ${s.org} on ${s.weekday} evenings.`,
    (s) => `What does ${s.person} teach?`,
  ),
]
