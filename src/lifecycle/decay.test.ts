import { describe, expect, it } from 'vitest'
import { memoryRecord } from '../testing/fixtures.js'
import { lifecycleConfig } from './config.js'
import { activationOf, activityTime, archiveDecisions } from './decay.js'

const DAY = 86_400_000
const at = (days: number) => new Date(Date.UTC(2024, 0, 1) + days * DAY)

describe('decay', () => {
  it('ages memories to the user’s last activity, not the wall clock', () => {
    const records = [
      memoryRecord({ observedAt: at(0).toISOString() }),
      memoryRecord({ observedAt: at(10).toISOString(), lastAccessedAt: at(30).toISOString() }),
    ]
    expect(activityTime(records, at(900))).toEqual(at(30))
    expect(activityTime(records, at(20))).toEqual(at(20))
  })

  it('keeps a memory used once for a year by default, and archives it after', () => {
    const config = lifecycleConfig()
    const record = memoryRecord({ observedAt: at(0).toISOString() })
    const month = activationOf(record, [], at(30), 0.5)
    const years = activationOf(record, [], at(400), 0.5)
    expect(month).toBeGreaterThan(config.decay.threshold)
    expect(years).toBeLessThan(config.decay.threshold)
  })

  it.each([
    ['expired (any type)', { expiresAt: at(5).toISOString(), type: 'reference' }, -1, 'expired'],
    ['below the threshold', {}, -20, 'decay'],
    ['an exempt type below the threshold', { type: 'reference' }, -20, null],
    ['above the threshold', {}, -1, null],
    ['expiring later', { expiresAt: at(50).toISOString() }, -1, null],
  ])('%s', (_label, fields, activation, rule) => {
    const decisions = archiveDecisions(
      [{ record: memoryRecord(fields), activation }],
      lifecycleConfig(),
      at(10),
    )
    expect(decisions.map((d) => d.rule)).toEqual(rule ? [rule] : [])
  })

  it('over a cap, archives the lowest activation first and never an exempt type', () => {
    const items = [
      { record: memoryRecord({ id: 'low' }), activation: -5 },
      { record: memoryRecord({ id: 'ref', type: 'reference' }), activation: -6 },
      { record: memoryRecord({ id: 'high' }), activation: -1 },
      { record: memoryRecord({ id: 'mid' }), activation: -3 },
    ]
    const decisions = archiveDecisions(items, lifecycleConfig({ maxActivePerUser: 2 }), at(0))
    expect(decisions.map((d) => [d.memoryId, d.rule])).toEqual([
      ['low', 'cap'],
      ['mid', 'cap'],
    ])
  })
})
