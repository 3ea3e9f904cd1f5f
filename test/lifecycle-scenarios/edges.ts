import type { StreamScenario } from './scenario.js'

/** Distractors, conversation episodes, counts and noisy restatements. */
export const edgeScenarios: StreamScenario[] = [
  {
    name: 'Leo stays in Toronto through plans, trips, questions, hypotheticals and his past',
    steps: [
      { key: 'toronto', at: '2022-01-01', user: 'leo', content: 'Leo lives in Toronto.' },
      {
        key: 'thinking',
        at: '2022-03-01',
        user: 'leo',
        content: 'Leo is thinking about moving to Vancouver.',
      },
      { key: 'week', at: '2022-05-01', user: 'leo', content: 'Leo spent a week in Montreal in May.' },
      { key: 'question', at: '2022-06-01', user: 'leo', content: 'Would Leo ever live in Calgary?' },
      { key: 'if', at: '2022-07-01', user: 'leo', content: 'If Leo gets the job, he will move to Ottawa.' },
      { key: 'parents', at: '2022-08-01', user: 'leo', content: "Leo's parents live in Halifax." },
      { key: 'dream', at: '2022-09-01', user: 'leo', content: 'Leo dreams of retiring to Victoria.' },
      { key: 'used-to', at: '2022-10-01', user: 'leo', content: 'Leo used to live in Winnipeg as a kid.' },
      { key: 'never', at: '2022-11-01', user: 'leo', content: 'Leo has never lived in Quebec City.' },
    ],
    expectations: {
      current: [
        { query: 'Where does Leo live?', answer: 'toronto' },
        { query: "Where do Leo's parents live?", answer: 'parents' },
      ],
    },
  },
  {
    name: 'Conversation episodes are neither merged nor superseded, and supersede nothing',
    steps: [
      {
        key: 'said',
        at: '2023-01-01T10:00:00Z',
        user: 'jo',
        content: 'user: I live in Dublin',
        type: 'episode',
      },
      {
        key: 'said-again',
        at: '2023-01-01T10:05:00Z',
        user: 'jo',
        content: 'user: I live in Dublin',
        type: 'episode',
      },
      { key: 'dublin', at: '2023-01-02', user: 'jo', content: 'Jo lives in Dublin.' },
      {
        key: 'said-cork',
        at: '2024-02-01T09:00:00Z',
        user: 'jo',
        content: 'user: actually I moved to Cork last month',
        type: 'episode',
      },
      { key: 'cork', at: '2024-02-01T09:01:00Z', user: 'jo', content: 'Jo moved to Cork in January.' },
    ],
    expectations: {
      supersessions: [['dublin', 'cork']],
      current: [{ query: 'Where does Jo live?', answer: 'cork', types: ['fact'] }],
      past: [
        { query: 'Where did Jo live?', asOf: '2023-06-01T00:00:00Z', answer: 'dublin', types: ['fact'] },
      ],
    },
  },
  {
    name: 'Mia gets a third cat; her neighbour also has two cats; counts never merge',
    steps: [
      { key: 'two', at: '2021-01-01', user: 'mia', content: 'Mia has two cats.' },
      { key: 'neighbour', at: '2021-02-01', user: 'mia', content: "Mia's neighbour has two cats as well." },
      { key: 'dog', at: '2021-03-01', user: 'mia', content: 'Mia also has a dog called Biscuit.' },
      {
        key: 'three',
        at: '2022-05-01',
        user: 'mia',
        content: 'Mia adopted another cat, so she now has three cats.',
      },
    ],
    expectations: {
      mayBeSuperseded: ['two'],
      current: [
        { query: 'How many cats does Mia have?', answer: 'three' },
        { query: "What is Mia's dog called?", answer: 'dog' },
      ],
    },
  },
  {
    name: 'Ravi is restated noisily and from another source; his internship years ago changes nothing',
    steps: [
      { key: 'google', at: '2020-01-01', user: 'ravi', content: 'Ravi works at Google.' },
      { key: 'lower', at: '2020-01-05', user: 'ravi', content: 'ravi works at google' },
      { key: 'shout', at: '2020-01-09', user: 'ravi', content: 'RAVI WORKS AT GOOGLE!!' },
      {
        key: 'linkedin',
        at: '2020-02-01',
        user: 'ravi',
        content: 'Ravi works at Google.',
        source: 'linkedin',
      },
      {
        key: 'intern',
        at: '2020-03-01',
        user: 'ravi',
        content: 'Ravi worked at Microsoft as an intern in 2015.',
      },
    ],
    expectations: {
      merges: { lower: 'google', shout: 'google', linkedin: 'google' },
      current: [{ query: 'Where does Ravi work?', answer: 'google' }],
      undoMerge: 'linkedin',
    },
  },
]
