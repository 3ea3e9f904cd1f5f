/**
 * Key → slot. Keys are row ids or counters, small and dense: a typed array indexed by key
 * holds a million of them in 4 MB where a Map took some 60; larger keys go to a Map.
 */
export function createKeyMap() {
  const DENSE_BELOW = 1 << 24
  let dense = new Int32Array(1024).fill(-1)
  const sparse = new Map<number, number>()
  let count = 0
  const isDense = (key: number) => Number.isInteger(key) && key >= 0 && key < DENSE_BELOW
  return {
    get size() {
      return count
    },
    get(key: number): number | undefined {
      if (!isDense(key)) return sparse.get(key)
      const slot = key < dense.length ? (dense[key] as number) : -1
      return slot < 0 ? undefined : slot
    },
    has(key: number): boolean {
      return this.get(key) !== undefined
    },
    set(key: number, slot: number): void {
      if (!isDense(key)) {
        if (!sparse.has(key)) count++
        sparse.set(key, slot)
        return
      }
      if (key >= dense.length) {
        const grown = new Int32Array(Math.min(DENSE_BELOW, Math.max(key + 1, dense.length * 2))).fill(-1)
        grown.set(dense)
        dense = grown
      }
      if ((dense[key] as number) < 0) count++
      dense[key] = slot
    },
    delete(key: number): void {
      if (!isDense(key)) {
        if (sparse.delete(key)) count--
        return
      }
      if (key < dense.length && (dense[key] as number) >= 0) {
        dense[key] = -1
        count--
      }
    },
  }
}
