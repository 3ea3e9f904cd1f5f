/**
 * A corpus for the lifecycle growth benchmark: N distinct facts about many
 * people, each then restated many times in other words, casing and
 * punctuation. Deterministic for a given seed.
 */

const NAMES = [
  'Alice',
  'Bruno',
  'Chidi',
  'Dana',
  'Elif',
  'Femi',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kwame',
  'Lena',
  'Mateo',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
]
const CITIES = ['Paris', 'Berlin', 'Lisbon', 'Osaka', 'Nairobi', 'Toronto', 'Lima', 'Oslo', 'Hanoi', 'Dublin']
const COMPANIES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Vandelay',
  'Stark Industries',
  'Wayne Enterprises',
]
const COLOURS = ['blue', 'green', 'red', 'yellow', 'purple', 'orange']
const PETS = ['Max', 'Luna', 'Bella', 'Charlie', 'Milo', 'Coco']
const HOBBIES = [
  'sailing',
  'chess',
  'pottery',
  'climbing',
  'knitting',
  'salsa dancing',
  'birdwatching',
  'baking',
]
const THINGS = [
  'a red bicycle',
  'a vintage camera',
  'a rowing machine',
  'an espresso maker',
  'a telescope',
  'a kayak',
]

type Template = (n: string, v: string) => string

/** Kinds of fact, each with ways to say it. The first is the original wording. */
const KINDS: { values: readonly string[]; say: Template[] }[] = [
  {
    values: CITIES,
    say: [
      (n, v) => `${n} lives in ${v}`,
      (n, v) => `${n}'s home is in ${v}`,
      (n, v) => `${n} is based in ${v}`,
      (n, v) => `${n} resides in ${v}`,
    ],
  },
  {
    values: COMPANIES,
    say: [
      (n, v) => `${n} works at ${v}`,
      (n, v) => `${n} works for ${v}`,
      (n, v) => `${n} is employed by ${v}`,
    ],
  },
  {
    values: COLOURS,
    say: [(n, v) => `${n}'s favourite colour is ${v}`, (n, v) => `${n}'s favorite color is ${v}`],
  },
  {
    values: PETS,
    say: [(n, v) => `${n} has a dog named ${v}`, (n, v) => `${n} has a dog called ${v}`],
  },
  {
    values: HOBBIES,
    say: [(n, v) => `${n} loves ${v}`, (n, v) => `${n} enjoys ${v}`],
  },
  {
    // No claim to go by: only the same words, differently cased and punctuated.
    values: THINGS,
    say: [(n, v) => `${n} bought ${v} at the weekend market`],
  },
]

const DECORATIONS: ((s: string) => string)[] = [
  (s) => s,
  (s) => `${s}.`,
  (s) => s.toLowerCase(),
  (s) => `${s}!`,
  (s) => `  ${s.toUpperCase()} `,
  (s) => `${s} .`,
]

/** One distinct fact and the ways it may be restated. */
export interface Fact {
  userId: string
  wordings: string[]
}

function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/**
 * `facts` distinct facts over users of 20 names (one fact per kind per person,
 * so no two facts of a user contradict each other), then `total` inputs: each
 * fact once in its original wording, the rest random restatements.
 */
export function restatementCorpus(
  facts: number,
  total: number,
  seed = 7,
): { facts: Fact[]; inputs: { content: string; userId: string; factIndex: number }[] } {
  const list: Fact[] = []
  for (let i = 0; list.length < facts; i++) {
    const kind = KINDS[i % KINDS.length] as (typeof KINDS)[number]
    const person = Math.floor(i / KINDS.length)
    const name = NAMES[person % NAMES.length] as string
    const userId = `user-${Math.floor(person / NAMES.length)}`
    const value = kind.values[(person * 7 + i) % kind.values.length] as string
    list.push({ userId, wordings: kind.say.map((say) => say(`${name}`, value)) })
  }
  const random = rng(seed)
  const inputs = list.map((f, factIndex) => ({
    content: f.wordings[0] as string,
    userId: f.userId,
    factIndex,
  }))
  while (inputs.length < total) {
    const factIndex = Math.floor(random() * list.length)
    const fact = list[factIndex] as Fact
    const wording = fact.wordings[Math.floor(random() * fact.wordings.length)] as string
    const decorate = DECORATIONS[Math.floor(random() * DECORATIONS.length)] as (s: string) => string
    inputs.push({ content: decorate(wording), userId: fact.userId, factIndex })
  }
  return { facts: list, inputs }
}
