import type { ContextFormat } from '../src/context/render-context.js'

/** One memory as a strict reader of a context block sees it. */
export interface BlockMemory {
  id: string
  date: string
  source: string | null
  content: string
}

/** A context block, read strictly: its preamble and its memories. */
export interface ParsedBlock {
  preamble: string
  memories: BlockMemory[]
}

// A tame label (see `label` in render-context.ts) or a JSON string literal.
const LABEL = String.raw`(?:[\p{L}\p{N} _.:/@#+-]{1,200}|"(?:[^"\\]|\\.)*")`
const DATE = String.raw`(?:\d{4}-\d{2}-\d{2}|unknown)`
const MARKDOWN_ITEM = new RegExp(
  String.raw`^- id: (${LABEL}) \| date: (${DATE})(?: \| source: (${LABEL}))? \| text: ("(?:[^"\\]|\\.)*")$`,
  'u',
)
const XML_ATTR = String.raw`"((?:[^"<>&]|&(?:amp|lt|gt|quot|apos|#\d+);)*)"`
const XML_ITEM = new RegExp(
  String.raw`^<memory id=${XML_ATTR} date="(${DATE})"(?: source=${XML_ATTR})?>((?:[^<>&]|&(?:amp|lt|gt|quot|apos|#\d+);)*)</memory>$`,
  'u',
)
// Characters some readers take as line breaks: none may appear raw in a block.
// biome-ignore lint/suspicious/noControlCharactersInRegex: vertical tab and form feed are among them.
const BREAKS = /[\r\u0085\u2028\u2029\u000b\u000c]/

const unlabel = (text: string): string => (text.startsWith('"') ? (JSON.parse(text) as string) : text)

const unescapeXml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_, e: string) =>
    e.startsWith('#')
      ? String.fromCodePoint(Number(e.slice(1)))
      : (({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] as string),
  )

function fail(format: ContextFormat, why: string, text: string): never {
  throw new Error(`not a well-formed ${format} context block (${why}):\n${text}`)
}

/**
 * Reads a context block the way a strict consumer would, and throws unless the whole
 * text is exactly a preamble line and memory items in the format's grammar: nothing
 * before, between or after them. Memory text comes back unescaped.
 */
export function parseContextBlock(format: ContextFormat, text: string): ParsedBlock {
  if (BREAKS.test(text)) fail(format, 'a raw line-breaking character', text)
  if (format === 'json') {
    const doc = JSON.parse(text) as { note: string; memories: Record<string, unknown>[] }
    if (Object.keys(doc).join() !== 'note,memories') fail(format, 'unexpected keys', text)
    const memories = doc.memories.map((m) => {
      if (Object.keys(m).join() !== 'id,date,source,content') fail(format, 'unexpected memory keys', text)
      return m as unknown as BlockMemory
    })
    return { preamble: doc.note, memories }
  }
  const [preamble = '', ...lines] = text.split('\n')
  if (!preamble.startsWith('Retrieved memories (')) fail(format, 'no preamble', text)
  if (format === 'markdown') {
    const memories = lines.map((line) => {
      const m = MARKDOWN_ITEM.exec(line) ?? fail(format, `a line that is not a memory: ${line}`, text)
      return {
        id: unlabel(m[1] as string),
        date: m[2] as string,
        source: m[3] === undefined ? null : unlabel(m[3]),
        content: JSON.parse(m[4] as string) as string,
      }
    })
    return { preamble, memories }
  }
  if (/<\/?memories>/.test(preamble)) fail(format, 'a memories tag in the preamble', text)
  if (lines[0] !== '<memories>' || lines.at(-1) !== '</memories>') fail(format, 'no <memories> block', text)
  const memories = lines.slice(1, -1).map((line) => {
    const m = XML_ITEM.exec(line) ?? fail(format, `a line that is not a memory: ${line}`, text)
    return {
      id: unescapeXml(m[1] as string),
      date: m[2] as string,
      source: m[3] === undefined ? null : unescapeXml(m[3]),
      content: unescapeXml(m[4] as string),
    }
  })
  return { preamble, memories }
}

/** What XML 1.0 can carry of a text: the characters it forbids become U+FFFD. */
export function xmlVisible(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the forbidden characters are the point.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\uFFFD')
}
