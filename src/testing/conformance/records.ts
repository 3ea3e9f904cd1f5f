import { describe, expect, it } from 'vitest'
import { historyEvent, isoAt, memoryRecord, memoryWrite } from '../fixtures.js'
import { candidateQuery, expectCode, SCOPE, type StoreHarness } from './harness.js'

/** insert, get, history, update and recordAccess. */
export function recordCases(h: StoreHarness): void {
  describe('insert and get', () => {
    it('round-trips every field of a record', async () => {
      const full = memoryWrite({
        id: 'm-full',
        agentId: 'agent-7',
        sessionId: 'session-3',
        content: "Zoë’s café ☕ is in 東京 — “quoted” 'single' \\ backslash",
        type: 'preference',
        source: 'https://example.com/chat/1',
        observedAt: isoAt(1),
        createdAt: isoAt(2),
        updatedAt: isoAt(3),
        metadata: {
          nested: { list: [1, 'two', null, true, { deep: 2.5 }] },
          'key with spaces': 'ünï',
          n: -3,
        },
        tags: ['profile', '日本', 'with space'],
        confidence: 7.5,
        status: 'superseded',
        accessCount: 3,
        lastAccessedAt: isoAt(4),
        version: 4,
      })
      const bare = memoryWrite({ id: 'm-bare' })
      await h.store.insert([full, bare])
      const got = await h.store.get(SCOPE.tenantId, ['m-full', 'm-bare'])
      expect(got.sort((a, b) => a.id.localeCompare(b.id))).toEqual([bare.record, full.record])
    })

    it('skips missing ids and answers an empty id list', async () => {
      await h.store.insert([memoryWrite({ id: 'm1' }), memoryWrite({ id: 'm2' })])
      const got = await h.store.get(SCOPE.tenantId, ['m2', 'missing', 'm1'])
      expect(got.map((r) => r.id).sort()).toEqual(['m1', 'm2'])
      expect(await h.store.get(SCOPE.tenantId, [])).toEqual([])
      expect(await h.store.get(SCOPE.tenantId, ['missing'])).toEqual([])
    })

    it('accepts an empty batch', async () => {
      await h.store.insert([])
      expect((await h.store.stats(SCOPE.tenantId)).memories).toBe(0)
    })

    it('writes nothing of a batch that holds an existing id (CONFLICT)', async () => {
      await h.store.insert([memoryWrite({ id: 'taken', content: 'first words' })])
      const before = await h.store.termCounts(SCOPE.tenantId, ['fresh', 'first'])
      const batch = [memoryWrite({ id: 'new-1', content: 'fresh words' }), memoryWrite({ id: 'taken' })]
      await expectCode(h.store.insert(batch), 'CONFLICT')
      expect(await h.store.get(SCOPE.tenantId, ['new-1'])).toEqual([])
      expect(await h.store.history(SCOPE.tenantId, 'new-1')).toEqual([])
      expect((await h.store.list({ ...SCOPE, limit: 10 })).items.map((r) => r.id)).toEqual(['taken'])
      expect(await h.store.keyword({ ...candidateQuery(), terms: ['fresh'] })).toEqual([])
      expect(await h.store.termCounts(SCOPE.tenantId, ['fresh', 'first'])).toEqual(before)
    })

    it('rejects a batch that repeats an id (CONFLICT) and writes none of it', async () => {
      await expectCode(
        h.store.insert([memoryWrite({ id: 'twice' }), memoryWrite({ id: 'twice' })]),
        'CONFLICT',
      )
      expect(await h.store.get(SCOPE.tenantId, ['twice'])).toEqual([])
    })

    it('rejects vectors of the wrong size or with non-finite numbers (INVALID_INPUT)', async () => {
      await expectCode(h.store.insert([memoryWrite({ id: 'short', vector: [1, 0, 0] })]), 'INVALID_INPUT')
      await expectCode(
        h.store.insert([memoryWrite({ id: 'nan', vector: [1, Number.NaN, 0, 0] })]),
        'INVALID_INPUT',
      )
      expect(await h.store.get(SCOPE.tenantId, ['short', 'nan'])).toEqual([])
    })
  })

  describe('history', () => {
    it('returns events oldest first, in the HistoryEvent shape', async () => {
      const created = historyEvent('m1', { id: 'e-created', at: isoAt(5) })
      const imported = historyEvent('m1', {
        id: 'e-imported',
        event: 'imported',
        at: isoAt(1),
        actor: 'importer',
        after: { content: 'x', metadata: { a: 1 }, tags: ['t'] },
        details: { file: 'dump.jsonl', line: 3 },
      })
      await h.store.insert([memoryWrite({ id: 'm1', events: [created, imported] })])
      const events = await h.store.history(SCOPE.tenantId, 'm1')
      expect(events).toEqual([imported, created])
      // Absent optional fields stay absent rather than coming back as null or undefined.
      expect(Object.keys(events[1] ?? {}).sort()).toEqual(['actor', 'at', 'event', 'id', 'memoryId'])
      expect(await h.store.history(SCOPE.tenantId, 'unknown')).toEqual([])
    })
  })

  describe('update', () => {
    it('replaces the record, vector, index and terms when the version matches', async () => {
      await h.store.insert([memoryWrite({ id: 'm1', content: 'likes oolong tea', vector: [1, 0, 0, 0] })])
      const record = memoryRecord({
        id: 'm1',
        content: 'prefers espresso now',
        version: 2,
        updatedAt: isoAt(9),
        tags: ['drinks'],
        metadata: { changed: true },
      })
      const event = historyEvent('m1', { event: 'updated', at: isoAt(9), actor: 'system' })
      await h.store.update(
        {
          record,
          vector: Float32Array.from([0, 0, 1, 0]),
          terms: ['prefers', 'espresso', 'now'],
          events: [event],
          entities: [],
          claims: [],
        },
        1,
      )
      expect(await h.store.get(SCOPE.tenantId, ['m1'])).toEqual([record])
      const query = candidateQuery()
      expect(await h.store.keyword({ ...query, terms: ['oolong'] })).toEqual([])
      expect((await h.store.keyword({ ...query, terms: ['espresso'] })).map((c) => c.id)).toEqual(['m1'])
      const [hit] = await h.store.nearest({ ...query, vector: Float32Array.from([0, 0, 1, 0]) })
      expect(hit?.id).toBe('m1')
      expect(hit?.score).toBeCloseTo(1, 5)
      const counts = await h.store.termCounts(SCOPE.tenantId, ['oolong', 'espresso'])
      expect(counts.counts.get('oolong') ?? 0).toBe(0)
      expect(counts.counts.get('espresso')).toBe(1)
      expect(counts.total).toBe(3)
      expect((await h.store.history(SCOPE.tenantId, 'm1')).at(-1)).toEqual(event)
    })

    it('refuses a stale version (CONFLICT) and keeps the stored record', async () => {
      const original = memoryWrite({ id: 'm1', version: 3 })
      await h.store.insert([original])
      const stale = memoryWrite({ id: 'm1', content: 'lost update', version: 3 })
      await expectCode(h.store.update(stale, 2), 'CONFLICT')
      expect(await h.store.get(SCOPE.tenantId, ['m1'])).toEqual([original.record])
    })

    it('reports a missing memory (NOT_FOUND)', async () => {
      await expectCode(h.store.update(memoryWrite({ id: 'ghost', version: 2 }), 1), 'NOT_FOUND')
      expect(await h.store.get(SCOPE.tenantId, ['ghost'])).toEqual([])
    })
  })

  describe('recordAccess', () => {
    it('counts each retrieval and stamps the time without changing the version', async () => {
      await h.store.insert([memoryWrite({ id: 'm1' }), memoryWrite({ id: 'm2' })])
      await h.store.recordAccess(SCOPE.tenantId, ['m1'], isoAt(10))
      const touched = await h.store.recordAccess(SCOPE.tenantId, ['m1', 'unknown'], isoAt(11))
      const byId = new Map((await h.store.get(SCOPE.tenantId, ['m1', 'm2'])).map((r) => [r.id, r]))
      expect(byId.get('m1')).toMatchObject({ accessCount: 2, lastAccessedAt: isoAt(11), version: 1 })
      expect(byId.get('m2')).toMatchObject({ accessCount: 0, lastAccessedAt: null })
      // What it returns is each found record as it now stands.
      expect(touched).toEqual([byId.get('m1')])
      expect(await h.store.recordAccess(SCOPE.tenantId, [], isoAt(12))).toEqual([])
      expect(await h.store.recordAccess('tenant-b', ['m1'], isoAt(12))).toEqual([])
    })
  })
}
