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

type Server = Awaited<ReturnType<typeof startTestServer>>

const CITIES =
  'Lisbon Oslo Cairo Lima Quito Dakar Hanoi Perth Turin Graz Bergen Cork Porto Riga Tartu Malmo Lyon Nice Bari Split Kiev Sofia Varna Brno Gdansk'

/**
 * A tenant with three users: alice has a superseded fact, a conversation (an
 * episode and a fact extracted from it) and an archived memory; bob has enough
 * memories for two pages; carol is there to be forgotten.
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
  }
}
