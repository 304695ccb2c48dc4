import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadNuxt } from '@nuxt/kit'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserOptions, screenshotPath } from './helpers/browser'
import { prebuilt } from './helpers/builds'
import { startDevServer, type DevServer } from './helpers/dev-server'
import { signedNotification } from './helpers/notifications'
import { startServer, type RunningServer } from './helpers/server'
import { call, openSession, paymentResult, shopCredentials, shopDir } from './helpers/shop'

const devtoolsFixture = fileURLToPath(new URL('./fixtures/devtools', import.meta.url))

/** Strings only the tab's code holds: none may be in a production build's output (the dev test finds them in the dev bundle). */
const MARKERS = ['__nuxt-antom', 'devtools:notifications', 'nuxt-antom-devtools', 'Notifications received']

/** Every file under a directory. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** The files under `dir` that hold a marker, as `file: marker`. */
function markersIn(dir: string): string[] {
  return filesUnder(dir).flatMap((file) => {
    const bytes = readFileSync(file)
    return MARKERS.filter(marker => bytes.includes(marker)).map(marker => `${file}: ${marker}`)
  })
}

/** The first 16 hex digits of the SHA-256 of a public key's DER (SPKI), computed by node:crypto. */
function fingerprint(key: KeyObject): string {
  return createHash('sha256').update(key.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16)
}

describe('DevTools tab: registered in nuxt dev only', () => {
  it('adds the custom tab (an iframe of /__nuxt-antom) and its routes in dev, and neither in a build', async () => {
    const seen: Record<string, { tabs: Array<{ name: string, title: string, view: { type: string, src: string } }>, routes: string[] }> = {}
    for (const dev of [true, false]) {
      const buildDir = mkdtempSync(join(tmpdir(), 'antom-devtools-load-'))
      const nuxt = await loadNuxt({ cwd: shopDir, dev, ready: true, overrides: { buildDir } })
      const tabs: Array<{ name: string, title: string, view: { type: string, src: string } }> = []
      await (nuxt.callHook as unknown as (name: string, ...args: unknown[]) => Promise<void>)('devtools:customTabs', tabs)
      seen[dev ? 'dev' : 'build'] = { tabs, routes: nuxt.options.serverHandlers.map(handler => handler.route ?? '') }
      await nuxt.close()
      rmSync(buildDir, { recursive: true, force: true })
    }
    expect(seen.dev!.tabs.filter(tab => tab.name === 'nuxt-antom')).toEqual([{ name: 'nuxt-antom', title: 'Antom', icon: 'carbon:wallet', view: { type: 'iframe', src: '/__nuxt-antom' } }])
    expect(seen.dev!.routes.filter(route => route.startsWith('/__nuxt-antom'))).toEqual([
      '/__nuxt-antom', '/__nuxt-antom/api/payments', '/__nuxt-antom/api/notifications', '/__nuxt-antom/api/config', '/__nuxt-antom/api/replay', '/__nuxt-antom/api/replay/deliver',
    ])
    expect(seen.build!.tabs.filter(tab => tab.name === 'nuxt-antom')).toEqual([])
    expect(seen.build!.routes.filter(route => route.startsWith('/__nuxt-antom'))).toEqual([])
    // The module's other routes are there in both: the lists above come from a loaded module.
    expect(seen.build!.routes).toContain('/api/_antom/notify')
  })
})

