/** #/users: the tenant's users with memory counts by status, one page at a time. */
import { api, qs } from './api.js'
import { alertBox, h, route } from './dom.js'

const PAGE = 50

function table(items) {
  if (items.length === 0) return h('p', { class: 'empty' }, 'No users yet: add memories through the API.')
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data users' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['User', 'Active', 'Superseded', 'Archived', 'Total'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        items.map(({ userId, byStatus }) =>
          h(
            'tr',
            {},
            h(
              'td',
              { 'data-label': 'User' },
              h('a', { href: route(`/users/${encodeURIComponent(userId)}`) }, userId),
            ),
            h('td', { 'data-label': 'Active' }, byStatus.active),
            h('td', { 'data-label': 'Superseded' }, byStatus.superseded),
            h('td', { 'data-label': 'Archived' }, byStatus.archived),
            h('td', { 'data-label': 'Total' }, byStatus.active + byStatus.superseded + byStatus.archived),
          ),
        ),
      ),
    ),
  )
}

/** The users view; pages are fetched with the server's cursor, never all at once. */
export async function usersView() {
  const body = h('div', {})
  const pager = h('div', { class: 'pager' })
  const cursors = [null]
  let page = 0

  async function load() {
    const data = await api('GET', `/v1/users?${qs({ limit: PAGE, cursor: cursors[page] })}`)
    cursors[page + 1] = data.nextCursor
    body.replaceChildren(table(data.items))
    const prev = h('button', { type: 'button', disabled: page === 0 }, 'Previous page')
    const next = h('button', { type: 'button', disabled: !data.nextCursor }, 'Next page')
    const go = (delta) => {
      page += delta
      load().catch((error) => body.replaceChildren(alertBox(error)))
    }
    prev.addEventListener('click', () => go(-1))
    next.addEventListener('click', () => go(1))
    pager.replaceChildren(prev, h('span', {}, `Page ${page + 1}`), next)
  }

  await load()
  return h('section', {}, h('h1', {}, 'Users'), body, pager)
}
