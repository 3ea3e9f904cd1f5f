const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`)

interface Operation {
  summary?: string
  tags?: string[]
  'x-required-scope'?: string
  requestBody?: { content: Record<string, { schema: unknown }> }
  parameters?: { name: string; in: string; required: boolean }[]
}

/** A readable, self-contained page of the API, rendered from the OpenAPI document (no scripts, no CDN). */
export function docsPage(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<string, Record<string, Operation>>
  const byTag = new Map<string, string[]>()
  for (const [path, methods] of Object.entries(paths))
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'other'
      const params = (op.parameters ?? [])
        .map((p) => `<code>${escapeHtml(p.name)}</code>${p.required ? '' : '?'} <small>(${p.in})</small>`)
        .join(', ')
      const body = op.requestBody?.content['application/json']?.schema
      byTag.set(tag, [
        ...(byTag.get(tag) ?? []),
        `<section><h3><span class="m">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>${
          op['x-required-scope'] ? ` <small>scope: ${escapeHtml(op['x-required-scope'])}</small>` : ''
        }</h3><p>${escapeHtml(op.summary ?? '')}</p>${params ? `<p>Parameters: ${params}</p>` : ''}${
          body
            ? `<details><summary>Body schema</summary><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre></details>`
            : ''
        }</section>`,
      ])
    }
  const sections = [...byTag].map(
    ([tag, ops]) => `<h2 id="${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${ops.join('')}`,
  )
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Adaptive Recall API</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
code,pre{font-family:ui-monospace,monospace}pre{background:#f4f5f7;padding:.75rem;overflow:auto}
section{border-top:1px solid #e2e4e9;padding:.25rem 0}.m{display:inline-block;min-width:4.5rem;color:#0b5cad}
h3{font-size:1rem;margin:.5rem 0 0}p{margin:.25rem 0}
</style></head><body><h1>Adaptive Recall API</h1>
<p>Send <code>Authorization: Bearer &lt;key&gt;</code> with every <code>/v1</code> and <code>/mcp</code> request. Errors are <code>{ "error": { "code", "message", "details"? } }</code>. The machine-readable document is at <a href="/openapi.json">/openapi.json</a>.</p>
${sections.join('\n')}</body></html>`
}
