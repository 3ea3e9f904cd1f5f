/**
 * HTML elements, by name. Only a tag naming one of them is markup: `<Alice> hi` in a chat
 * log, or `3 < 5 > 2`, stays as written.
 */
const ELEMENTS = new Set(
  (
    'a abbr address area article aside audio b base bdi bdo big blockquote body br button canvas ' +
    'caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt em ' +
    'embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr ' +
    'html i iframe img input ins kbd label legend li link main map mark menu meta meter nav ' +
    'noscript object ol optgroup option output p picture pre progress q rp rt ruby s samp script ' +
    'section select slot small source span strike strong style sub summary sup svg table tbody ' +
    'td template textarea tfoot th thead time title tr track tt u ul var video wbr'
  ).split(' '),
)

/** Elements that start a new line when shown: a break between the words on either side. */
const BLOCKS = new Set(
  (
    'address article aside blockquote body br caption dd details dialog div dl dt fieldset ' +
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main nav ol p pre ' +
    'section summary table tbody td tfoot th thead title tr ul'
  ).split(' '),
)

// An attribute value may hold `>` inside quotes.
const ATTRIBUTES = `(?:\\s(?:[^<>"']|"[^"]*"|'[^']*')*)?`
/** Code and styling, never prose: the element with everything inside, when it is closed. */
const HIDDEN = new RegExp(`<(script|style|template)\\b${ATTRIBUTES}>[\\s\\S]*?</\\1\\s*>`, 'gi')
const COMMENT = /<!--[\s\S]*?-->/g
const TAG = new RegExp(`</?([A-Za-z][A-Za-z0-9]*)${ATTRIBUTES}/?>`, 'g')
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/g
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

function character(code: number): string {
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ' '
}

/**
 * The text a browser would show for content that holds HTML: comments, scripts and
 * styles dropped, tags of HTML elements removed (a block element such as `<p>` or `<br>`
 * becomes a line break, so the words on either side stay apart), and character
 * references (`&amp;`, `&#39;`) decoded. Text without markup comes back unchanged.
 * For reading content, e.g. to extract entities; stored content is never changed.
 *
 * @example
 * stripMarkup('Lunch <b>at noon</b><script>track()</script> with Mel &amp; Tom')
 * // 'Lunch at noon with Mel & Tom'
 */
export function stripMarkup(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text
  return text
    .replace(COMMENT, '')
    .replace(HIDDEN, '')
    .replace(TAG, (tag, name: string) => {
      const element = name.toLowerCase()
      if (!ELEMENTS.has(element)) return tag
      return BLOCKS.has(element) ? '\n' : ''
    })
    .replace(REFERENCE, (_ref, decimal?: string, hex?: string, named?: string) => {
      if (named) return NAMED[named] as string
      return character(decimal ? Number(decimal) : Number.parseInt(hex as string, 16))
    })
}
