/**
 * DOM helpers. Every piece of data becomes a text node or an attribute value:
 * nothing is ever parsed as HTML, so memory content cannot inject markup.
 */

const SVG_NS = 'http://www.w3.org/2000/svg'

function setProps(el, props) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value)
    else if (key === 'text') el.textContent = String(value)
    else if (key === 'value' && 'value' in el) el.value = String(value)
    else if (key === 'checked') el.checked = Boolean(value)
    else el.setAttribute(key, value === true ? '' : String(value))
  }
}

/** Appends children: nodes as they are, strings and numbers as text, arrays flattened, null skipped. */
export function append(el, children) {
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === null || child === undefined || child === false) continue
    el.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
  return el
}

/** An HTML element: `h('a', { href: '#/users' }, 'Users')`. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag)
  setProps(el, props)
  return append(el, children)
}

/** An SVG element, same signature as `h`. */
export function s(tag, props, ...children) {
  const el = document.createElementNS(SVG_NS, tag)
  setProps(el, props)
  return append(el, children)
}

/** An error message that screen readers announce. */
export function alertBox(error) {
  const message = error instanceof Error ? error.message : String(error)
  const code = error && typeof error === 'object' && 'code' in error ? `${error.code}: ` : ''
  return h('p', { role: 'alert', class: 'error' }, code, message)
}

/** A success or progress message. */
export function notice(message) {
  return h('p', { role: 'status', class: 'notice' }, message)
}

/** A labelled form control: the label wraps its text and the control. */
export function field(label, control, hint) {
  return h(
    'label',
    { class: 'field' },
    h('span', { class: 'field-label' }, label),
    control,
    hint ? h('small', {}, hint) : null,
  )
}

/** `2024-06-01 14:03` in the viewer's time zone, or an em dash. */
export function formatDate(iso) {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return String(iso)
  const pad = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** A number with at most `digits` decimals. */
export function num(value, digits = 2) {
  return typeof value === 'number' ? String(Number(value.toFixed(digits))) : '—'
}

/** The hash link of a route with query parameters (empty ones left out). */
export function route(path, params = {}) {
  const query = new URLSearchParams(
    Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ).toString()
  return `#${path}${query ? `?${query}` : ''}`
}

/** Runs an async action from a button: disables it meanwhile and shows the outcome in `out`. */
export async function act(button, out, action) {
  button.disabled = true
  out.replaceChildren()
  try {
    const message = await action()
    if (message) out.replaceChildren(notice(message))
  } catch (error) {
    out.replaceChildren(alertBox(error))
  } finally {
    button.disabled = false
  }
}
