/** A place in a queue: `ready` once every turn taken before it is `done`. */
export interface Turn {
  ready: Promise<void>
  done(): void
}

/**
 * Turns per key, in the order they are taken. Adds use it to settle one batch of a
 * tenant at a time (read what is stored, decide, write) while later batches are
 * embedded and analysed meanwhile.
 */
export function createTurns(): (key: string) => Turn {
  const last = new Map<string, Promise<void>>()
  return (key) => {
    const ready = last.get(key) ?? Promise.resolve()
    let done = () => {}
    const finished = new Promise<void>((resolve) => {
      done = resolve
    })
    const mine = ready.then(() => finished)
    last.set(key, mine)
    void mine.then(() => {
      if (last.get(key) === mine) last.delete(key)
    })
    return { ready, done }
  }
}
