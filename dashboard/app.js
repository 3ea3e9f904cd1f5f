/** The dashboard shell: sign-in, navigation and hash routing (#/users, #/memories/:id, …). */
import { ApiError, api, clearKey, getKey, setKey } from './api.js'
import { alertBox, field, h } from './dom.js'
import { graphView } from './graph.js'
import { memoriesView } from './memories.js'
import { memoryView } from './memory.js'
import { searchView } from './search.js'
import { statusView } from './status.js'
import { usersView } from './users.js'

const main = document.getElementById('main')
const nav = document.getElementById('nav')

/** Route patterns, tried in order; each handler resolves to the view's root node. */
const ROUTES = [
  [/^\/users$/, () => usersView()],
  [/^\/users\/([^/]+)$/, (m, q) => memoriesView(decodeURIComponent(m[1]), q)],
  [/^\/memories\/([^/]+)$/, (m) => memoryView(decodeURIComponent(m[1]))],
  [/^\/search$/, (_, q) => searchView(q)],
  [/^\/graph$/, (_, q) => graphView(q)],
  [/^\/status$/, (_, q) => statusView(q)],
]

function signInView(error) {
  const key = h('input', {
    type: 'password',
    name: 'key',
    required: true,
    autocomplete: 'off',
    id: 'api-key',
  })
  const out = h('div', { class: 'out' }, error ? alertBox(error) : null)
  const button = h('button', { type: 'submit' }, 'Sign in')
  const form = h(
    'form',
    { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in'),
    h('p', {}, 'Use an API key of your tenant. It is kept in this tab only (sessionStorage).'),
    field('API key', key),
    button,
    out,
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    button.disabled = true
    out.replaceChildren(h('p', { class: 'loading' }, 'Checking the key…'))
    try {
      await api('GET', '/v1/users?limit=1', undefined, key.value.trim())
      setKey(key.value.trim())
      if (!location.hash || location.hash === '#/' || location.hash === '#') location.hash = '#/users'
      else render()
    } catch (err) {
      const message =
        err instanceof ApiError && err.status === 401
          ? new ApiError(401, 'UNAUTHORIZED', 'This API key was not accepted: check it and try again.')
          : err
      out.replaceChildren(alertBox(message))
      button.disabled = false
      key.focus()
    }
  })
  return form
}

function notFound(path) {
  return h(
    'section',
    {},
    h('h1', {}, 'Page not found'),
    alertBox(`There is no page at ${path}.`),
    h('p', {}, h('a', { href: '#/users' }, 'Go to the users')),
  )
}

function markCurrent(path) {
  for (const link of nav.querySelectorAll('a')) {
    const target = link.getAttribute('href').slice(1)
    if (path === target || path.startsWith(`${target}/`)) link.setAttribute('aria-current', 'page')
    else link.removeAttribute('aria-current')
  }
}

let renders = 0

/** Renders the view of the current hash; a failure becomes a message, never a blank page. */
export async function render() {
  const token = ++renders
  if (!getKey()) {
    nav.hidden = true
    main.replaceChildren(signInView())
    return
  }
  nav.hidden = false
  const hash = location.hash.slice(1) || '/users'
  const [path, query = ''] = hash.split('?')
  markCurrent(path)
  const params = new URLSearchParams(query)
  const match = ROUTES.map(([pattern, handler]) => [pattern.exec(path), handler]).find(([m]) => m)
  if (!match) {
    main.replaceChildren(notFound(path))
    return
  }
  main.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Loading…'))
  let view
  try {
    view = await match[1](match[0], params)
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      clearKey()
      nav.hidden = true
      view = signInView(
        new ApiError(401, 'UNAUTHORIZED', 'Your API key is no longer accepted: sign in again.'),
      )
    } else view = h('section', {}, h('h1', {}, 'Something went wrong'), alertBox(error))
  }
  if (token !== renders) return
  main.replaceChildren(view)
  const heading = main.querySelector('h1')
  if (heading) document.title = `${heading.textContent} · Adaptive Recall`
}

document.getElementById('sign-out').addEventListener('click', () => {
  clearKey()
  location.hash = ''
  render()
})
window.addEventListener('hashchange', () => {
  render().then(() => main.focus({ preventScroll: true }))
})
window.addEventListener('unhandledrejection', (event) => {
  main.prepend(alertBox(event.reason))
})
render()
