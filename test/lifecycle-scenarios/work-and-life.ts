import type { StreamScenario } from './scenario.js'

/** Jobs, partners, diets, favourites and contact details that change over time. */
export const workAndLifeScenarios: StreamScenario[] = [
  {
    name: 'Bob leaves Acme (a negation) and joins Globex; his friend stays at Acme',
    steps: [
      { key: 'acme', at: '2022-05-01', user: 'bob', content: 'I work at Acme Corp as a data analyst.' },
      { key: 'acme-again', at: '2022-07-12', user: 'bob', content: "I'm a data analyst at Acme Corp." },
      { key: 'tom', at: '2022-09-30', user: 'bob', content: 'My friend Tom works at Acme Corp too.' },
      { key: 'left', at: '2023-01-15', user: 'bob', content: 'I no longer work at Acme.' },
      {
        key: 'globex',
        at: '2023-02-01',
        user: 'bob',
        content: 'I started a new job at Globex as a product manager.',
      },
    ],
    expectations: {
      merges: { 'acme-again': 'acme' },
      supersessions: [['acme', 'left']],
      // Globex may or may not be taken to supersede the negation: both readings are fine.
      mayBeSuperseded: ['left'],
      current: [
        { query: 'Where do I work these days?', answer: 'globex' },
        { query: 'Where does Tom work?', answer: 'tom' },
      ],
      past: [{ query: 'Where did I work?', asOf: '2022-12-01T00:00:00Z', answer: 'acme' }],
      undoSupersession: 'acme',
    },
  },
  {
    name: 'Noor quits Initech and ends up at Hooli; her husband still works at Initech',
    steps: [
      { key: 'initech', at: '2019-03-01', user: 'noor', content: 'Noor works at Initech as an engineer.' },
      { key: 'quit', at: '2022-08-31', user: 'noor', content: 'Noor quit her job at Initech.' },
      {
        key: 'hooli',
        at: '2022-10-01',
        user: 'noor',
        content: 'Noor has been working at Hooli since October.',
      },
      { key: 'husband', at: '2022-11-11', user: 'noor', content: "Noor's husband works at Initech." },
    ],
    expectations: {
      supersessions: [['initech', 'quit']],
      mayBeSuperseded: ['quit'],
      current: [
        { query: 'Who is Noor working for?', answer: 'hooli' },
        { query: "Where does Noor's husband work?", answer: 'husband' },
      ],
    },
  },
  {
    name: "Dan's favourite film changes; his favourite band does not",
    steps: [
      { key: 'alien', at: '2020-02-02', user: 'dan', content: "Dan's favourite film is Alien." },
      { key: 'alien-order', at: '2020-04-04', user: 'dan', content: "Alien is Dan's favourite film." },
      { key: 'alien-us', at: '2020-06-06', user: 'dan', content: "Dan's favorite movie is Alien." },
      { key: 'band', at: '2021-01-01', user: 'dan', content: "Dan's favourite band is Radiohead." },
      {
        key: 'arrival',
        at: '2023-03-03',
        user: 'dan',
        content: "These days Dan's favourite film is Arrival.",
      },
      { key: 'dune', at: '2023-04-04', user: 'dan', content: 'Dan wants to watch Dune next weekend.' },
    ],
    expectations: {
      merges: { 'alien-order': 'alien', 'alien-us': 'alien' },
      supersessions: [['alien', 'arrival']],
      current: [
        { query: "What is Dan's favourite film?", answer: 'arrival' },
        { query: "What's Dan's favourite band?", answer: 'band' },
      ],
      past: [{ query: "Dan's favourite film", asOf: '2022-01-01T00:00:00Z', answer: 'alien' }],
    },
  },
  {
    name: 'Erin turns vegetarian and changes her coffee; her partner still eats meat',
    steps: [
      { key: 'meat', at: '2022-01-10', user: 'erin', content: 'I eat meat and love a good steak.' },
      {
        key: 'black',
        at: '2022-03-01',
        user: 'erin',
        content: 'I take my coffee black.',
        type: 'preference',
      },
      { key: 'veg', at: '2023-01-05', user: 'erin', content: 'I became a vegetarian in January.' },
      { key: 'partner', at: '2023-02-14', user: 'erin', content: 'My partner still eats meat.' },
      {
        key: 'oat',
        at: '2023-05-05',
        user: 'erin',
        content: 'Now I take my coffee with oat milk.',
        type: 'preference',
      },
    ],
    expectations: {
      supersessions: [
        ['meat', 'veg'],
        ['black', 'oat'],
      ],
      current: [
        { query: 'Am I vegetarian, or do I eat meat?', answer: 'veg' },
        { query: 'How do I take my coffee?', answer: 'oat' },
      ],
      past: [{ query: 'How did I take my coffee?', asOf: '2022-12-01T00:00:00Z', answer: 'black' }],
    },
  },
  {
    name: 'Frank and Priya split up; Frank has a new partner; his sister gets engaged',
    steps: [
      { key: 'priya', at: '2018-05-05', user: 'frank', content: 'Frank is dating Priya.' },
      { key: 'girlfriend', at: '2018-09-09', user: 'frank', content: "Priya is Frank's girlfriend." },
      { key: 'split', at: '2020-02-20', user: 'frank', content: 'Frank and Priya broke up in February.' },
      { key: 'lena', at: '2021-03-03', user: 'frank', content: "Frank's new partner is Lena." },
      { key: 'sister', at: '2021-04-04', user: 'frank', content: "Frank's sister is engaged to Marco." },
    ],
    expectations: {
      merges: { girlfriend: 'priya' },
      supersessions: [['priya', 'split']],
      mayBeSuperseded: ['split'],
      current: [{ query: "Who is Frank's partner?", answer: 'lena' }],
      past: [{ query: 'Who was Frank dating?', asOf: '2019-01-01T00:00:00Z', answer: 'priya' }],
    },
  },
  {
    name: "Quinn's phone number changes; her email is restated; her manager's number is not hers",
    steps: [
      { key: 'phone', at: '2021-01-01', user: 'quinn', content: "Quinn's phone number is 555-0101." },
      { key: 'email', at: '2021-01-02', user: 'quinn', content: "Quinn's email is quinn@oldmail.com." },
      {
        key: 'phone-new',
        at: '2022-06-01',
        user: 'quinn',
        content: 'Quinn changed her phone number to 555-0199.',
      },
      { key: 'email-again', at: '2022-07-01', user: 'quinn', content: "quinn's email is quinn@oldmail.com" },
      {
        key: 'manager',
        at: '2022-08-01',
        user: 'quinn',
        content: "Quinn's manager's phone number is 555-0142.",
      },
    ],
    expectations: {
      merges: { 'email-again': 'email' },
      supersessions: [['phone', 'phone-new']],
      current: [
        { query: "What is Quinn's phone number?", answer: 'phone-new' },
        { query: "What is Quinn's email address?", answer: 'email' },
      ],
      past: [{ query: "Quinn's phone number", asOf: '2022-01-01T00:00:00Z', answer: 'phone' }],
    },
  },
  {
    name: 'Sam is promoted at the same employer; his boss and a colleague are other people',
    steps: [
      { key: 'junior', at: '2021-09-01', user: 'sam', content: 'Sam is a junior developer at Initrode.' },
      { key: 'boss', at: '2022-01-10', user: 'sam', content: "Sam's boss Petra is the head of engineering." },
      { key: 'lead', at: '2023-04-01', user: 'sam', content: 'Sam was promoted to team lead at Initrode.' },
      {
        key: 'colleague',
        at: '2023-05-01',
        user: 'sam',
        content: "Sam's colleague Ada is still a junior developer.",
      },
    ],
    expectations: {
      supersessions: [['junior', 'lead']],
      current: [
        { query: "What is Sam's role at Initrode?", answer: 'lead' },
        { query: "Who is Sam's boss?", answer: 'boss' },
      ],
      past: [{ query: 'What was Sam at Initrode?', asOf: '2022-06-01T00:00:00Z', answer: 'junior' }],
    },
  },
]
