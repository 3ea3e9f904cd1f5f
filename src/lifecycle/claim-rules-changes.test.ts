import { describe, expect, it } from 'vitest'
import { type Claim, conflicts, extractClaims } from './claims.js'

/** A claim as `subject|attribute|value`, with `|-1` when negated. */
const show = (c: Claim) => `${c.subject}|${c.attribute}|${c.value}${c.polarity === -1 ? '|-1' : ''}`
const claimsOf = (text: string) => extractClaims(text, { self: 'alice' }).map(show).sort()

type Case = readonly [text: string, want: readonly string[]]

function table(name: string, cases: readonly Case[]) {
  describe(name, () => {
    it.each(cases)('%s', (text, want) => {
      expect(claimsOf(text)).toEqual([...want].sort())
    })
  })
}

table('leaving a job, in other words', [
  ['Noor quit her job at Initech.', ['noor|employer|initech|-1']],
  ['I left my job at Hooli.', ['alice|employer|hooli|-1']],
  ['Sam resigned from his position at Globex.', ['sam|employer|globex|-1']],
  ['I was laid off from my job at Acme.', ['alice|employer|acme|-1']],
  ['Bob got fired from his old job at Initech.', ['bob|employer|initech|-1']],
  ['Noor stopped working at Initech.', ['noor|employer|initech|-1']],
  ['I stopped working for Acme last year.', ['alice|employer|acme|-1']],
  ['Noor wants to quit her job at Initech.', []],
  ['Noor did not quit her job at Initech.', []],
  ['Her sister quit her job at Initech.', []],
  ['Noor left her job at Initech early today.', []],
])

table('how someone takes a drink', [
  ['I take my coffee black.', ['alice|takes:coffee|black']],
  ['Now I take my coffee with oat milk.', ['alice|takes:coffee|oat milk']],
  ['Erin takes her tea with a splash of milk.', ['erin|takes:tea|milk']],
  ['I like my coffee strong.', ['alice|takes:coffee|strong']],
  ['I drink my coffee black every morning.', ['alice|takes:coffee|black']],
  ['Bob has his coffee with milk and sugar.', ['bob|takes:coffee|milk and sugar']],
  ['I take my coffee to work.', []],
  ['I take my coffee with me.', []],
  ['I take my tea seriously.', []],
  ['I took my coffee black as a student.', []],
  ['My sister takes her coffee black.', []],
  ['I want to take my coffee black.', []],
])

table('partners named in other words', [
  ["Priya is Frank's girlfriend.", ['frank|relationship|in a relationship', 'frank|partner|priya']],
  ["Frank's girlfriend is Priya.", ['frank|relationship|in a relationship', 'frank|partner|priya']],
  ['Tom is my husband.', ['alice|relationship|married', 'alice|partner|tom']],
  ["Frank's new partner is Lena.", ['frank|relationship|in a relationship', 'frank|partner|lena']],
  ["Priya is no longer Frank's girlfriend.", ['frank|partner|priya|-1']],
  ["Priya was Frank's girlfriend.", []],
  ["Priya is Frank's girlfriend's sister.", []],
  ["She is Frank's girlfriend.", []],
  ["Priya is Frank's ex-girlfriend.", []],
])

table('couples who part or join', [
  [
    'Frank and Priya broke up in February.',
    [
      'frank|partner|priya|-1',
      'frank|relationship|in a relationship|-1',
      'priya|partner|frank|-1',
      'priya|relationship|in a relationship|-1',
    ],
  ],
  [
    'Sara and I split up last year.',
    [
      'alice|partner|sara|-1',
      'alice|relationship|in a relationship|-1',
      'sara|partner|alice|-1',
      'sara|relationship|in a relationship|-1',
    ],
  ],
  [
    'Tom and Anna got divorced.',
    ['tom|partner|anna|-1', 'tom|relationship|divorced', 'anna|partner|tom|-1', 'anna|relationship|divorced'],
  ],
  [
    'Tom and Anna are separated.',
    [
      'tom|partner|anna|-1',
      'tom|relationship|separated',
      'anna|partner|tom|-1',
      'anna|relationship|separated',
    ],
  ],
  [
    'Ravi and Mei got married in June.',
    ['ravi|partner|mei', 'ravi|relationship|married', 'mei|partner|ravi', 'mei|relationship|married'],
  ],
  ['Frank split up with Priya.', ['frank|partner|priya|-1', 'frank|relationship|in a relationship|-1']],
  ['Frank separated from Priya.', ['frank|partner|priya|-1', 'frank|relationship|separated']],
  ['Frank divorced Priya in 2019.', ['frank|partner|priya|-1', 'frank|relationship|divorced']],
  ['Frank and Priya might break up.', []],
  ['Frank and Priya are breaking up.', []],
  ['Frank and Priya split the bill.', []],
  ['Frank and Priya separated the kids.', []],
  ['Frank and Priya were dating.', []],
  ['If Frank and Priya broke up, tell me.', []],
])

