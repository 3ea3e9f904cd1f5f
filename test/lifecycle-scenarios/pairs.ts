import type { StatementPair } from './scenario.js'

/** Pairs that look alike but say different things: never merged, and not superseded unless allowed. */
export const keepApart: StatementPair[] = [
  { why: 'same city, different people', first: 'Alice lives in Paris.', second: 'Carol lives in Paris.' },
  { why: 'liking a city is not living there', first: 'Alice likes Paris.', second: 'Alice lives in Berlin.' },
  {
    why: 'loving a city is not living there',
    first: 'Alice lives in Berlin.',
    second: 'Alice loves Paris in spring.',
  },
  {
    why: 'a visit is not a move',
    first: 'Alice lives in Paris.',
    second: 'Alice visited Berlin last month.',
  },
  {
    why: "a brother's move is not hers",
    first: 'Alice lives in Paris.',
    second: "Alice's brother moved to Berlin.",
  },
  { why: 'a wish is not a move', first: 'Alice lives in Paris.', second: 'Alice wants to move to Lisbon.' },
  {
    why: 'a question asserts nothing',
    first: 'Alice lives in Paris.',
    second: 'Does Alice still live in Paris?',
  },
  {
    why: 'a past state is not a new one',
    first: 'Alice lives in Paris.',
    second: 'Alice lived in Madrid as a student.',
  },
  { why: 'different counts', first: 'Alice has 2 kids.', second: 'Alice has 3 kids.', maySupersede: true },
  {
    why: 'different start years',
    first: 'Alice started at Acme in 2019.',
    second: 'Alice started at Acme in 2021.',
    maySupersede: true,
  },
  {
    why: 'two appointments on different dates',
    first: 'Alice had a dentist appointment on 12 March 2024.',
    second: 'Alice had a dentist appointment on 9 April 2024.',
  },
  {
    why: 'different distances on different days',
    first: 'Alice ran 5 km on Monday.',
    second: 'Alice ran 10 km on Tuesday.',
  },
  {
    why: 'different attributes of one person',
    first: "Alice's favourite colour is green.",
    second: "Alice's favourite food is ramen.",
  },
  { why: 'languages accumulate', first: 'Alice speaks French.', second: 'Alice speaks German.' },
  { why: 'pets accumulate', first: 'Alice has a dog named Rex.', second: 'Alice has a cat named Mimi.' },
  { why: 'roles reversed', first: "Alice's manager is Tom.", second: "Alice is Tom's manager." },
  { why: 'who owes whom', first: 'Alice owes Bob 50 dollars.', second: 'Bob owes Alice 50 dollars.' },
  {
    why: "a husband's job is not hers",
    first: 'Alice works at Acme.',
    second: "Alice's husband works at Globex.",
  },
  {
    why: 'a negation about something else',
    first: 'Alice is allergic to peanuts.',
    second: 'Alice is not allergic to shellfish.',
  },
  {
    why: 'morning and evening habits',
    first: 'Alice drinks coffee every morning.',
    second: 'Alice drinks tea in the evening.',
  },
  {
    why: 'same time, different meetings',
    first: 'The meeting with Dana is at 3pm on Friday.',
    second: 'The meeting with Eve is at 3pm on Friday.',
  },
  { why: 'me and my sister', first: 'I live in Rome.', second: 'My sister lives in Rome.' },
  {
    why: 'same words, different users',
    first: 'I live in Paris.',
    second: 'I live in Paris.',
    users: ['alice', 'bob'],
  },
  {
    why: 'a move of another user',
    first: 'I live in Paris.',
    second: 'I moved to Berlin.',
    users: ['alice', 'bob'],
  },
  {
    why: 'repeated conversation messages',
    first: 'user: I live in Paris',
    second: 'user: I live in Paris',
    types: ['episode', 'episode'],
  },
  {
    why: 'a message does not supersede a fact',
    first: 'Alice lives in Paris.',
    second: 'user: I moved to Berlin',
    types: ['fact', 'episode'],
  },
]

/** Pairs that say the same thing: the second must merge into the first. */
export const restatements: StatementPair[] = [
  { why: 'an exact repeat', first: 'Alice lives in Paris.', second: 'Alice lives in Paris.' },
  { why: 'case and punctuation', first: 'Alice lives in Paris.', second: 'ALICE LIVES IN PARIS!' },
  { why: '"home is in"', first: 'Alice lives in Paris.', second: "Alice's home is in Paris." },
  { why: '"based in", lower case', first: 'Alice lives in Paris.', second: 'alice is based in paris' },
  {
    why: 'word order',
    first: "Alice's favourite film is Alien.",
    second: "Alien is Alice's favourite film.",
  },
  { why: 'a contraction', first: 'I am a vegetarian.', second: "I'm a vegetarian." },
  {
    why: 'British and American spelling',
    first: 'My favourite colour is blue.',
    second: 'My favorite color is blue.',
  },
  { why: '"employed by"', first: 'Bob works at Acme Corp.', second: 'Bob is employed by Acme Corp.' },
  { why: 'a confirmation', first: 'I live in Leeds.', second: 'Yes, I still live in Leeds.' },
  {
    why: 'a type other than fact',
    first: 'I prefer aisle seats.',
    second: 'I prefer an aisle seat.',
    types: ['preference', 'preference'],
  },
]
