/** #/users/:id: one user's memories, filtered, searched and paged by the server. */
import { api, qs } from './api.js'
import { act, field, formatDate, h, num, route } from './dom.js'
import { byCursor, paged } from './pager.js'

const STATUSES = ['active', 'superseded', 'archived']
const SIZES = ['20', '50', '100']
/** The deepest offset the search API pages to. */
const MAX_OFFSET = 900

/** The memory table; `scores` adds a score column (search results). */
export function memoryTable(records, scores) {
  if (records.length === 0) return h('p', { class: 'empty' }, 'No memories match.')
  const cols = ['Content', 'Type', 'Source', 'Observed', 'Confidence', 'Status', 'Last access']
  if (scores) cols.push('Score')
  const row = (m, i) =>
    h(
      'tr',
      {},
      h(
        'td',
        { 'data-label': 'Content', class: 'content' },
        h('a', { href: route(`/memories/${m.id}`) }, m.content),
      ),
      h('td', { 'data-label': 'Type' }, m.type),
      h('td', { 'data-label': 'Source' }, m.source ?? '—'),
      h('td', { 'data-label': 'Observed' }, formatDate(m.observedAt)),
      h('td', { 'data-label': 'Confidence' }, num(m.confidence, 1)),
      h('td', { 'data-label': 'Status' }, h('span', { class: `badge ${m.status}` }, m.status)),
      h('td', { 'data-label': 'Last access' }, formatDate(m.lastAccessedAt)),
      scores ? h('td', { 'data-label': 'Score' }, num(scores[i], 3)) : null,
    )
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data memories' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          cols.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h('tbody', {}, records.map(row)),
    ),
  )
}

function filterForm(userId, q, types) {
  const select = (name, options, value, anyLabel) =>
    h(
      'select',
      { name },
      h('option', { value: '' }, anyLabel),
      options.map((o) => h('option', { value: o, selected: o === value }, o)),
    )
  const input = (name, type, placeholder) => h('input', { name, type, value: q.get(name) ?? '', placeholder })
  const form = h(
    'form',
    { class: 'filters card', 'aria-label': 'Filter and search memories' },
    field('Search text', input('q', 'search', 'e.g. Berlin')),
    field('Status', select('status', STATUSES, q.get('status'), 'Any status')),
    field('Type', select('type', types, q.get('type'), 'Any type')),
    field('Tag', input('tag', 'text', 'e.g. work')),
    field('Observed from', input('from', 'date')),
    field('Observed to', input('to', 'date')),
    field('When', input('when', 'text', 'e.g. last week')),
    field('Per page', select('limit', SIZES, q.get('limit') ?? '20', 'Default')),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit' }, 'Apply'),
      h('a', { href: route(`/users/${encodeURIComponent(userId)}`), class: 'button secondary' }, 'Reset'),
    ),
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const data = Object.fromEntries(new FormData(form))
    location.hash = route(`/users/${encodeURIComponent(userId)}`, data)
  })
  return form
}

function filtersOf(q) {
  const filters = {}
  if (q.get('type')) filters.types = [q.get('type')]
  if (q.get('tag'))
    filters.tags = q
      .get('tag')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)
  if (q.get('from')) filters.from = q.get('from')
  if (q.get('to')) filters.to = `${q.get('to')}T23:59:59.999Z`
  if (q.get('when')) filters.when = q.get('when')
  return filters
}

function forgetSection(userId) {
  const confirm = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false' })
  const button = h('button', { type: 'submit', class: 'danger', disabled: true }, 'Forget this user')
  const out = h('div', { class: 'out' })
  confirm.addEventListener('input', () => {
    button.disabled = confirm.value !== userId
  })
  const form = h(
    'form',
    { class: 'card danger-zone', 'aria-labelledby': 'forget-title' },
    h('h2', { id: 'forget-title' }, 'Forget this user'),
    h('p', {}, 'Deletes every memory, index entry and history of this user. This cannot be undone.'),
    field(`Type the user id (${userId}) to confirm`, confirm),
    button,
    out,
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    if (confirm.value !== userId) return
    act(button, out, async () => {
      const result = await api('DELETE', `/v1/users/${encodeURIComponent(userId)}`)
      confirm.value = ''
      button.disabled = true
      return `Forgot ${userId}: ${result?.deleted ?? 0} memories deleted.`
    })
  })
  return form
}

/** Search hits one page at a time: the server ranks and pages them (`offset`). */
function searchPages(userId, q, filters, statusFilter, limit) {
  const query = q.get('q')
  return async (page) => {
    const offset = page * limit
    const { hits } = await api('POST', '/v1/search', {
      query,
      userId,
      limit,
      offset,
      filters,
      recordAccess: false,
      ...(statusFilter ? { status: statusFilter } : { includeSuperseded: true, includeArchived: true }),
    })
    const summary =
      hits.length > 0
        ? `Matches ${offset + 1}–${offset + hits.length} for “${query}”, best first.`
        : `No ${page > 0 ? 'more ' : ''}matches for “${query}”.`
    return {
      content: h(
        'div',
        {},
        h('p', { class: 'summary' }, summary),
        hits.length > 0
          ? memoryTable(
              hits.map((hit) => hit.memory),
              hits.map((hit) => hit.score),
            )
          : null,
      ),
      more: hits.length === limit && offset + limit <= MAX_OFFSET,
    }
  }
}

/** The view: search results when `q` is set, otherwise a cursor-paged list. */
export async function memoriesView(userId, q) {
  // Counts and types come beside the first page, not before it.
  const statusLoad = api('GET', `/v1/status?${qs({ userId })}`).catch(() => null)
  const filters = filtersOf(q)
  const statusFilter = q.get('status') ? [q.get('status')] : undefined
  const limit = Number(q.get('limit') || 20)
  const { body, pager } = q.get('q')
    ? await paged(searchPages(userId, q, filters, statusFilter, limit), 'Pages of matches')
    : await paged(
        byCursor(async (cursor) => {
          const data = await api('POST', '/v1/memories/list', {
            userId,
            limit,
            cursor,
            ...(statusFilter ? { status: statusFilter } : {}),
            ...(Object.keys(filters).length ? { filters } : {}),
          })
          return { content: memoryTable(data.items), nextCursor: data.nextCursor }
        }),
        'Pages of memories',
      )
  const status = await statusLoad
  const types = Object.keys(status?.byType ?? {}).sort()

  const counts = status
    ? h(
        'p',
        { class: 'counts' },
        `${status.memories} memories: ${status.byStatus.active} active, ${status.byStatus.superseded} superseded, ${status.byStatus.archived} archived.`,
      )
    : null
  const links = h(
    'p',
    { class: 'links' },
    h('a', { href: route('/search', { user: userId }) }, 'Search playground'),
    h('a', { href: route('/status', { user: userId }) }, 'Status'),
  )
  return h(
    'section',
    {},
    h('p', { class: 'crumbs' }, h('a', { href: '#/users' }, 'Users'), ' / ', userId),
    h('h1', {}, `Memories of ${userId}`),
    counts,
    links,
    filterForm(userId, q, types),
    body,
    pager,
    forgetSection(userId),
  )
}
