/** #/users: the tenant's users with memory counts by status, one page at a time. */
import { api, qs } from './api.js'
import { h, route } from './dom.js'
import { byCursor, paged } from './pager.js'

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
  const { body, pager } = await paged(
    byCursor(async (cursor) => {
      const data = await api('GET', `/v1/users?${qs({ limit: PAGE, cursor })}`)
      return { content: table(data.items), nextCursor: data.nextCursor }
    }),
    'Pages of users',
  )
  return h('section', {}, h('h1', {}, 'Users'), body, pager)
}
