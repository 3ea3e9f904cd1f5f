/** #/search: the search playground, with each hit's score broken down and the context block. */
import { api } from './api.js'
import { act, alertBox, field, h, num, route } from './dom.js'

/** The additive parts of a score, in bar order; their sum times the confidence multiplier is the score. */
export const PARTS = ['relevance', 'session', 'activation', 'spreading', 'claim']

/** A stacked bar: each segment's width is its part's share of `scale` (the largest sum among the hits). */
function stackedBar(breakdown, scale) {
  const bar = h('div', { class: 'stack', role: 'img' })
  const described = []
  for (const part of PARTS) {
    const value = Math.max(0, breakdown[part] ?? 0)
    described.push(`${part} ${num(value, 3)}`)
    if (value <= 0) continue
    const segment = h('span', {
      class: `seg ${part}`,
      'data-part': part,
      'data-value': String(value),
      title: `${part}: ${num(value, 3)}`,
    })
    segment.style.width = `${(value / scale) * 100}%`
    bar.append(segment)
  }
  bar.setAttribute('aria-label', `Score parts: ${described.join(', ')}`)
  return bar
}

function legend() {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    PARTS.map((p) => h('li', {}, h('span', { class: `swatch ${p}`, 'aria-hidden': 'true' }), p)),
  )
}

function hitItem(hit, scale, query) {
  const b = hit.breakdown ?? {}
  const out = h('div', { class: 'out' })
  const feedback = (useful) => {
    const button = h('button', { type: 'button', class: 'small secondary' }, useful ? 'Useful' : 'Not useful')
    button.setAttribute(
      'aria-label',
      `${useful ? 'Useful' : 'Not useful'}: ${hit.memory.content.slice(0, 60)}`,
    )
    button.addEventListener('click', () =>
      act(button, out, async () => {
        const after = await api('POST', '/v1/feedback', { memoryId: hit.memory.id, useful, query })
        return `Recorded: confidence ${num(after.confidence, 2)}.`
      }),
    )
    return button
  }
  return h(
    'li',
    { class: 'hit card' },
    h(
      'p',
      { class: 'hit-head' },
      h('a', { href: route(`/memories/${hit.memory.id}`) }, hit.memory.content),
      h('span', { class: `badge ${hit.memory.status}` }, hit.memory.status),
    ),
    stackedBar(b, scale),
    h(
      'p',
      { class: 'parts' },
      PARTS.map((p) => h('span', { 'data-part-value': p }, `${p} ${num(b[p] ?? 0, 3)}`)),
      h(
        'span',
        { class: 'multiplier', 'data-part-value': 'confidence' },
        `× confidence ${num(b.confidence ?? 1, 3)}`,
      ),
      h('strong', { class: 'score' }, `= ${num(hit.score, 3)}`),
    ),
    h(
      'p',
      { class: 'raw muted' },
      `dense ${num(b.dense ?? 0, 3)} · keyword ${num(b.keyword ?? 0, 3)} · base level ${num(b.baseLevel ?? 0, 2)}`,
    ),
    h('div', { class: 'buttons' }, feedback(true), feedback(false)),
    out,
  )
}

function results(hits, query) {
  if (hits.length === 0) return h('p', { class: 'empty' }, 'No memory matches this query.')
  const sums = hits.map((hit) => PARTS.reduce((t, p) => t + Math.max(0, hit.breakdown?.[p] ?? 0), 0))
  const scale = Math.max(...sums, 1e-9)
  return h(
    'ol',
    { class: 'hits' },
    hits.map((hit) => hitItem(hit, scale, query)),
  )
}

function contextBlock(ctx) {
  return h(
    'section',
    { class: 'card context', 'aria-labelledby': 'ctx' },
    h('h2', { id: 'ctx' }, 'Context block'),
    h(
      'p',
      {},
      h('strong', { class: 'tokens' }, `${ctx.tokens} tokens`),
      `, ${ctx.memories.length} memories: exactly what would be injected into the prompt.`,
    ),
    h('pre', { class: 'context-text', tabindex: '0', 'aria-label': 'Context text' }, ctx.text || '(empty)'),
  )
}

/** The playground; `?user=&q=` pre-fill and run it, so a query is linkable. */
export async function searchView(q) {
  const users = await api('GET', '/v1/users?limit=100').catch(() => ({ items: [] }))
  const list = h(
    'datalist',
    { id: 'user-list' },
    users.items.map((u) => h('option', { value: u.userId })),
  )
  const user = h('input', { name: 'user', required: true, list: 'user-list', value: q.get('user') ?? '' })
  const query = h('input', { name: 'q', type: 'search', required: true, value: q.get('q') ?? '' })
  const limit = h('input', { name: 'limit', type: 'number', min: 1, max: 100, value: q.get('limit') ?? '10' })
  const tokens = h('input', {
    name: 'tokens',
    type: 'number',
    min: 16,
    max: 200000,
    value: q.get('tokens') ?? '1000',
  })
  const superseded = h('input', {
    name: 'superseded',
    type: 'checkbox',
    checked: q.get('superseded') === '1',
  })
  const archived = h('input', { name: 'archived', type: 'checkbox', checked: q.get('archived') === '1' })
  const run = h('button', { type: 'submit' }, 'Search')
  const out = h('div', { class: 'out', 'aria-live': 'polite' })
  const form = h(
    'form',
    { class: 'card filters', 'aria-label': 'Search playground' },
    field('User id', user),
    field('Query', query),
    field('Results', limit),
    field('Context budget (tokens)', tokens),
    h('label', { class: 'check' }, superseded, ' include superseded'),
    h('label', { class: 'check' }, archived, ' include archived'),
    h('div', { class: 'buttons' }, run),
    list,
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    location.hash = route('/search', {
      user: user.value.trim(),
      q: query.value.trim(),
      limit: limit.value,
      tokens: tokens.value,
      superseded: superseded.checked ? '1' : '',
      archived: archived.checked ? '1' : '',
    })
  })
  if (q.get('user') && q.get('q')) {
    const common = {
      query: q.get('q'),
      userId: q.get('user'),
      recordAccess: false,
      includeSuperseded: superseded.checked,
      includeArchived: archived.checked,
    }
    try {
      const [search, ctx] = await Promise.all([
        api('POST', '/v1/search', { ...common, limit: Number(limit.value) || 10, explain: true }),
        api('POST', '/v1/context', { ...common, maxTokens: Number(tokens.value) || 1000 }),
      ])
      out.append(
        h('h2', {}, 'Ranked results'),
        h(
          'p',
          { class: 'muted' },
          'score = (relevance + session + activation + spreading + claim) × confidence',
        ),
        legend(),
        results(search.hits, q.get('q')),
        contextBlock(ctx),
      )
    } catch (error) {
      out.append(alertBox(error))
    }
  }
  return h('section', {}, h('h1', {}, 'Search playground'), form, out)
}
