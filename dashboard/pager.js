/** Previous / Next paging over pages the server serves one at a time, never all at once. */
import { alertBox, h } from './dom.js'

/**
 * Adapts a cursor API to `paged`: `fetch(cursor)` resolves to `{ content, nextCursor }`,
 * and the cursors of pages already seen are kept so Previous can go back.
 */
export function byCursor(fetch) {
  const cursors = [null]
  return async (page) => {
    const { content, nextCursor } = await fetch(cursors[page])
    cursors[page + 1] = nextCursor
    return { content, more: Boolean(nextCursor) }
  }
}

/**
 * Loads the first page and returns `{ body, pager }`: the page's content and its
 * Previous / Next buttons. `fetchPage(page)` (0-based) resolves to `{ content, more }`,
 * `more` saying whether a next page may exist. A failed page shows as an alert in the
 * body; keyboard focus stays on the pager when a button it was on becomes disabled.
 */
export async function paged(fetchPage, label = 'Pages') {
  const body = h('div', { 'aria-live': 'polite' })
  const pager = h('nav', { class: 'pager', 'aria-label': label })
  let page = 0

  async function show(focus) {
    const { content, more } = await fetchPage(page)
    body.replaceChildren(content)
    const prev = h('button', { type: 'button', disabled: page === 0 }, 'Previous page')
    const next = h('button', { type: 'button', disabled: !more }, 'Next page')
    const go = (delta, which) => {
      page += delta
      show(which).catch((error) => body.replaceChildren(alertBox(error)))
    }
    prev.addEventListener('click', () => go(-1, 'prev'))
    next.addEventListener('click', () => go(1, 'next'))
    pager.replaceChildren(prev, h('span', {}, `Page ${page + 1}`), next)
    if (focus) {
      const [wanted, other] = focus === 'next' ? [next, prev] : [prev, next]
      ;(wanted.disabled ? other : wanted).focus()
    }
  }

  await show(null)
  return { body, pager }
}
