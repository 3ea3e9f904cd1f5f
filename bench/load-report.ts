/** One RSS sample of the server process. */
export interface RssSample {
  /** Seconds since the load started. */
  at: number
  bytes: number
}

/** What `bench:load` prints (as text, or as JSON with `--json`). */
export interface LoadReport {
  store: 'sqlite' | 'postgres'
  durationSeconds: number
  targetRate: number
  requests: number
  /** Non-2xx answers, socket errors and timeouts. */
  errors: number
  non2xx: number
  socketErrors: number
  timeouts: number
  /** Of every answered request, in ms, as the client saw it. */
  latencyMs: { p50: number; p95: number; p99: number; max: number }
  throughputPerSecond: number
  rss: {
    samples: number
    windowSeconds: number
    firstWindowMb: number
    lastWindowMb: number
    growthMb: number
    maxGrowthMb: number
  }
  /** Warn and error lines in the server's log. */
  serverWarnings: number
  ok: boolean
}

/** The value at percentile `p` (0–100) of ascending `sorted`; 0 when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

/**
 * Mean RSS of the first and of the last `window` seconds, in MB. Runs shorter than two
 * windows compare their first and last halves instead.
 */
export function rssWindows(samples: readonly RssSample[], duration: number, window = 10) {
  const span = Math.min(window, duration / 2)
  const mean = (list: readonly RssSample[]) =>
    list.length === 0 ? 0 : list.reduce((sum, s) => sum + s.bytes, 0) / list.length / 2 ** 20
  const first = mean(samples.filter((s) => s.at <= span))
  const last = mean(samples.filter((s) => s.at >= duration - span))
  return {
    windowSeconds: span,
    firstWindowMb: round(first),
    lastWindowMb: round(last),
    growthMb: round(last - first),
  }
}

export const round = (n: number) => Math.round(n * 10) / 10

/** The report as lines for a terminal. */
export function formatReport(r: LoadReport): string {
  return [
    `bench:load on ${r.store}: ${r.durationSeconds} s at ${r.targetRate} requests/s (mixed reads and writes)`,
    `  requests     ${r.requests} (${r.throughputPerSecond}/s)`,
    `  errors       ${r.errors} (non-2xx ${r.non2xx}, socket ${r.socketErrors}, timeouts ${r.timeouts})`,
    `  latency      p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms`,
    `  server RSS   first ${r.rss.windowSeconds} s ${r.rss.firstWindowMb} MB, last ${r.rss.windowSeconds} s ${r.rss.lastWindowMb} MB, growth ${r.rss.growthMb} MB (bound ${r.rss.maxGrowthMb} MB, ${r.rss.samples} samples)`,
    `  server log   ${r.serverWarnings} warn/error lines`,
    r.ok ? 'OK' : 'FAILED: errors, or RSS grew beyond the bound',
  ].join('\n')
}
