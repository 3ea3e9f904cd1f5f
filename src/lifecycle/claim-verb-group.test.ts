import { describe, expect, it } from 'vitest'
import { beVerdict, changeVerdict, parseVerbGroup, stateVerdict } from './claim-verb-group.js'

/** The verdict for the verb that opens the rest, as the predicate rules compute it. */
function verdicts(text: string) {
  const g = parseVerbGroup(text)
  const verb = /^\S+/.exec(g.rest)?.[0] ?? ''
  return {
    state: stateVerdict(verb, g),
    change: changeVerdict(verb, g, false),
    be: beVerdict(g),
    rest: g.rest,
  }
}

describe('parseVerbGroup and verdicts', () => {
  it.each([
    ['live in Paris', { state: 1, rest: 'live in Paris' }],
    ['lives in Paris', { state: 1 }],
    ['do not live in Paris', { state: -1 }],
    ['no longer live in Paris', { state: -1 }],
    ['have been living in Paris', { state: 1, rest: 'living in Paris' }],
    ['have lived in Paris', { state: 1 }],
    ['have never lived in Paris', { state: -1 }],
    ['lived in Paris', { state: null }],
    ['did not live in Paris', { state: null }],
    ['used to live in Paris', { state: -1 }],
    ['want to live in Paris', { state: null }],
    ['would love to live in Paris', { state: null }],
    ['stopped working at Google', { state: -1, rest: 'working at Google' }],
    ['started working at Google', { state: 1 }],
    ['moved to Berlin', { change: 1 }],
    ['have just moved to Berlin', { change: 1 }],
    ['am moving to Berlin', { change: null }],
    ['did not move to Berlin', { change: null }],
    ['will move to Berlin', { change: null }],
    ['am a nurse', { be: 1, rest: 'a nurse' }],
    ['am not a nurse', { be: -1 }],
    ['have been a nurse', { be: 1 }],
    ['was a nurse', { be: null }],
    ['used to be a nurse', { be: -1 }],
    ['have a dog', { state: 1, rest: 'have a dog' }],
  ] as const)('%s', (text, want) => {
    expect(verdicts(text)).toMatchObject(want)
  })
})
