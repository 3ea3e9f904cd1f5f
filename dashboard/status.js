/** #/status: counts, distributions as bar charts, the last consolidation and "Consolidate now". */
import { api, qs } from './api.js'
import { barChart, histogram } from './charts.js'
import { act, field, formatDate, h, notice, num, route } from './dom.js'

const BUCKETS = ['0–2', '2–4', '4–6', '6–8', '8–10']

/** Ten tenths of normalised activation, as the status API counts them. */
function activationChart(counts) {
  const tenth = (i) => (i === 0 ? '0' : i === 10 ? '1' : `0.${i}`)
  return histogram(
    'Activation of active memories now (0 = untouched for years, 1 = used seconds ago)',
    'Base-level activation as ranking computes it, from when each memory was observed and every time it was retrieved. ' +
      'Each column holds a tenth: 0.3 is from 0.3 to 0.4. With the default decay, 0.5 is a memory seen once, ' +
      'about 6 hours ago, and 0.2 one seen once about 3 months ago.',
    counts.map((value, i) => ({ label: tenth(i), name: `${tenth(i)} to ${tenth(i + 1)}`, value })),
    'activation',
  )
}

function report(r) {
  if (!r) return h('p', { class: 'empty' }, 'No consolidation has run yet.')
  const counts = [
    ['Users', r.users],
    ['Scanned', r.scanned],
    ['Merged', r.merged],
    ['Superseded', r.superseded],
    ['Archived', r.archived],
    ['Expired', r.expired],
  ]
  const decisions = Array.isArray(r.decisions) ? r.decisions.slice(0, 50) : []
  return h(
    'div',
    { class: 'report' },
    h(
      'p',
      {},
      r.dryRun ? 'Dry run (nothing changed), ' : '',
      `${formatDate(r.startedAt)} → ${formatDate(r.finishedAt)}`,
    ),
    h(
      'dl',
      { class: 'facts' },
      counts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? 0)]),
    ),
    decisions.length
      ? h(
          'ul',
          { class: 'decisions' },
          decisions.map((d) =>
            h(
              'li',
              {},
              `${d.action} (${d.rule}${typeof d.activation === 'number' ? `, activation ${num(d.activation, 2)}` : ''}): `,
              h('a', { href: route(`/memories/${d.memoryId}`) }, d.memoryId),
              d.otherId ? [' → ', h('a', { href: route(`/memories/${d.otherId}`) }, d.otherId)] : null,
            ),
          ),
        )
      : null,
    r.truncated ? h('p', { class: 'muted' }, 'More decisions were left out.') : null,
  )
}

/** Consolidate now, or a dry run; after a real run, `changed()` refreshes the counts above. */
function consolidate(userId, changed) {
  const out = h('div', { class: 'out', 'aria-live': 'polite' })
  const run = (dryRun) => {
    const b = h(
      'button',
      { type: 'button', class: dryRun ? 'secondary' : '' },
      dryRun ? 'Dry run' : 'Consolidate now',
    )
    b.addEventListener('click', () =>
      act(b, out, async () => {
        const r = await api('POST', '/v1/consolidate', { ...(userId ? { userId } : {}), dryRun })
        if (!dryRun) await changed()
        out.append(
          notice(dryRun ? 'Dry run finished: nothing was changed.' : 'Consolidation finished.'),
          report(r),
        )
      }),
    )
    return b
  }
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'cons' },
    h('h2', { id: 'cons' }, `Consolidate ${userId ? userId : 'every user'}`),
    h('p', {}, 'Merges restatements, supersedes contradicted facts, archives expired and decayed memories.'),
    h('div', { class: 'buttons' }, run(true), run(false)),
    out,
  )
}

/** Counts, distributions and the last consolidation, from one status report. */
function overview(st) {
  const tiles = [
    ['Memories', st.memories],
    ['Users', st.users],
    ['Corroborated', st.corroborated],
    ['Store size', `${num((st.sizeBytes ?? 0) / 1048576, 1)} MiB`],
  ]
  return h(
    'div',
    { class: 'overview' },
    h(
      'ul',
      { class: 'tiles' },
      tiles.map(([k, v]) =>
        h('li', { class: 'card' }, h('span', { class: 'tile-value' }, v), h('span', {}, k)),
      ),
    ),
    h(
      'div',
      { class: 'charts' },
      barChart('Memories by status', Object.entries(st.byStatus ?? {}), 'status'),
      barChart('Memories by type', Object.entries(st.byType ?? {})),
      barChart(
        'Confidence distribution (active memories, 0–10)',
        (st.confidence ?? []).map((v, i) => [BUCKETS[i] ?? String(i), v]),
      ),
      activationChart(st.activation ?? []),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'last' },
      h('h2', { id: 'last' }, 'Last consolidation'),
      report(st.lastConsolidation),
    ),
  )
}

/** The view; `?user=` narrows it to one user. */
export async function statusView(q) {
  const userId = q.get('user') || undefined
  const load = () => api('GET', `/v1/status?${qs({ userId })}`)
  let shown = overview(await load())
  const user = h('input', { name: 'user', value: userId ?? '', placeholder: 'every user' })
  const form = h(
    'form',
    { class: 'card filters', 'aria-label': 'Choose a user' },
    field('User id', user, 'Leave empty for the whole tenant'),
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, 'Show')),
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    location.hash = route('/status', { user: user.value.trim() })
  })
  const refresh = async () => {
    const next = overview(await load())
    shown.replaceWith(next)
    shown = next
  }
  return h(
    'section',
    {},
    h('h1', {}, userId ? `Status of ${userId}` : 'Status'),
    form,
    shown,
    consolidate(userId, refresh),
  )
}
