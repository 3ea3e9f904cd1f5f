import { randomFillSync } from 'node:crypto'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A UUIDv7: time-ordered, so ids sort by creation and index pages stay warm.
 * Sub-millisecond order is random, which is all callers need.
 */
export function newId(now: number = Date.now()): string {
  const bytes = randomSixteen()
  bytes.writeUIntBE(now, 0, 6)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

// Random bytes drawn a page at a time: one call into the generator per id cost more
// than the rest of making the id (3% of a bulk add's time).
const pool = Buffer.alloc(4096)
let used = pool.length

function randomSixteen(): Buffer {
  if (used + 16 > pool.length) {
    randomFillSync(pool)
    used = 0
  }
  const bytes = Buffer.from(pool.subarray(used, used + 16))
  used += 16
  return bytes
}

/** True for any RFC 4122 shaped id (the only shape a memory or event id can have). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}
