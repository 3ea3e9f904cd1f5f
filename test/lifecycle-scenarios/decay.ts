import type { DecayScenario } from './scenario.js'

/*
 * Waits are long enough to hold for any threshold between "90 days unused" and
 * "a year unused": what fades is unused for well over a year, what stays was
 * used within the last few weeks. After a long wait the user says something
 * new, so the scenarios hold whether memories age by the wall clock or by
 * their user's own activity (a user who was away finds what they left).
 */

/** Decay, time to live, restore, dry runs and caps. */
export const decayScenarios: DecayScenario[] = [
  {
    name: 'unused memories fade into the archive; searched, fresh and reference ones stay',
    steps: [
      { add: 'locker', content: "Zoe's gym locker code is 4417." },
      { add: 'gym', content: 'Zoe trains at the climbing gym on Elm Street.' },
      { add: 'wifi', content: 'The office wifi password is kiwi-42.', type: 'reference' },
      { wait: 200 },
      { use: 'gym', query: 'Which gym on Elm Street does Zoe train at?' },
      { wait: 200 },
      { use: 'gym', query: 'climbing gym on Elm Street' },
      { wait: 20 },
      { add: 'fresh', content: 'Zoe is reading a novel about lighthouses.' },
      { wait: 10 },
      { consolidate: {}, report: { dryRun: false } },
      { check: { active: ['gym', 'wifi', 'fresh'], archived: ['locker'] } },
      { status: { active: 3, archived: 1, consolidated: true } },
    ],
  },
  {
    name: 'restore brings an archived memory back, and the next pass does not archive it at once',
    steps: [
      { add: 'boat', content: 'Zoe keeps a kayak at the marina in Kiel.' },
      { add: 'other', content: 'Zoe collects vintage postcards from Sweden.' },
      { wait: 500 },
      { add: 'today', content: 'Zoe signed up for a sailing course.' },
      { consolidate: {} },
      { check: { archived: ['boat', 'other'] } },
      { restore: 'boat' },
      { check: { active: ['boat'], archived: ['other'] } },
      { wait: 1 },
      { consolidate: {} },
      { check: { active: ['boat'], archived: ['other'] } },
      { use: 'boat', query: 'Where does Zoe keep her kayak?' },
    ],
  },
  {
    name: 'expiresAt archives with the rule "expired" once the date has passed, whatever the type',
    steps: [
      { add: 'promo', content: 'The SPRING24 discount code gives 20% off.', expiresInDays: 10 },
      {
        add: 'badge',
        content: 'The conference badge pickup code is Z-991.',
        type: 'reference',
        expiresInDays: 30,
      },
      { add: 'plain', content: 'Zoe prefers meetings in the morning.' },
      { wait: 5 },
      { consolidate: {}, report: { expired: 0 } },
      { check: { active: ['promo', 'badge', 'plain'] } },
      { wait: 10 },
      { consolidate: {}, report: { expired: 1 } },
      { check: { active: ['badge', 'plain'], archived: ['promo'], expired: ['promo'] } },
      { wait: 20 },
      { consolidate: {}, report: { expired: 1 } },
      { check: { active: ['plain'], archived: ['promo', 'badge'], expired: ['badge'] } },
    ],
  },
  {
    name: 'a dry run reports what a real pass then does, and changes nothing',
    steps: [
      { add: 'a', content: 'Zoe once ordered a blue bicycle bell online.' },
      { add: 'b', content: "Zoe's old passport number ended in 318." },
      { add: 'c', content: 'Zoe tried a pottery class in the spring.' },
      { wait: 450 },
      { add: 'd', content: 'Zoe is learning to play the cello.' },
      { consolidate: { dryRun: true }, report: { dryRun: true, archived: 3 } },
      { check: { active: ['a', 'b', 'c', 'd'], untouched: true } },
      { consolidate: {}, report: { dryRun: false, archived: 3 } },
      { check: { active: ['d'], archived: ['a', 'b', 'c'] } },
    ],
  },
  {
    name: 'maxActivePerUser archives the least active first, and only for users over the cap',
    lifecycle: { maxActivePerUser: 3 },
    steps: [
      { add: 'f1', content: 'Zoe drives a green Volvo estate.' },
      { wait: 1 },
      { add: 'f2', content: 'Zoe plays bass in a jazz quartet.' },
      { wait: 1 },
      { add: 'f3', content: 'Zoe grew tomatoes on her balcony last summer.' },
      { wait: 1 },
      { use: 'f1', query: 'What car does Zoe drive?' },
      { use: 'f2', query: 'Which instrument does Zoe play in the quartet?' },
      { wait: 1 },
      { add: 'f4', content: 'Zoe bought a second-hand sewing machine.' },
      { wait: 1 },
      { add: 'f5', content: 'Zoe volunteers at the animal shelter on Sundays.' },
      { add: 'y1', content: 'Yan teaches maths at the local school.', user: 'yan' },
      { add: 'y2', content: 'Yan runs marathons.', user: 'yan' },
      { wait: 1 },
      { consolidate: {} },
      { check: { active: ['f1', 'f2', 'f5', 'y1', 'y2'], archived: ['f3', 'f4'] } },
    ],
  },
  {
    name: 'consolidating one user leaves the others alone',
    steps: [
      { add: 'zoe-old', content: 'Zoe once lost her umbrella on the tram.' },
      { add: 'yan-old', content: 'Yan once lost his gloves on the bus.', user: 'yan' },
      { wait: 500 },
      { add: 'zoe-new', content: 'Zoe bought a folding bike.' },
      { add: 'yan-new', content: 'Yan adopted a rescue greyhound.', user: 'yan' },
      { consolidate: { user: 'zoe' } },
      { check: { archived: ['zoe-old'], active: ['yan-old'] } },
      { status: { user: 'zoe', archived: 1, active: 1, consolidated: true } },
      { consolidate: {} },
      { check: { archived: ['zoe-old', 'yan-old'] } },
    ],
  },
  {
    name: 'types exempted from decay by configuration never fade',
    lifecycle: { decay: { exemptTypes: ['preference', 'reference'] } },
    steps: [
      { add: 'tea', content: 'Zoe takes her tea without sugar.', type: 'preference' },
      { add: 'door', content: 'The back door code of the studio is 2580.', type: 'reference' },
      { add: 'fact', content: 'Zoe went to a street food market in Hamburg.' },
      { wait: 500 },
      { add: 'today', content: 'Zoe started a course in bookbinding.' },
      { consolidate: {} },
      { check: { active: ['tea', 'door'], archived: ['fact'] } },
    ],
  },
]