describe('DevTools tab: nothing of it in a production build', () => {
  let server: RunningServer
  let output: string

  beforeAll(async () => {
    const entry = await prebuilt('shop')
    output = dirname(dirname(entry))
    server = await startServer(entry)
  }, 900_000)
  afterAll(() => server?.kill())

  it('answers no tab at /__nuxt-antom or its endpoints (404, or the app\'s own page)', async () => {
    for (const path of ['/__nuxt-antom', '/__nuxt-antom/api/payments', '/__nuxt-antom/api/notifications', '/__nuxt-antom/api/config']) {
      const response = await fetch(`${server.url}${path}`)
      const text = await response.text()
      expect(text, path).not.toContain('nuxt-antom-devtools')
      expect(text, path).not.toContain('Notifications received')
      expect(response.status === 404 || (response.headers.get('content-type') ?? '').startsWith('text/html'), `${path}: HTTP ${response.status} ${response.headers.get('content-type')}`).toBe(true)
    }
    for (const path of ['/__nuxt-antom/api/replay', '/__nuxt-antom/api/replay/deliver']) {
      const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"x"}' })
      const text = await response.text()
      expect(text, path).not.toMatch(/"(outcome|verification|replayOf)"/)
      expect(response.status === 404 || response.status === 405 || (response.headers.get('content-type') ?? '').startsWith('text/html'), `${path}: HTTP ${response.status}`).toBe(true)
    }
  })

  it('records no notification: a simulated payment is processed and nothing is stored under devtools:', async () => {
    const session = await openSession(server.url)
    expect((await call(server.url, `/api/_antom/simulator/payments/${session.paymentRequestId}/complete`, { body: { result: 'SUCCESS' } })).status).toBe(200)
    await expect.poll(async () => (await call<Array<{ paymentRequestId: string }>>(server.url, '/api/test/handled')).body.some(entry => entry.paymentRequestId === session.paymentRequestId), { timeout: 15_000 }).toBe(true)
    expect((await call<string[]>(server.url, '/api/test/keys?base=devtools')).body).toEqual([])
  })

  it('has none of the tab\'s strings in .output (server and public files)', () => {
    expect(existsSync(join(output, 'server/index.mjs'))).toBe(true)
    expect(markersIn(output)).toEqual([])
  })
})

