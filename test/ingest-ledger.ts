/**
 * What the crash-safety test learned from the acknowledgements of every child so far, read
 * from the lines `test/fixtures/ingest-child.ts` prints.
 */
export class Ledger {
  /** Acknowledged, not deleted: id -> its unique token. */
  readonly live = new Map<string, string>()
  /** Acknowledged since the last check: to be found by search, not only by id. */
  readonly unsearched = new Set<string>()
  /** How many adds were acknowledged. */
  adds = 0
  readonly deleted = new Set<string>()
  /** Ids whose deletion began but was not acknowledged: either outcome is right. */
  readonly uncertain = new Set<string>()
  /** Acknowledged conversations by `round n`. */
  readonly conversations = new Map<string, Conversation>()
  /** Acknowledged since the last check: their facts are to be found by search. */
  readonly unsearchedConversations = new Set<Conversation>()
  /** Conversations begun and never acknowledged, to send again. */
  readonly unanswered = new Map<string, [number, number]>()

  read(lines: readonly string[]): void {
    const acknowledge = (id: string, token: string) => {
      this.live.set(id, token)
      this.unsearched.add(id)
      this.adds++
    }
    for (const line of lines) {
      const [kind, ...rest] = line.split(' ')
      if (kind === 'add') acknowledge(rest[0] as string, rest[1] as string)
      else if (kind === 'many')
        for (const pair of (rest[0] as string).split(',')) {
          const [id, token] = pair.split(':') as [string, string]
          acknowledge(id, token)
        }
      else if (kind === 'begin' && rest[0] === 'conv')
        this.unanswered.set(`${rest[1]} ${rest[2]}`, [Number(rest[1]), Number(rest[2])])
      else if (kind === 'begin' && rest[0] === 'del') this.uncertain.add(rest[1] as string)
      else if (kind === 'del') {
        const id = rest[0] as string
        this.uncertain.delete(id)
        this.live.delete(id)
        this.unsearched.delete(id)
        this.deleted.add(id)
      } else if (kind === 'conv') {
        const [r, n, jobId, ids] = rest as [string, string, string, string]
        this.unanswered.delete(`${r} ${n}`)
        const conversation = { round: Number(r), n: Number(n), jobId, episodes: ids.split(',') }
        this.conversations.set(`${r} ${n}`, conversation)
        this.unsearchedConversations.add(conversation)
      }
    }
    for (const id of this.uncertain) {
      this.live.delete(id)
      this.unsearched.delete(id)
    }
  }
}

export interface Conversation {
  round: number
  n: number
  jobId: string
  episodes: string[]
}
