/** Bar charts drawn with the DOM: sizes set through CSSOM, which the CSP allows. */
import { h } from './dom.js'

/** Horizontal bars, widths relative to the largest value. */
export function barChart(title, entries, cls = '') {
  const max = Math.max(1, ...entries.map(([, v]) => v))
  return h(
    'figure',
    { class: `chart card ${cls}` },
    h('figcaption', {}, title),
    h(
      'ul',
      { class: 'bars' },
      entries.map(([label, value]) => {
        const fill = h('span', { class: `fill ${label}`, 'data-value': String(value) })
        fill.style.width = `${(value / max) * 100}%`
        return h(
          'li',
          {},
          h('span', { class: 'bar-label' }, label),
          h('span', { class: 'track', 'aria-hidden': 'true' }, fill),
          h('span', { class: 'bar-value' }, value),
        )
      }),
    ),
  )
}

/**
 * A histogram: one column per bucket along an axis, heights relative to the largest
 * count. `buckets` are `{ label, name, value }`: `label` under the column, `name` read
 * out in full ("0.3 to 0.4"). The note explains the scale.
 */
export function histogram(title, note, buckets, cls = '') {
  const max = Math.max(1, ...buckets.map((b) => b.value))
  return h(
    'figure',
    { class: `chart card histogram ${cls}` },
    h('figcaption', {}, title),
    h(
      'ul',
      { class: 'histogram-columns' },
      buckets.map(({ label, name, value }) => {
        const fill = h('span', { class: 'column-fill', 'data-value': String(value) })
        fill.style.height = `${(value / max) * 100}%`
        return h(
          'li',
          { 'aria-label': `${name}: ${value}` },
          h('span', { class: 'column-value', 'aria-hidden': 'true' }, value),
          h('span', { class: 'column-track', 'aria-hidden': 'true' }, fill),
          h('span', { class: 'column-label', 'aria-hidden': 'true' }, label),
        )
      }),
    ),
    h('p', { class: 'chart-note' }, note),
  )
}