describe('DevTools tab in nuxt dev, in Chromium', () => {
  const credentials = shopCredentials('SANDBOX_DEVTOOLS_TAB')
  let storage: string
  let dev: DevServer
  let browser: Browser
  let page: Page
  let paid: { paymentRequestId: string, amount: { currency: string, value: string } }
  let forgedSignature: string

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'antom-devtools-storage-'))
    dev = await startDevServer(devtoolsFixture, {
      ...credentials.env,
      // Too short on purpose: the configuration section must show a failing check and how to fix it.
      NUXT_ANTOM_SIMULATOR_TOKEN: 'too-short',
      DEVTOOLS_TEST_STORAGE: storage,
    }, '/__nuxt-antom/api/config')
    browser = await chromium.launch(browserOptions.launch)
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  }, 400_000)
  afterAll(async () => {
    await browser?.close()
    await dev?.stop()
    // The payment records, and the simulator's ledger beside them.
    for (const dir of [storage, `${storage}-simulator`]) rmSync(dir, { recursive: true, force: true })
  })

  const paymentRow = (id: string) => page.locator(`[data-testid="payment"][data-id="${id}"]`)
  const notificationRows = (id: string) => page.locator('[data-testid="notification"]').filter({ hasText: id })
  const cell = (row: Locator, testid: string) => row.locator(`[data-testid="${testid}"]`)

  it('serves its page and endpoints, whose strings are in the dev server bundle', async () => {
    const response = await fetch(`${dev.url}/__nuxt-antom`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toContain('nuxt-antom-devtools')
    // The production scan looks for these strings: here they are, so that scan could find them.
    const bundle = join(devtoolsFixture, '.nuxt/dev')
    expect(MARKERS.filter(marker => !markersIn(bundle).some(found => found.endsWith(`: ${marker}`)))).toEqual([])
  })

  it('lists a forged notification as failed verification, with the reason and the 401 it got', async () => {
    const session = await openSession(dev.url)
    paid = session
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    const init = signedNotification(paymentResult(session.paymentRequestId, session.amount), { key: forger, clientId: credentials.clientId, path: '/api/_antom/notify' })
    forgedSignature = decodeURIComponent(init.headers.signature!.split('signature=')[1]!)
    expect((await fetch(`${dev.url}/api/_antom/notify`, init)).status).toBe(401)

    await page.goto(`${dev.url}/__nuxt-antom`)
    const forged = notificationRows(session.paymentRequestId).first()
    await forged.waitFor()
    expect(await forged.getAttribute('data-verification')).toBe('failed')
    expect(await forged.getAttribute('data-kind')).toBe('PAYMENT_RESULT')
    expect(await cell(forged, 'reason').textContent()).toBe('The notification signature does not verify with the Antom public key.')
    expect(await cell(forged, 'answer-status').textContent()).toBe('HTTP 401')
    expect(await forged.locator('[data-testid="replay"]').count()).toBe(0)
    // Refused by the endpoint too, not only hidden.
    const id = await forged.getAttribute('data-id')
    expect((await call(dev.url, '/__nuxt-antom/api/replay', { body: { id } })).status).toBe(409)
    // Nothing was paid, and the payment is listed with its amount.
    const row = paymentRow(session.paymentRequestId)
    expect(await row.getAttribute('data-status')).toBe('PROCESSING')
    expect(await cell(row, 'amount').textContent()).toBe(`${session.amount.currency} ${session.amount.value} (minor units)`)
  })

  it('pays from the simulator controls; a failing handler shows as a 500 and in the payment\'s history', async () => {
    expect((await call(dev.url, '/api/test/fail-next', { body: { times: 1 } })).status).toBe(200)
    await paymentRow(paid.paymentRequestId).locator('[data-testid="complete-success"]').click()
    const row = paymentRow(paid.paymentRequestId)
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('SUCCESS')
    const delivered = notificationRows(paid.paymentRequestId).and(page.locator('[data-verification="passed"]'))
    await expect.poll(() => delivered.count(), { timeout: 30_000 }).toBe(1)
    expect(await cell(delivered, 'answer-status').textContent()).toBe('HTTP 500')
    expect(JSON.parse(await cell(delivered, 'answer').textContent() ?? '')).toEqual({ statusCode: 500, message: 'The notification could not be processed; retry later.' })
    expect(await cell(delivered, 'reason').textContent()).toBe('the order database is down')
    const history = row.locator('[data-testid="history"]')
    expect(await history.count()).toBe(1)
    expect(await history.first().textContent()).toMatch(/SUCCESS · notification · handler did not complete$/)
    expect((await call<Array<{ paymentRequestId: string }>>(dev.url, '/api/test/handled')).body.filter(entry => entry.paymentRequestId === paid.paymentRequestId)).toEqual([])
  })

  it('replays the stored notification: the handler runs, once, and the history says which and when', async () => {
    const original = notificationRows(paid.paymentRequestId).and(page.locator('[data-verification="passed"]')).first()
    await original.locator('[data-testid="replay"]').click()
    const replayed = notificationRows(paid.paymentRequestId).and(page.locator('[data-outcome="applied"]'))
    await expect.poll(() => replayed.count(), { timeout: 30_000 }).toBe(1)
    expect(await cell(replayed, 'answer-status').textContent()).toBe('HTTP 200')
    expect(await cell(replayed, 'answer').textContent()).toBe('{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}')
    expect(await replayed.textContent()).toContain('replay')
    const history = paymentRow(paid.paymentRequestId).locator('[data-testid="history"]')
    await expect.poll(() => history.count(), { timeout: 10_000 }).toBe(2)
    expect(await history.nth(1).textContent()).toMatch(/SUCCESS · notification · onPaymentSucceeded ran \d/)
    expect((await call<Array<{ paymentRequestId: string, kind: string }>>(dev.url, '/api/test/handled')).body.filter(entry => entry.paymentRequestId === paid.paymentRequestId)).toEqual([
      { kind: 'succeeded', paymentRequestId: paid.paymentRequestId, status: 'SUCCESS' },
    ])
  })

  it('opens a dispute on the paid payment from the tab: its notification is listed and handled', async () => {
    const row = paymentRow(paid.paymentRequestId)
    await row.locator('[data-testid="dispute-step"]').selectOption('DISPUTE_CREATED')
    await row.locator('[data-testid="dispute"]').click()
    const dispute = notificationRows(paid.paymentRequestId).and(page.locator('[data-kind="DISPUTE_CREATED"]'))
    await expect.poll(() => dispute.count(), { timeout: 30_000 }).toBe(1)
    expect(await dispute.getAttribute('data-verification')).toBe('passed')
    expect(await cell(dispute, 'answer-status').textContent()).toBe('HTTP 200')
    expect(await dispute.textContent()).toMatch(/dispute \S+/)
    await expect.poll(async () => (await call<Array<{ paymentRequestId: string, kind: string }>>(dev.url, '/api/test/handled')).body.filter(entry => entry.paymentRequestId === paid.paymentRequestId).map(entry => entry.kind), { timeout: 10_000 }).toEqual(['succeeded', 'dispute'])
  })

  it('arms a fault from the tab: a duplicated notification is listed as a copy, answered, and handled once', async () => {
    await page.locator('[data-testid="fault-type"]').selectOption('duplicate-notification')
    await page.locator('[data-testid="arm-fault"]').click()
    await expect.poll(() => page.locator('[data-testid="armed"]').textContent()).toBe('Armed: duplicate-notification ×1')
    const session = await openSession(dev.url)
    await paymentRow(session.paymentRequestId).locator('[data-testid="complete-fail"]').click()
    await expect.poll(() => paymentRow(session.paymentRequestId).getAttribute('data-status'), { timeout: 30_000 }).toBe('FAIL')
    const rows = notificationRows(session.paymentRequestId)
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2)
    expect((await rows.evaluateAll(elements => elements.map(element => element.getAttribute('data-outcome')))).sort()).toEqual(['applied', 'duplicate'])
    expect(await rows.locator('[data-testid="copy"]').count()).toBe(1)
    expect(await rows.locator('[data-testid="answer-status"]').allTextContents()).toEqual(['HTTP 200', 'HTTP 200'])
    expect((await call<Array<{ paymentRequestId: string, kind: string }>>(dev.url, '/api/test/handled')).body.filter(entry => entry.paymentRequestId === session.paymentRequestId).map(entry => entry.kind)).toEqual(['failed'])
    await expect.poll(() => page.locator('[data-testid="delivery"]').filter({ hasText: session.paymentRequestId }).count(), { timeout: 10_000 }).toBeGreaterThan(0)

    await page.locator('[data-testid="clear-faults"]').click()
    await expect.poll(() => page.locator('[data-testid="armed"]').textContent()).toBe('No fault armed.')
  })

  it('shows the configuration: mode, URLs, key fingerprints, and each start-up check with what to fix', async () => {
    expect(await page.locator('[data-testid="config-mode"]').textContent()).toBe('sandbox')
    expect(await page.locator('[data-testid="mode"]').getAttribute('class')).toBe('badge bad')
    expect(await page.locator('[data-testid="config-notify"]').textContent()).toBe(`/api/_antom/notify → ${dev.url}/api/_antom/notify`)
    expect(await page.locator('[data-testid="config-gateway"]').textContent()).toBe('/api/_antom/simulator')
    expect(await page.locator('[data-testid="fingerprint-merchant"]').textContent()).toBe(`SHA-256 ${fingerprint(credentials.merchant.publicKey)}… (runtime config)`)
    expect(await page.locator('[data-testid="fingerprint-antom"]').textContent()).toBe(`SHA-256 ${fingerprint(credentials.antom.publicKey)}… (runtime config)`)
    const checks = await page.locator('[data-testid="check"]').evaluateAll(rows => rows.map(row => [row.getAttribute('data-name'), row.getAttribute('data-ok'), row.lastElementChild!.textContent]))
    expect(checks.filter(([, ok]) => ok !== 'true')).toEqual([['Simulator token', 'false', 'NUXT_ANTOM_SIMULATOR_TOKEN must be at least 16 characters.']])
    expect(checks.map(([name]) => name)).toEqual(['Client id', 'Merchant private key', 'Antom public key', 'Gateway', 'Site URL', 'Notify URL', 'Redirect URL', 'Simulator token', 'Storage', 'Order resolver'])
  })

  it('shows no key and stores no signature; saves a screenshot', async () => {
    const texts = [
      await page.content(),
      ...await Promise.all(['payments', 'notifications', 'config'].map(async path => (await fetch(`${dev.url}/__nuxt-antom/api/${path}`)).text())),
    ].join('\n')
    for (const key of [credentials.merchant.privateBase64, credentials.antom.privateBase64, credentials.merchant.publicBase64, credentials.antom.publicBase64]) {
      expect(texts).not.toContain(key.slice(100, 140))
    }
    expect(texts).not.toContain(forgedSignature.slice(0, 40))
    expect(texts).not.toContain(encodeURIComponent(forgedSignature).slice(0, 40))
    // Recorded in the module's storage, as the tab reads it.
    expect((await call<string[]>(dev.url, '/api/test/keys?base=devtools')).body.length).toBeGreaterThan(0)

    await page.locator('#auto').uncheck()
    await page.locator('#refresh').click()
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.screenshot({ path: screenshotPath('devtools'), fullPage: true })
  })
})
