/**
 * A Markdown pipe table with padded columns, so the same text reads well on a
 * terminal and renders in a Markdown viewer. Numeric-looking columns align right.
 *
 * @example markdownTable(['system', 'R@10'], [['bm25', '0.567']])
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, 3, ...rows.map((r) => (r[c] ?? '').length)))
  const numeric = header.map(
    (_, c) => rows.length > 0 && rows.every((r) => /^[-\d.]+( ?\w+)?$|^–$/.test(r[c] ?? '')),
  )
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, c) => (numeric[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join(' | ')} |`
  const rule = `|${widths.map((w, c) => (numeric[c] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

/** A score in [0, 1] with three decimals, or an en dash when there is none. */
export function score(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(3)
}

/** A duration for people: `12.3 ms` or `4.56 s`. */
export function duration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`
}

/** Rounds a figure for JSON output: four decimals are plenty and keep the output readable. */
export function round(value: number, decimals = 4): number {
  const f = 10 ** decimals
  return Math.round(value * f) / f
}
