import { describe, expect, it } from 'vitest'
import { MemoryError } from '../../errors.js'
import { parseStoreUrl } from './url.js'

describe('parseStoreUrl', () => {
  it.each([
    ['postgres://app@db:5432/recall', { connectionString: 'postgres://app@db:5432/recall' }],
    [
      'postgresql://app:pw@db/recall?schema=tenant_a',
      { connectionString: 'postgresql://app:pw@db/recall', schema: 'tenant_a' },
    ],
    [
      'postgres://db/recall?sslmode=require&schema=s1',
      { connectionString: 'postgres://db/recall?sslmode=require', schema: 's1' },
    ],
    [
      'postgres://db/recall?prepare=false&schema=s1',
      { connectionString: 'postgres://db/recall', schema: 's1', preparedStatements: false },
    ],
    ['postgres://db/recall?prepare=true', { connectionString: 'postgres://db/recall' }],
  ])('%s', (url, expected) => {
    expect(parseStoreUrl(url)).toEqual(expected)
  })

  it('rejects a prepare other than true or false', () => {
    expect(() => parseStoreUrl('postgres://db/recall?prepare=no')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    )
  })

  it.each(['not a url', 'mysql://root:secret@db/recall', '/var/lib/recall.db'])(
    'rejects %s as INVALID_INPUT without echoing it',
    (url) => {
      const error = (() => {
        try {
          parseStoreUrl(url)
        } catch (e) {
          return e
        }
        return undefined
      })()
      expect(MemoryError.is(error) && error.code).toBe('INVALID_INPUT')
      expect((error as Error).message).toMatch(/postgres:\/\//)
      expect((error as Error).message).not.toContain('secret')
    },
  )
})