table('changed details', [
  ['Quinn changed her phone number to 555-0199.', ['quinn|phone|5550199']],
  ['I updated my email to me@new.org.', ['alice|email|me@new.org']],
  ['I changed my email from a@b.co to c@d.co.', ['alice|email|c@d.co']],
  ['Jo legally changed her name to Sarah.', ['jo|name|sarah']],
  ['My new number is 555-123-4567.', ['alice|phone|5551234567']],
  ["Quinn's new email is q@x.io.", ['quinn|email|q@x.io']],
  ['I changed my mind.', []],
  ['I want to change my name to Bob.', []],
  ["Quinn changed her manager's phone number to 555-0199.", []],
  ['She changed her phone number to 555-0199.', []],
  ['I changed my phone to airplane mode.', []],
])

table('promotions and titles held at an employer', [
  [
    'Sam was promoted to team lead at Initrode.',
    ['sam|occupation|team lead', 'sam|employer|initrode', 'sam|occupation:initrode|team lead'],
  ],
  [
    'Sam is a junior developer at Initrode.',
    [
      'sam|occupation|software engineer',
      'sam|employer|initrode',
      'sam|occupation:initrode|software engineer',
    ],
  ],
  [
    'I got promoted to director at Acme.',
    ['alice|occupation|director', 'alice|employer|acme', 'alice|occupation:acme|director'],
  ],
  ['Sam has been promoted to supervisor.', ['sam|occupation|supervisor']],
  [
    'Sam became a manager at Globex.',
    ['sam|occupation|manager', 'sam|employer|globex', 'sam|occupation:globex|manager'],
  ],
  ['Sam was promoted to the second round.', []],
  ['Sam was not promoted to manager.', []],
  ['Sam hopes to be promoted to manager.', []],
  ["Sam's colleague was promoted to director.", []],
  ["Sam's boss was promoted to director.", ["sam's boss|occupation|director"]],
  ['Sam was made redundant.', []],
])

table('counts of pets, vehicles and children', [
  ['Mia has two cats.', ['mia|owns:cat|cat', 'mia|count:cat|2']],
  ['Mia now has 3 dogs.', ['mia|owns:dog|dog', 'mia|count:dog|3']],
  ['Mia adopted another cat, so she now has three cats.', ['mia|owns:cat|cat', 'mia|count:cat|3']],
  ['We have two cars.', ['alice|owns:car|car', 'alice|count:car|2']],
  ['Mia has a dog.', ['mia|owns:dog|dog']],
  ['Mia has one cat.', ['mia|owns:cat|cat']],
  ['Mia adopted two cats.', ['mia|owns:cat|cat']],
  ['Mia had two cats.', []],
  ["Mia's neighbour has two cats as well.", []],
  ['Mia met Jane, and she has two cats.', []],
  ['Mia called her mother, and she has two cats.', []],
])

describe('changes contradict what they replace', () => {
  const pairs: ReadonlyArray<readonly [string, string]> = [
    ['I take my coffee black.', 'Now I take my coffee with oat milk.'],
    ['Mia has two cats.', 'Mia now has three cats.'],
    ['Sam is a junior developer at Initrode.', 'Sam was promoted to team lead at Initrode.'],
    ["Quinn's phone number is 555-0101.", 'Quinn changed her phone number to 555-0199.'],
    ['Frank is dating Priya.', 'Frank and Priya broke up in February.'],
  ]
  it.each(pairs)('%s / %s', (older, newer) => {
    const a = extractClaims(older, { self: 'alice' })
    const b = extractClaims(newer, { self: 'alice' })
    expect(b.some((x) => a.some((y) => conflicts(x, y)))).toBe(true)
  })

  it('a less detailed title at the same employer is no change', () => {
    const a = extractClaims('Sam is a senior engineer at Initrode.', { self: 'alice' })
    const b = extractClaims('Sam is an engineer at Initrode.', { self: 'alice' })
    expect(b.some((x) => a.some((y) => conflicts(x, y)))).toBe(false)
  })

  it('"Priya is Frank\'s girlfriend" says what "Frank is dating Priya" says', () => {
    const a = extractClaims('Frank is dating Priya.', { self: 'alice' }).map(show).sort()
    expect(claimsOf("Priya is Frank's girlfriend.")).toEqual(a)
  })
})
