import type { Command } from '../command.js'
import { formatHits } from '../format.js'

const FACTS = [
  { content: 'Alice moved to Berlin in March 2024', observedAt: '2024-03-02T10:00:00Z', tags: ['profile'] },
  { content: 'Alice works as a nurse at a children’s hospital', observedAt: '2024-03-05T09:00:00Z' },
  { content: 'Alice adopted a beagle puppy named Max', observedAt: '2024-04-11T18:30:00Z' },
  { content: 'Alice is allergic to peanuts', observedAt: '2024-05-20T12:00:00Z', tags: ['health'] },
  { content: 'Alice wants to run the Berlin marathon next year', observedAt: '2024-06-01T08:00:00Z' },
]
const QUESTIONS = [
  'Which city did Alice move to?',
  'Does Alice have a dog?',
  'What is Alice allergic to?',
  'What does Alice do for work?',
]

/**
 * What `npm start` runs until the server exists: stores a few memories for a
 * demo user and answers questions from them, on the embedded default store.
 */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Store a few memories and search them (what npm start runs)',
  usage: 'recall demo',
  options: {},
  async run(ctx) {
    const memory = await ctx.openMemory()
    const userId = 'demo-alice'
    await memory.deleteAll({ userId })
    await memory.addMany(FACTS.map((f) => ({ ...f, userId, source: 'demo' })))
    ctx.print(
      `Stored ${FACTS.length} memories for user "${userId}" in ${typeof ctx.values.store === 'string' ? 'PostgreSQL' : String(ctx.values.db)}\n`,
    )
    for (const query of QUESTIONS) {
      const hits = await memory.search({ query, userId, limit: 2 })
      ctx.print(`> ${query}\n${formatHits(hits)}\n`)
    }
    ctx.print('Try it yourself:\n  npx recall search "what does Alice do for work" --user demo-alice')
  },
}
