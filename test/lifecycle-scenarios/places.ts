import type { StreamScenario } from './scenario.js'

/** Where people live: restatements, moves, reversals, and what must not count as a move. */
export const placeScenarios: StreamScenario[] = [
  {
    name: 'Alice restates her city three ways, then moves; her sister, a trip and a wish stay put',
    steps: [
      { key: 'paris', at: '2023-01-10', user: 'alice', content: 'Alice lives in Paris.' },
      { key: 'paris-again', at: '2023-01-24', user: 'alice', content: 'Alice lives in Paris.' },
      { key: 'paris-home', at: '2023-02-11', user: 'alice', content: "Alice's home is in Paris." },
      { key: 'paris-based', at: '2023-03-02', user: 'alice', content: 'alice is based in paris' },
      { key: 'sister', at: '2023-03-20', user: 'alice', content: "Alice's sister Maria lives in Rome." },
      {
        key: 'trip',
        at: '2023-06-14',
        user: 'alice',
        content: 'Alice visited Berlin for a conference in June.',
      },
      { key: 'wish', at: '2023-09-01', user: 'alice', content: 'Alice wants to move to Lisbon one day.' },
      { key: 'berlin', at: '2024-03-15', user: 'alice', content: 'Alice moved to Berlin in March 2024.' },
      {
        key: 'question',
        at: '2024-04-02',
        user: 'alice',
        content: 'Does Alice like her new flat in Berlin?',
      },
    ],
    expectations: {
      merges: { 'paris-again': 'paris', 'paris-home': 'paris', 'paris-based': 'paris' },
      supersessions: [['paris', 'berlin']],
      current: [
        { query: 'Where does Alice live now?', answer: 'berlin' },
        { query: "Where does Alice's sister live?", answer: 'sister' },
      ],
      past: [{ query: 'Where did Alice live?', asOf: '2023-08-01T00:00:00Z', answer: 'paris' }],
      undoSupersession: 'paris',
    },
  },
  {
    name: 'Carol goes from Paris to Berlin and back to Paris',
    steps: [
      { key: 'paris', at: '2020-09-01', user: 'carol', content: 'Carol lives in Paris.' },
      { key: 'berlin', at: '2021-11-15', user: 'carol', content: 'Carol relocated to Berlin.' },
      { key: 'back', at: '2023-05-20', user: 'carol', content: 'Carol moved back to Paris last month.' },
    ],
    expectations: {
      supersessions: [
        ['paris', 'berlin'],
        ['berlin', 'back'],
      ],
      current: [{ query: 'Which city is Carol living in?', answer: 'back' }],
      past: [
        { query: 'Where did Carol live?', asOf: '2021-01-01T00:00:00Z', answer: 'paris' },
        { query: 'Which city was Carol living in?', asOf: '2022-06-01T00:00:00Z', answer: 'berlin' },
      ],
      undoSupersession: 'berlin',
    },
  },
  {
    name: 'Ben, in the first person: settled in Leeds, then off to Bristol; his mum stays in York',
    steps: [
      { key: 'leeds', at: '2022-02-01', user: 'ben', content: 'I live in Leeds.' },
      { key: 'leeds-again', at: '2022-04-09', user: 'ben', content: "I'm based in Leeds." },
      { key: 'mum', at: '2022-05-01', user: 'ben', content: 'My mum lives in York.' },
      { key: 'weekend', at: '2022-08-19', user: 'ben', content: 'I was in Manchester for the weekend.' },
      {
        key: 'hope',
        at: '2022-10-03',
        user: 'ben',
        content: "I'd love to live by the sea in Brighton someday.",
      },
      { key: 'bristol', at: '2023-01-07', user: 'ben', content: "I've just moved to Bristol." },
    ],
    expectations: {
      merges: { 'leeds-again': 'leeds' },
      supersessions: [['leeds', 'bristol']],
      current: [
        { query: 'Where do I live?', answer: 'bristol' },
        { query: 'Where does my mum live?', answer: 'mum' },
      ],
      past: [{ query: 'Where did I live?', asOf: '2022-12-31T00:00:00Z', answer: 'leeds' }],
    },
  },
  {
    name: "Gina's older address arrives after her newer one",
    steps: [
      { key: 'lisbon', at: '2024-05-01', user: 'gina', content: 'Gina moved to Lisbon.' },
      { key: 'madrid', at: '2022-01-15', user: 'gina', content: 'Gina lives in Madrid.' },
      { key: 'cousin', at: '2021-03-03', user: 'gina', content: "Gina's cousin lives in Madrid too." },
    ],
    expectations: {
      supersessions: [['madrid', 'lisbon']],
      current: [{ query: 'Where does Gina live?', answer: 'lisbon' }],
      past: [{ query: 'Where did Gina live?', asOf: '2023-01-01T00:00:00Z', answer: 'madrid' }],
      undoSupersession: 'madrid',
    },
  },
  {
    name: 'Hana and Ivan say the same words; only Ivan moves',
    steps: [
      { key: 'hana-oslo', at: '2023-01-01', user: 'hana', content: 'I live in Oslo.' },
      { key: 'ivan-oslo', at: '2023-01-02', user: 'ivan', content: 'I live in Oslo.' },
      { key: 'ivan-bergen', at: '2023-06-01', user: 'ivan', content: 'I moved to Bergen in May.' },
      { key: 'hana-still', at: '2023-07-01', user: 'hana', content: 'I still live in Oslo.' },
    ],
    expectations: {
      merges: { 'hana-still': 'hana-oslo' },
      supersessions: [['ivan-oslo', 'ivan-bergen']],
      current: [
        { query: 'Where do I live?', answer: 'hana-oslo' },
        { query: 'Where do I live?', answer: 'ivan-bergen' },
      ],
      past: [{ query: 'Where did I live?', asOf: '2023-03-01T00:00:00Z', answer: 'ivan-oslo' }],
    },
  },
]
