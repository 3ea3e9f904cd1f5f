const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

interface Histogram {
  counts: number[]
  sum: number
  count: number
}

const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')

/** Request counts and latency histograms per route, in the Prometheus text format. */
export function createMetrics() {
  const requests = new Map<string, number>()
  const latency = new Map<string, Histogram>()
  return {
    /** Records one finished request; `route` is the pattern, never the raw path. */
    observe(method: string, route: string, status: number, seconds: number): void {
      const key = `method="${label(method)}",route="${label(route)}",status="${status}"`
      requests.set(key, (requests.get(key) ?? 0) + 1)
      const hKey = `method="${label(method)}",route="${label(route)}"`
      const h = latency.get(hKey) ?? { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }
      BUCKETS.forEach((bound, i) => {
        if (seconds <= bound) h.counts[i] = (h.counts[i] ?? 0) + 1
      })
      h.sum += seconds
      h.count += 1
      latency.set(hKey, h)
    },
    /** The text exposition, with extra gauges appended. */
    render(gauges: { name: string; help: string; value: number }[]): string {
      const lines = [
        '# HELP recall_http_requests_total HTTP requests by method, route and status.',
        '# TYPE recall_http_requests_total counter',
      ]
      for (const [key, n] of requests) lines.push(`recall_http_requests_total{${key}} ${n}`)
      lines.push(
        '# HELP recall_http_request_duration_seconds HTTP request latency by method and route.',
        '# TYPE recall_http_request_duration_seconds histogram',
      )
      for (const [key, h] of latency) {
        BUCKETS.forEach((bound, i) => {
          lines.push(`recall_http_request_duration_seconds_bucket{${key},le="${bound}"} ${h.counts[i]}`)
        })
        lines.push(`recall_http_request_duration_seconds_bucket{${key},le="+Inf"} ${h.count}`)
        lines.push(`recall_http_request_duration_seconds_sum{${key}} ${h.sum}`)
        lines.push(`recall_http_request_duration_seconds_count{${key}} ${h.count}`)
      }
      for (const g of gauges)
        lines.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`, `${g.name} ${g.value}`)
      return `${lines.join('\n')}\n`
    },
  }
}
