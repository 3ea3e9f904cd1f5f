/** #/memories/:id: one memory with provenance, entities, history and actions. */
import { api, qs } from './api.js'
import { act, alertBox, field, formatDate, h, num, route } from './dom.js'
import { historyTimeline } from './history.js'

const reload = () => window.dispatchEvent(new HashChangeEvent('hashchange'))

function facts(m) {
  const rows = [
    ['Id', h('code', {}, m.id)],
    ['User', h('a', { href: route(`/users/${encodeURIComponent(m.userId)}`) }, m.userId)],
    ['Type', m.type],
    ['Status', h('span', { class: `badge ${m.status}` }, m.status)],
    ['Confidence', `${num(m.confidence, 2)} / 10`],
    ['Corroborations', m.corroborations],
    ['Observed', formatDate(m.observedAt)],
    ['Last access', `${formatDate(m.lastAccessedAt)} (${m.accessCount} accesses)`],
    ['Tags', m.tags.length ? m.tags.join(', ') : '—'],
    ['Session', m.sessionId ?? '—'],
  ]
  if (m.supersededBy)
    rows.push(['Superseded by', h('a', { href: route(`/memories/${m.supersededBy}`) }, m.supersededBy)])
  if (m.validTo) rows.push(['Valid until', formatDate(m.validTo)])
  if (m.expiresAt) rows.push(['Expires', formatDate(m.expiresAt)])
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  )
}

async function provenance(m) {
  const ids = m.metadata?.provenance?.messageIds
  const items = []
  items.push(h('p', {}, 'Source: ', m.source ?? '—'))
  if (typeof m.metadata?.provenance?.extractor === 'string')
    items.push(h('p', {}, 'Extracted by: ', m.metadata.provenance.extractor))
  if (Array.isArray(ids) && ids.length > 0) {
    const messages = await Promise.all(
      ids.slice(0, 20).map((id) => api('GET', `/v1/memories/${encodeURIComponent(id)}`).catch(() => null)),
    )
    items.push(
      h('p', {}, 'From the messages:'),
      h(
        'ul',
        { class: 'messages' },
        ids
          .slice(0, 20)
          .map((id, i) =>
            h(
              'li',
              {},
              h(
                'a',
                { href: route(`/memories/${id}`) },
                messages[i]?.content ?? `message ${id} (no longer stored)`,
              ),
            ),
          ),
      ),
    )
  }
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'prov' },
    h('h2', { id: 'prov' }, 'Provenance'),
    items,
  )
}

async function entities(m) {
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'ents' },
    h('h2', { id: 'ents' }, 'Entities'),
  )
  try {
    const graph = await api('GET', `/v1/graph?${qs({ userId: m.userId, memoryId: m.id })}`)
    const linked = new Set(graph.edges.filter((e) => e.source === m.id).map((e) => e.target))
    const list = graph.nodes.filter((n) => n.type === 'entity' && linked.has(n.id))
    if (list.length === 0) section.append(h('p', { class: 'empty' }, 'No entities found in this memory.'))
    else
      section.append(
        h(
          'ul',
          { class: 'chips' },
          list.map((n) =>
            h(
              'li',
              {},
              h('a', { href: route('/graph', { user: m.userId, entity: n.label }) }, n.label),
              n.kind ? h('span', { class: 'muted' }, ` ${n.kind}`) : null,
            ),
          ),
        ),
        h(
          'p',
          {},
          h('a', { href: route('/graph', { user: m.userId, memory: m.id }) }, 'Open the entity graph'),
        ),
      )
  } catch (error) {
    section.append(alertBox(error))
  }
  return section
}

function actions(m) {
  const out = h('div', { class: 'out' })
  const button = (label, cls, onClick, extra = {}) => {
    const b = h('button', { type: 'button', class: cls, ...extra }, label)
    b.addEventListener('click', () => act(b, out, () => onClick(b)))
    return b
  }
  const useful = button('Mark useful', 'secondary', async () => {
    const after = await api('POST', '/v1/feedback', { memoryId: m.id, useful: true })
    reload()
    return `Thanks: confidence is now ${num(after.confidence, 2)}.`
  })
  const notUseful = button('Mark not useful', 'secondary', async () => {
    const after = await api('POST', '/v1/feedback', { memoryId: m.id, useful: false })
    reload()
    return `Noted: confidence is now ${num(after.confidence, 2)}.`
  })
  const restore =
    m.status === 'active'
      ? null
      : button('Restore', '', async () => {
          await api('POST', `/v1/memories/${m.id}/restore`)
          reload()
          return 'Restored to active.'
        })
  let armed = false
  const del = button('Delete', 'danger', async (b) => {
    if (!armed) {
      armed = true
      b.textContent = 'Confirm delete'
      return 'Press “Confirm delete” to delete this memory. Its history keeps a tombstone.'
    }
    await api('DELETE', `/v1/memories/${m.id}`)
    location.hash = route(`/users/${encodeURIComponent(m.userId)}`)
    return 'Deleted.'
  })
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'acts' },
    h('h2', { id: 'acts' }, 'Actions'),
    h('div', { class: 'buttons' }, useful, notUseful, restore, del),
    out,
  )
}

function editForm(m) {
  const content = h('textarea', { name: 'content', rows: 4, required: true })
  content.value = m.content
  const tags = h('input', { name: 'tags', type: 'text', value: m.tags.join(', ') })
  const save = h('button', { type: 'submit' }, 'Save changes')
  const out = h('div', { class: 'out' })
  const form = h(
    'form',
    { class: 'card edit', 'aria-labelledby': 'edit' },
    h('h2', { id: 'edit' }, 'Edit'),
    field('Content', content),
    field('Tags', tags, 'Comma-separated'),
    save,
    out,
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    act(save, out, async () => {
      const list = tags.value
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
      await api('PATCH', `/v1/memories/${m.id}`, { content: content.value, tags: list })
      reload()
      return 'Saved. The previous version is in the history.'
    })
  })
  return form
}

/** The detail view. */
export async function memoryView(id) {
  const [m, { events }] = await Promise.all([
    api('GET', `/v1/memories/${encodeURIComponent(id)}`),
    api('GET', `/v1/memories/${encodeURIComponent(id)}/history`),
  ])
  const [prov, ents] = await Promise.all([provenance(m), entities(m)])
  return h(
    'section',
    { class: 'detail' },
    h(
      'p',
      { class: 'crumbs' },
      h('a', { href: '#/users' }, 'Users'),
      ' / ',
      h('a', { href: route(`/users/${encodeURIComponent(m.userId)}`) }, m.userId),
      ' / memory',
    ),
    h('h1', {}, 'Memory'),
    h('blockquote', { class: 'memory-content' }, m.content),
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'about' },
        h('h2', { id: 'about' }, 'About'),
        facts(m),
      ),
      prov,
      ents,
    ),
    actions(m),
    editForm(m),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'hist' },
      h('h2', { id: 'hist' }, 'History'),
      historyTimeline(events, reload),
    ),
  )
}
