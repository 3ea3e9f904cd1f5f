/** #/graph: the entity graph around an entity or a memory, laid out in rings around the centre. */
import { api, qs } from './api.js'
import { alertBox, field, h, route, s } from './dom.js'

const SIZE = 640
const RADII = [0, 120, 215, 305]

const short = (text, n = 26) => (text.length > n ? `${text.slice(0, n - 1)}…` : text)

/** Ring index per node: its distance from the centre over the edges (capped at 2). */
function rings(graph) {
  const adjacent = new Map(graph.nodes.map((n) => [n.id, []]))
  for (const e of graph.edges) {
    adjacent.get(e.source)?.push(e.target)
    adjacent.get(e.target)?.push(e.source)
  }
  const depth = new Map([[graph.center, 0]])
  const queue = [graph.center]
  while (queue.length) {
    const id = queue.shift()
    for (const next of adjacent.get(id) ?? [])
      if (!depth.has(next)) {
        depth.set(next, depth.get(id) + 1)
        queue.push(next)
      }
  }
  return { adjacent, ring: new Map(graph.nodes.map((n) => [n.id, Math.min(depth.get(n.id) ?? 3, 3)])) }
}

/** Circular mean of angles, or Infinity when there are none (such nodes go last). */
function meanAngle(angles) {
  if (angles.length === 0) return Number.POSITIVE_INFINITY
  const x = angles.reduce((t, a) => t + Math.cos(a), 0)
  const y = angles.reduce((t, a) => t + Math.sin(a), 0)
  return (Math.atan2(y, x) + 2 * Math.PI) % (2 * Math.PI)
}

/** Positions ring by ring; each ring is ordered by the angles of its neighbours inside, so edges cross less. */
function layout(graph) {
  const { adjacent, ring } = rings(graph)
  const positions = new Map()
  const angles = new Map()
  for (const r of [0, 1, 2, 3]) {
    const members = graph.nodes.filter((n) => ring.get(n.id) === r)
    const key = new Map(
      members.map((n) => [
        n.id,
        meanAngle((adjacent.get(n.id) ?? []).filter((m) => angles.has(m)).map((m) => angles.get(m))),
      ]),
    )
    if (r > 1) members.sort((a, b) => key.get(a.id) - key.get(b.id))
    const start = r > 1 && Number.isFinite(key.get(members[0]?.id)) ? key.get(members[0].id) : 0
    members.forEach((n, i) => {
      // Half a step off the ring inside, so labels on neighbouring rings do not line up
      const step = (2 * Math.PI) / Math.max(members.length, 1)
      const angle = start + step * i + (r > 1 ? step / 2 : 0)
      if (r > 0) angles.set(n.id, angle)
      positions.set(n.id, [SIZE / 2 + RADII[r] * Math.cos(angle), SIZE / 2 + RADII[r] * Math.sin(angle)])
    })
  }
  return positions
}

/** A label beside the node, pointing away from the centre, or below it near the vertical axis. */
function placeLabel(x, y, text) {
  const dx = x - SIZE / 2
  if (Math.abs(dx) < 40) return s('text', { x, y: y + 30, 'text-anchor': 'middle' }, short(text))
  const side = dx > 0 ? 1 : -1
  return s('text', { x: x + 16 * side, y: y + 5, 'text-anchor': side > 0 ? 'start' : 'end' }, short(text))
}

/** An invisible box over the node and its label (about 8.5 units a character). */
function hitArea(x, y, text) {
  const width = short(text).length * 8.5
  const dx = x - SIZE / 2
  if (Math.abs(dx) < 40) return s('rect', { class: 'hit', x: x - width / 2, y: y - 14, width, height: 50 })
  const left = dx > 0 ? x - 14 : x - 16 - width
  return s('rect', { class: 'hit', x: left, y: y - 14, width: width + 30, height: 28 })
}

function href(node, userId) {
  return node.type === 'entity'
    ? route('/graph', { user: userId, entity: node.label })
    : route(`/memories/${node.id}`)
}

function drawing(graph, userId) {
  const at = layout(graph)
  const lines = graph.edges
    .filter((e) => at.has(e.source) && at.has(e.target))
    .map((e) => {
      const [x1, y1] = at.get(e.source)
      const [x2, y2] = at.get(e.target)
      return s('line', { x1, y1, x2, y2, class: 'edge' })
    })
  const nodes = graph.nodes.map((n) => {
    const [x, y] = at.get(n.id)
    const centre = n.id === graph.center
    const label =
      n.type === 'entity' ? `Entity ${n.label}${n.kind ? ` (${n.kind})` : ''}` : `Memory: ${n.label}`
    return s(
      'a',
      { href: href(n, userId), class: `node ${n.type}${centre ? ' centre' : ''}`, 'aria-label': label },
      s('title', {}, label),
      // One target for the shape and its label, so the whole node is clickable
      hitArea(x, y, n.label),
      n.type === 'entity'
        ? s('circle', { class: 'shape', cx: x, cy: y, r: centre ? 14 : 10 })
        : s('rect', { class: 'shape', x: x - 9, y: y - 9, width: 18, height: 18, rx: 3 }),
      placeLabel(x, y, n.label),
    )
  })
  return s(
    'svg',
    {
      viewBox: `-100 -10 ${SIZE + 200} ${SIZE + 40}`,
      class: 'graph',
      role: 'group',
      'aria-label': 'Entity graph',
    },
    lines,
    nodes,
  )
}

function nodeList(graph, userId) {
  return h(
    'ul',
    { class: 'node-list' },
    graph.nodes.map((n) =>
      h(
        'li',
        {},
        h('span', { class: 'muted' }, n.type === 'entity' ? (n.kind ?? 'entity') : 'memory'),
        ' ',
        h('a', { href: href(n, userId) }, n.label),
      ),
    ),
  )
}

/** The view: `?user=&entity=` or `?user=&memory=`. */
export async function graphView(q) {
  const user = h('input', { name: 'user', required: true, value: q.get('user') ?? '' })
  const entity = h('input', {
    name: 'entity',
    required: true,
    value: q.get('entity') ?? '',
    placeholder: 'e.g. Alice',
  })
  const form = h(
    'form',
    { class: 'card filters', 'aria-label': 'Centre the graph' },
    field('User id', user),
    field('Entity', entity),
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, 'Show graph')),
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    location.hash = route('/graph', { user: user.value.trim(), entity: entity.value.trim() })
  })
  const out = h('div', {})
  const userId = q.get('user')
  if (userId && (q.get('entity') || q.get('memory'))) {
    try {
      const graph = await api(
        'GET',
        `/v1/graph?${qs({ userId, entity: q.get('entity'), memoryId: q.get('memory') })}`,
      )
      if (graph.nodes.length === 0)
        out.append(h('p', { class: 'empty' }, 'Nothing is linked to this entity.'))
      else
        out.append(
          h(
            'p',
            { class: 'muted' },
            'Circles are entities (click to re-centre), squares are memories (click to open).',
          ),
          h('div', { class: 'graph-wrap card' }, drawing(graph, userId)),
          h('h2', {}, 'Nodes'),
          nodeList(graph, userId),
        )
    } catch (error) {
      out.append(alertBox(error))
    }
  } else out.append(h('p', {}, 'Choose a user and an entity, or open the graph from a memory.'))
  return h('section', {}, h('h1', {}, 'Entity graph'), form, out)
}
