import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import type { startTestServer } from './server-helpers.js'

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

/** Where each view's screenshot goes, for a person to look at. */
export const SHOTS = join(import.meta.dirname, '..', 'test-artifacts', 'dashboard')

/** A headless Chromium that makes no network calls of its own. */
export async function launchBrowser(): Promise<Browser> {
  await mkdir(SHOTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

/** Saves a full-page screenshot of the current view. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

/**
 * Controls without a label (no <label>, aria-label or aria-labelledby, or a
 * button without text): should be none. Runs in the page, hence a string.
 */
export function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`
    [...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => {
        const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
        const text = el.tagName === 'BUTTON' ? el.textContent.trim() : ''
        return !named && !(el.labels && el.labels.length > 0) && !text
      })
      .map((el) => el.outerHTML.slice(0, 120))
  `)
}

/** True when the page scrolls sideways (it should not, at any width). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth')
}

/**
 * Titled cards squeezed narrower than 15rem, and cards whose text spills out, by heading: a
 * layout rule leaking into the wrong view shows up here (it once packed a memory's
 * details into ten columns). Should be none, at every width.
 */
export function crampedCards(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`
    [...document.querySelectorAll('main .card')]
      .filter((card) =>
        (card.querySelector('h2') && card.getBoundingClientRect().width < 240) ||
        card.scrollWidth > card.clientWidth + 1)
      .map((card) => (card.querySelector('h2, h3')?.textContent ?? card.className).trim())
  `)
}

type Server = Awaited<ReturnType<typeof startTestServer>>

/** A memory to import: what it says, when it was observed, and when it was retrieved (newest first). */
export interface Imported {
  content: string
  observedAt: string
  accesses?: string[]
}

/**
 * Imports memories through `POST /v1/import`, as a backup would bring them back: import
 * stores what it is given and settles nothing, so restatements and contradictions stay
 * for `consolidate()` to find. Returns their ids, in order.
 */
export async function importMemories(server: Server, key: string, userId: string, items: Imported[]) {
  const ids = items.map(() => randomUUID())
  const header = {
    kind: 'header',
    format: 'adaptive-recall/export',
    version: 1,
    exportedAt: new Date().toISOString(),
    embedder: { id: 'elsewhere', dimensions: 1 },
  }
  const lines = items.map((item, i) => ({
    kind: 'memory',
    record: {
      id: ids[i],
      tenantId: 'backup',
      userId,
      agentId: null,
      sessionId: null,
      content: item.content,
      type: 'fact',
      source: 'backup',
      observedAt: item.observedAt,
      createdAt: item.observedAt,
      updatedAt: item.observedAt,
      metadata: {},
      tags: [],
      confidence: 5,
      status: 'active',
      accessCount: item.accesses?.length ?? 0,
      lastAccessedAt: item.accesses?.[0] ?? null,
      version: 1,
    },
    vector: null,
    history: [],
    accesses: item.accesses ?? [],
  }))
  const raw = [header, ...lines].map((line) => JSON.stringify(line)).join('\n')
  const r = await server.call('POST', '/v1/import', {
    key,
    raw,
    headers: { 'content-type': 'application/x-ndjson' },
  })
  if (r.status !== 200 || r.json.imported !== items.length) throw new Error(`import failed: ${r.text}`)
  return ids as string[]
}

/** The ISO instant `seconds` before now. */
export const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString()

const CITIES =
  'Lisbon Oslo Cairo Lima Quito Dakar Hanoi Perth Turin Graz Bergen Cork Porto Riga Tartu Malmo Lyon Nice Bari Split Kiev Sofia Varna Brno Gdansk'

/** Content with markup that must show as text: were it parsed, the script would set `window.injected`. */
export const HTML_CONTENT = 'Eve wrote <b>x</b><script>window.injected = 1</script> in the Berlin notes'

/**
 * A tenant with four users: alice has a superseded fact, a conversation (an
 * episode and a fact extracted from it) and an archived memory; bob has enough
 * memories for two pages; carol is there to be forgotten; eve's memory holds HTML.
 */
export async function seed(server: Server) {
  const key = await server.tenantKey()
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await server.call(method, path, { key, body })
    if (r.status >= 400) throw new Error(`${method} ${path} failed: ${r.text}`)
    return r.json
  }
  const paris = await call('POST', '/v1/memories', {
    content: 'Alice lives in Paris',
    userId: 'alice',
    observedAt: '2024-01-10',
  })
  const berlin = await call('POST', '/v1/memories', {
    content: 'Alice moved to Berlin',
    userId: 'alice',
    observedAt: '2024-06-01',
  })
  const conversation = await call('POST', '/v1/memories', {
    userId: 'alice',
    sessionId: 'chat-1',
    messages: [
      {
        role: 'user',
        name: 'Alice',
        content: 'I adopted a dog named Rex yesterday!',
        createdAt: '2024-05-08T13:56:00Z',
      },
      {
        role: 'assistant',
        content: 'Congratulations! How is he settling in?',
        createdAt: '2024-05-08T13:57:00Z',
      },
    ],
  })
  const old = await call('POST', '/v1/memories', {
    content: 'Alice had a dentist appointment on Tuesday <b>at noon</b>',
    userId: 'alice',
    observedAt: '2023-03-01',
    expiresAt: '2023-04-01',
    tags: ['health'],
  })
  await call('POST', '/v1/consolidate', { userId: 'alice' })
  const bobMemories = await call('POST', '/v1/memories/batch', {
    memories: CITIES.split(' ').map((city, i) => ({
      content: `Bob visited ${city} during the trip number ${i + 1}`,
      userId: 'bob',
      observedAt: new Date(Date.UTC(2024, 0, i + 1)).toISOString(),
      tags: ['travel'],
    })),
  })
  const bobJob = await call('POST', '/v1/memories', {
    content: 'Bob works as a carpenter in Leeds',
    userId: 'bob',
    tags: ['work'],
  })
  await call('POST', '/v1/memories', { content: 'Carol prefers green tea', userId: 'carol' })
  const html = await call('POST', '/v1/memories', { content: HTML_CONTENT, userId: 'eve' })
  return {
    key,
    call,
    paris: paris.id as string,
    berlin: berlin.id as string,
    fact: conversation.facts[0] as string,
    episode: conversation.episodes[0] as string,
    archived: old.id as string,
    bobFirst: bobMemories.memories[0].id as string,
    bobJob: bobJob.id as string,
    html: html.id as string,
  }
}
