import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CHROMIUM,
  crampedCards,
  HTML_CONTENT,
  hasChromium,
  importMemories,
  launchBrowser,
  scrollsSideways,
  secondsAgo,
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
  // The browser clicks faster than a person: the default limit (a burst of 60 per key)
  // would refuse some of its requests. How the page meets a refusal is tested below.
  const server = await startTestServer({ rateLimit: { perMinute: 100_000, burst: 10_000 } })
  const data = await seed(server)
  let browser: Browser
  let page: Page
  const problems: string[] = []
  const failures: string[] = []
  // biome-ignore lint/suspicious/noExplicitAny: the bodies the page sent, as JSON
  const searches: any[] = []

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
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/search') searches.push(r.postDataJSON())
    })
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

  it('pages full-text search results on the server, one request per page, narrowed by status', async () => {
    const query = {
      query: 'trip',
      userId: 'bob',
      recordAccess: false,
      includeSuperseded: true,
      includeArchived: true,
    }
    const ranking = (await api('POST', '/v1/search', { ...query, limit: 100 })).json.hits.map(
      (hit: { memory: { content: string } }) => hit.memory.content,
    )
    expect(ranking.length).toBeGreaterThan(20)
    expect(ranking.length).toBeLessThanOrEqual(40)
    searches.length = 0
    await go('#/users/bob')
    await page.getByLabel('Search text').fill('trip')
    await page.getByRole('button', { name: 'Apply' }).click()
    const contents = () => page.locator('table.memories td.content').allTextContents()
    await expect.poll(contents).toEqual(ranking.slice(0, 20))
    expect(await page.locator('.summary').textContent()).toBe('Matches 1–20 for “trip”, best first.')
    const next = page.getByRole('button', { name: 'Next page' })
    await next.click()
    await expect.poll(contents).toEqual(ranking.slice(20))
    expect(await page.locator('.summary').textContent()).toBe(
      `Matches 21–${ranking.length} for “trip”, best first.`,
    )
    expect(await next.isDisabled()).toBe(true)
    // Keyboard focus stays on the pager when the button it was on is disabled.
    expect(await page.locator(':focus').textContent()).toBe('Previous page')
    expect(await unlabelled(page)).toEqual([])
    await shot(page, 'memories-search')
    await page.getByRole('button', { name: 'Previous page' }).click()
    await expect.poll(contents).toEqual(ranking.slice(0, 20))
    // Each page was its own request for 20 hits: nothing was loaded whole.
    expect(searches.map((s) => [s.query, s.limit, s.offset])).toEqual([
      ['trip', 20, 0],
      ['trip', 20, 20],
      ['trip', 20, 0],
    ])

    await go('#/users/alice?q=dentist&status=archived')
    await expect.poll(contents).toEqual(['Alice had a dentist appointment on Tuesday <b>at noon</b>'])
    expect(searches.at(-1)).toMatchObject({ query: 'dentist', status: ['archived'], offset: 0 })
  })

  it('shows markup in content as text in every view, and finds no entities in it', async () => {
    await go('#/users/eve')
    const cell = page.locator('table.memories td.content')
    await expect.poll(() => cell.textContent()).toBe(HTML_CONTENT)
    await go(`#/memories/${data.html}`)
    expect(await page.locator('blockquote.memory-content').textContent()).toBe(HTML_CONTENT)
    expect(await page.getByLabel('Content').inputValue()).toBe(HTML_CONTENT)
    const chips = page.locator('.chips a')
    await expect.poll(() => chips.allTextContents()).toContain('Berlin')
    for (const chip of await chips.allTextContents()) expect(chip).not.toMatch(/[<>]|script|injected/)
    await go('#/search?user=eve&q=Berlin%20notes')
    await page.locator('.hit').first().waitFor()
    expect(await page.locator('.hit-head a').first().textContent()).toBe(HTML_CONTENT)
    expect(await page.locator('pre.context-text').textContent()).toContain(HTML_CONTENT)
    expect(await page.locator('main b, main script').count()).toBe(0)
    expect(await page.evaluate('window.injected')).toBeUndefined()
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
    expect(await crampedCards(page)).toEqual([])
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

  it('charts the activation histogram the status API reports: used memories above untouched ones', async () => {
    const years = 5 * 365 * 86_400
    await importMemories(server, data.key, 'erin', [
      { content: 'Erin kept a diary in Portuguese', observedAt: secondsAgo(years) },
      { content: 'Erin learned to juggle', observedAt: secondsAgo(30 * 86_400) },
      {
        content: 'Erin plays the oboe',
        observedAt: secondsAgo(years),
        accesses: Array.from({ length: 10 }, (_, i) => secondsAgo(60 * (i + 1))),
      },
    ])
    await go('#/status?user=erin')
    const status = (await api('GET', '/v1/status?userId=erin')).json
    // Untouched for five years: the lowest tenth; a month: the third; as old but used
    // ten times in the last ten minutes: the top.
    expect(status.activation).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 1])
    const columns = page.locator('.chart.activation .histogram-columns li')
    expect(await columns.evaluateAll((items) => items.map((li) => li.getAttribute('aria-label')))).toEqual(
      status.activation.map(
        (n: number, i: number) => `${i === 0 ? '0' : `0.${i}`} to ${i === 9 ? '1' : `0.${i + 1}`}: ${n}`,
      ),
    )
    const heights = await page
      .locator('.chart.activation .column-fill')
      .evaluateAll((fills) => fills.map((f) => f.getBoundingClientRect().height))
    expect(heights[0]).toBeGreaterThan(50)
    expect(heights[9]).toBeCloseTo(heights[0] as number, 0)
    expect(heights[5]).toBe(0)
    expect(await page.locator('.chart').count()).toBe(4)
    const fill = page.locator('.chart.status .fill.active')
    expect(await fill.getAttribute('data-value')).toBe(String(status.byStatus.active))
  })

  it('runs a dry run, then consolidates for real: the report shown, the merge and supersession made', async () => {
    const day = 86_400
    const [rome, madrid, bees, again] = await importMemories(server, data.key, 'dora', [
      { content: 'Dora lives in Rome', observedAt: secondsAgo(10 * day) },
      { content: 'Dora moved to Madrid', observedAt: secondsAgo(2 * day) },
      { content: 'Dora keeps bees', observedAt: secondsAgo(5 * day) },
      { content: 'Dora keeps bees!', observedAt: secondsAgo(3 * day) },
    ])
    await go('#/status?user=dora')
    await page.getByRole('button', { name: 'Dry run' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Dry run finished/)
    expect((await api('GET', `/v1/memories/${rome}`)).json.status).toBe('active')

    await page.getByRole('button', { name: 'Consolidate now' }).click()
    const out = page.locator('#cons ~ .out')
    await expect.poll(() => out.getByRole('status').textContent()).toBe('Consolidation finished.')
    const facts = Object.fromEntries(
      (await out.locator('dl.facts dt').allTextContents()).map((k, i) => [k, i]),
    )
    const values = await out.locator('dl.facts dd').allTextContents()
    expect(values[facts.Merged as number]).toBe('1')
    expect(values[facts.Superseded as number]).toBe('1')
    const decisions = await out.locator('.decisions li').allTextContents()
    expect(decisions).toContain(`supersede (claim-conflict): ${rome} → ${madrid}`)
    expect(decisions.some((d) => d.startsWith('merge (') && d.endsWith(`${again} → ${bees}`))).toBe(true)
    // The counts above are refreshed: one superseded, one archived (the restatement), two active.
    const fills = await page
      .locator('.chart.status .fill')
      .evaluateAll((els) => els.map((el) => [el.classList[1], el.getAttribute('data-value')]))
    expect(fills).toEqual([
      ['active', '2'],
      ['superseded', '1'],
      ['archived', '1'],
    ])
    await shot(page, 'status-consolidated')

    expect((await api('GET', `/v1/memories/${rome}`)).json).toMatchObject({
      status: 'superseded',
      supersededBy: madrid,
    })
    expect((await api('GET', `/v1/memories/${again}`)).json.status).toBe('archived')
    expect((await api('GET', `/v1/memories/${bees}`)).json).toMatchObject({
      status: 'active',
      corroborations: 1,
    })
    // The run is now the last consolidation the status view shows.
    await page.reload()
    await page.locator('main h1').waitFor()
    const last = page.locator('section[aria-labelledby="last"]')
    expect(await last.locator('.decisions li').allTextContents()).toEqual(decisions)
    expect(await last.textContent()).not.toContain('Dry run')
  })

  it('shows the status of the whole tenant with its histogram', async () => {
    await go('#/status')
    const status = (await api('GET', '/v1/status')).json
    const values = await page
      .locator('.chart.activation .column-fill')
      .evaluateAll((fills) => fills.map((f) => Number(f.getAttribute('data-value'))))
    expect(values).toEqual(status.activation)
    expect(values.reduce((a, b) => a + b, 0)).toBe(status.byStatus.active)
    expect(await unlabelled(page)).toEqual([])
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

  it('waits out a rate limit the key ran into and shows the view, not the refusal', async () => {
    const limited = await startTestServer({ rateLimit: { perMinute: 120, burst: 1 } })
    const key = await limited.tenantKey()
    await limited.call('POST', '/v1/memories', { key, body: { content: 'Dora keeps bees', userId: 'dora' } })
    const other = await browser.newPage()
    const refused: string[] = []
    other.on('response', (r) => {
      if (r.status() === 429) refused.push(new URL(r.url()).pathname)
    })
    await other.goto(`${limited.url}/`)
    await other.getByLabel('API key').fill(key)
    await other.getByRole('button', { name: 'Sign in' }).click()
    await other.getByRole('link', { name: 'dora', exact: true }).waitFor()
    await other.goto(`${limited.url}/#/status`)
    await other.locator('.chart.activation').waitFor()
    expect(await other.getByRole('alert').count()).toBe(0)
    // The limit was reached (so the page did meet refusals) and every one was sent again.
    expect(refused.length).toBeGreaterThan(0)
    await other.close()
  })

  it('stacks on a narrow window without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 400, height: 800 })
    for (const [hash, name] of [
      ['#/users/alice', 'narrow-memories'],
      [`#/memories/${data.berlin}`, 'narrow-memory'],
      ['#/search?user=alice&q=dog', 'narrow-search'],
      [`#/graph?user=alice&memory=${data.fact}`, 'narrow-graph'],
      ['#/users/bob?q=trip', 'narrow-memories-search'],
      ['#/status', 'narrow-status'],
    ] as const) {
      await go(hash)
      await page.waitForLoadState('networkidle')
      expect(await scrollsSideways(page), hash).toBe(false)
      expect(await crampedCards(page), hash).toEqual([])
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
