import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CHROMIUM,
  hasChromium,
  launchBrowser,
  scrollsSideways,
  seed,
  shot,
  unlabelled,
} from './dashboard-helpers.js'
import { startTestServer } from './server-helpers.js'

// End to end: the dashboard's HTML, JS and CSS served by a real server (with its CSP),
// driven in a real Chromium, checked against the JSON API.

const inCi = process.env.CI === 'true'

describe.runIf(!hasChromium && inCi)('dashboard (no browser)', () => {
  it('needs Chromium in CI', () => {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium package (the tests never download one)`,
    )
  })
})

if (!hasChromium && !inCi) console.warn(`Skipping the dashboard tests: ${CHROMIUM} is not installed`)

describe.runIf(hasChromium)('dashboard', async () => {
  const server = await startTestServer()
  const data = await seed(server)
  let browser: Browser
  let page: Page
  const problems: string[] = []
  const failures: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    page.setDefaultTimeout(8000)
    // A CSP violation or a script error shows up here: the page must have none.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text())
    })
    page.on('response', (r) => {
      if (r.status() >= 400)
        failures.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`)
    })
    page.on('pageerror', (e) => problems.push(e.message))
  })
  afterAll(async () => {
    await browser?.close()
  })

  const go = async (hash: string) => {
    await page.goto(`${server.url}/${hash}`)
    await page.locator('main h1').first().waitFor()
  }
  const api = (method: string, path: string, body?: unknown) =>
    server.call(method, path, { key: data.key, body })

  it('shows a clear error for a bad key and keeps no key in the URL', async () => {
    const other = await browser.newPage()
    await other.goto(`${server.url}/`)
    await other.getByLabel('API key').fill('ar_not-a-real-key')
    await other.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => other.getByRole('alert').textContent()).toMatch(/not accepted/)
    await shot(other, 'signin-error')
    expect(other.url()).not.toContain('ar_')
    expect(await other.evaluate<number>('sessionStorage.length')).toBe(0)
    await other.close()
  })

  it('signs in and lists the users with their counts', async () => {
    await page.goto(`${server.url}/`)
    await page.getByLabel('API key').fill(data.key)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Users' }).waitFor()
    expect(page.url()).toMatch(/#\/users$/)
    expect(page.url()).not.toContain(data.key)
    const alice = page.locator('tr', { has: page.getByRole('link', { name: 'alice', exact: true }) })
    // alice: Berlin, the fact, two episodes active; Paris superseded; the dentist archived
    await expect.poll(() => alice.locator('td').allTextContents()).toEqual(['alice', '4', '1', '1', '6'])
    expect(await page.getByRole('link', { name: 'bob', exact: true }).count()).toBe(1)
    expect(await unlabelled(page)).toEqual([])
    await shot(page, 'users')
  })

  it("lists a user's memories with server-side pages and filters, content escaped", async () => {
    await go('#/users/bob')
    const rows = page.locator('table.memories tbody tr')
    await expect.poll(() => rows.count()).toBe(20)
    await page.getByRole('button', { name: 'Next page' }).click()
    await expect.poll(() => rows.count()).toBe(6)
    await page.getByRole('button', { name: 'Previous page' }).click()
    await expect.poll(() => rows.count()).toBe(20)

    await go('#/users/alice')
    await page.getByLabel('Status').selectOption('archived')
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect.poll(() => rows.count()).toBe(1)
    const content = rows.first().locator('td.content')
    // Markup in memory content is shown as text, never parsed
    expect(await content.textContent()).toBe('Alice had a dentist appointment on Tuesday <b>at noon</b>')
    expect(await content.locator('b').count()).toBe(0)

    await go('#/users/alice')
    await page.getByLabel('Tag').fill('health')
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect.poll(() => rows.count()).toBe(1)

    await go('#/users/alice')
    await page.getByLabel('Search text').fill('dog')
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect.poll(() => rows.first().locator('td.content').textContent()).toMatch(/dog/)
    await go('#/users/alice')
    expect(await unlabelled(page)).toEqual([])
    await shot(page, 'memories')
  })

  it('searches with a score breakdown whose bar segments are proportional, and shows the context block', async () => {
    await go('#/search')
    await page.getByLabel('User id').fill('alice')
    await page.getByLabel('Query').fill('where does Alice live')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.locator('.hit').first().waitFor()
    const query = { query: 'where does Alice live', userId: 'alice', recordAccess: false }
    const expected = (await api('POST', '/v1/search', { ...query, limit: 10, explain: true })).json.hits
    const hits = page.locator('.hit')
    expect(await hits.count()).toBe(expected.length)
    expect(await hits.first().locator('.hit-head a').textContent()).toBe('Alice moved to Berlin')
    const segments = (
      await hits.evaluateAll((items) =>
        items.map((item, hit) =>
          [...item.querySelectorAll('.seg')].map((el) => ({
            part: el.getAttribute('data-part') as string,
            value: Number(el.getAttribute('data-value')),
            width: el.getBoundingClientRect().width as number,
            hit,
          })),
        ),
      )
    ).flat()
    expect(segments.length).toBeGreaterThan(expected.length)
    for (const s of segments) expect(s.value).toBeCloseTo(expected[s.hit].breakdown[s.part], 6)
    // One scale for all bars: width / value is the same for every visible segment
    const wide = segments.filter((s) => s.width > 8)
    const ratio = (wide[0]?.width ?? 0) / (wide[0]?.value ?? 1)
    for (const s of wide) expect(s.width / s.value / ratio).toBeCloseTo(1, 1)
    expect(await hits.first().locator('.multiplier').textContent()).toContain(
      String(Number(expected[0].breakdown.confidence.toFixed(3))),
    )

    const context = (await api('POST', '/v1/context', { ...query, maxTokens: 1000 })).json
    expect(await page.locator('.tokens').textContent()).toBe(`${context.tokens} tokens`)
    expect(await page.locator('pre.context-text').textContent()).toBe(context.text)
    expect(await unlabelled(page)).toEqual([])
    await shot(page, 'search')
  })

  it("opens a memory's provenance and history, and undoes a supersession", async () => {
    await go(`#/memories/${data.fact}`)
    // a fact from a conversation links to the message it came from
    const message = page.getByRole('link', { name: 'Alice: I adopted a dog named Rex yesterday!' })
    expect(await message.getAttribute('href')).toBe(`#/memories/${data.episode}`)
    await page.locator('.chips a', { hasText: 'Rex' }).waitFor()

    await go(`#/memories/${data.paris}`)
    const superseded = page.locator('.event[data-event="superseded"]')
    expect(await superseded.getByRole('link', { name: data.berlin }).count()).toBe(1)
    expect(await page.locator('.event[data-event="created"]').count()).toBe(1)
    await shot(page, 'memory')
    await superseded.getByRole('button', { name: /Undo/ }).click()
    await page.locator('.event[data-event="undone"]').waitFor()
    expect((await api('GET', `/v1/memories/${data.paris}`)).json.status).toBe('active')
    expect(await page.locator('.event[data-event="superseded"]').textContent()).toContain('(undone)')
  })

  it('edits, gives feedback on, restores and deletes memories', async () => {
    await go(`#/memories/${data.bobJob}`)
    await page.getByLabel('Content').fill('Bob works as a joiner in York')
    await page.getByLabel('Tags').fill('work, craft')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.locator('.event[data-event="updated"]').waitFor()
    const edited = (await api('GET', `/v1/memories/${data.bobJob}`)).json
    expect(edited.content).toBe('Bob works as a joiner in York')
    expect(edited.tags).toEqual(['work', 'craft'])

    await page.getByRole('button', { name: 'Mark useful' }).click()
    await page.locator('.event[data-event="feedback"]').waitFor()
    expect((await api('GET', `/v1/memories/${data.bobJob}`)).json.confidence).toBe(5.5)

    await go(`#/memories/${data.archived}`)
    await page.getByRole('button', { name: 'Restore' }).click()
    await page.locator('.event[data-event="restored"]').waitFor()
    expect((await api('GET', `/v1/memories/${data.archived}`)).json.status).toBe('active')

    await go(`#/memories/${data.bobFirst}`)
    await page.getByRole('button', { name: 'Delete' }).click()
    await page.getByRole('button', { name: 'Confirm delete' }).click()
    await expect.poll(() => page.url()).toMatch(/#\/users\/bob$/)
    expect((await api('GET', `/v1/memories/${data.bobFirst}`)).status).toBe(404)
  })

  it('draws the entity graph: entities re-centre it, memories open', async () => {
    await go(`#/graph?user=alice&memory=${data.fact}`)
    const nodes = page.locator('svg.graph a.node')
    await expect.poll(() => nodes.count()).toBeGreaterThan(2)
    expect(await page.locator('svg.graph line.edge').count()).toBeGreaterThan(1)
    await shot(page, 'graph')
    await page.locator('svg.graph a.node.entity', { hasText: 'Rex' }).click()
    await expect.poll(() => page.url()).toMatch(/entity=Rex/)
    await page.locator('svg.graph a.node.entity.centre', { hasText: 'Rex' }).waitFor()
    await page.locator('svg.graph a.node.memory').first().click()
    await expect.poll(() => page.url()).toMatch(/#\/memories\//)
    await page.getByRole('heading', { name: 'Memory' }).waitFor()
  })

  it('shows status charts and runs a consolidation dry run', async () => {
    await go('#/status?user=alice')
    const status = (await api('GET', '/v1/status?userId=alice')).json
    const fill = page.locator('.chart.status .fill.active')
    expect(await fill.getAttribute('data-value')).toBe(String(status.byStatus.active))
    expect(await page.locator('.chart').count()).toBe(3)
    await page.getByRole('button', { name: 'Dry run' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Dry run finished/)
    await shot(page, 'status')
  })

  it('forgets a user only after the user id is typed', async () => {
    await go('#/users/carol')
    const button = page.getByRole('button', { name: 'Forget this user' })
    const confirm = page.getByLabel(/Type the user id/)
    await confirm.fill('caro')
    expect(await button.isDisabled()).toBe(true)
    await confirm.fill('carol')
    await button.click()
    await expect
      .poll(() => page.locator('.danger-zone [role="status"]').textContent())
      .toMatch(/Forgot carol/)
    expect((await api('GET', '/v1/memories?userId=carol')).json.items).toEqual([])
    const users = (await api('GET', '/v1/users')).json.items.map((u: { userId: string }) => u.userId)
    expect(users).not.toContain('carol')
  })

  it('shows API errors as alerts, never a blank page', async () => {
    await go('#/memories/00000000-0000-7000-8000-000000000000')
    expect(await page.getByRole('alert').textContent()).toMatch(/NOT_FOUND/)
    await page.goto(`${server.url}/#/nowhere`)
    await page.getByRole('alert').waitFor()
  })

  it('stacks on a narrow window without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 400, height: 800 })
    for (const [hash, name] of [
      ['#/users/alice', 'narrow-memories'],
      [`#/memories/${data.berlin}`, 'narrow-memory'],
      ['#/search?user=alice&q=dog', 'narrow-search'],
      [`#/graph?user=alice&memory=${data.fact}`, 'narrow-graph'],
      ['#/status', 'narrow-status'],
    ] as const) {
      await go(hash)
      await page.waitForLoadState('networkidle')
      expect(await scrollsSideways(page), hash).toBe(false)
      await shot(page, name)
    }
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  it('reaches the navigation with the keyboard and raised no script or CSP errors', async () => {
    await go('#/users')
    await page.reload()
    await page.locator('main h1').waitFor()
    await page.keyboard.press('Tab')
    expect(await page.locator(':focus').textContent()).toBe('Skip to content')
    await page.keyboard.press('Tab')
    expect(await page.locator(':focus').textContent()).toBe('Users')
    expect(problems).toEqual([])
    // Only the deliberate request for a memory that does not exist failed
    expect(failures.filter((f) => !f.includes('/00000000-'))).toEqual([])
  })
})
