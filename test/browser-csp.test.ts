import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserOptions, isExternal } from './helpers/browser'
import { generateTestKeyPair } from './helpers/keys'
import { report } from './helpers/report'
import { buildFixture, startServer, type RunningServer } from './helpers/server'

const fixture = fileURLToPath(new URL('./fixtures/csp', import.meta.url))
const CART = encodeURIComponent(JSON.stringify([{ sku: 'mug', quantity: 1 }]))

/**
 * A page of `server` with the cart set, that records every Content-Security-Policy violation (in any frame, from the
 * browser's `securitypolicyviolation` events and its console) and every request that left the machine's policy
 * checks for another host (those reach the network, where they are stopped).
 */
async function open(browser: Browser, server: RunningServer, path: string) {
  const context = await browser.newContext()
  await context.addCookies([{ name: 'cart', value: CART, url: server.url }])
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)
    })
  })
  const page = await context.newPage()
  const violations: string[] = []
  const external: Array<{ url: string, type: string }> = []
  page.on('console', (message) => {
    if (/CSP violation|Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  await page.route(request => isExternal(request), (route) => {
    external.push({ url: route.request().url(), type: route.request().resourceType() })
    return route.abort('internetdisconnected')
  })
  const response = await page.goto(`${server.url}${path}`, { waitUntil: 'load' })
  return { page, violations, external, policy: response?.headers()['content-security-policy'] ?? '' }
}

const status = (page: Page) => page.locator('.antom-pay').getAttribute('data-status')

describe('nuxt-security\'s Content-Security-Policy with Antom\'s hosts, in Chromium', () => {
  let browser: Browser
  let simulated: RunningServer
  let real: RunningServer

  beforeAll(async () => {
    const entry = await buildFixture(fixture, { antom: { storage: { driver: 'memory' } } })
    const merchant = generateTestKeyPair()
    const antom = generateTestKeyPair()
    simulated = await startServer(entry)
    // Keys set: real-mode sessions (the simulator only stands in as the gateway), so the real SDK loads.
    real = await startServer(entry, {
      NUXT_ANTOM_CLIENT_ID: 'SANDBOX_CSP_TEST',
      NUXT_ANTOM_MERCHANT_PRIVATE_KEY: merchant.privateBase64,
      NUXT_ANTOM_ALIPAY_PUBLIC_KEY: antom.publicBase64,
      NUXT_ANTOM_GATEWAY_URL: '/api/_antom/simulator',
      NUXT_ANTOM_SIMULATOR_MERCHANT_PUBLIC_KEY: merchant.publicBase64,
      NUXT_ANTOM_SIMULATOR_ANTOM_PRIVATE_KEY: antom.privateBase64,
    })
    browser = await chromium.launch(browserOptions.launch)
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await Promise.all([simulated?.kill(), real?.kill()])
  })

  it('sends the policy: nonce\'d scripts with strict-dynamic, Antom\'s frames, no COEP', async () => {
    const { page, policy } = await open(browser, simulated, '/')
    expect(policy).toMatch(/script-src 'self' 'strict-dynamic' 'nonce-[^']+' https:\/\/gw\.alipayobjects\.com/)
    expect(policy).toContain('frame-src https://ac.alipay.com https://checkout.antom.com')
    expect(policy).toContain('connect-src \'self\' https://*.alipay.com https://*.alipayobjects.com https://config.marmot-cloud.com https://checkout.antom.com')
    const response = await page.request.get(`${simulated.url}/`)
    expect(response.headers()['cross-origin-embedder-policy']).toBeUndefined()
    await page.context().close()
  })

  it.each([
    ['cashier', async (page: Page) => page.getByTestId('antom-sim-pay').click()],
    ['element', async (page: Page) => {
      await page.getByTestId('antom-sim-card-pays').click()
      await page.locator('.antom-pay__submit button').click()
    }],
    ['checkout-page-embedded', async (page: Page) => page.getByTestId('antom-ckp-pay').click()],
    ['checkout-page', async (page: Page) => {
      await page.getByRole('button', { name: 'Continue to payment' }).click()
      await page.waitForURL(/\/simulator\/checkout\//)
      await page.getByTestId('antom-ckp-pay').click()
    }],
  ])('pays with %s on the simulator with the policy on, without a violation', async (product, pay) => {
    const { page, violations } = await open(browser, simulated, `/checkout?product=${product}`)
    // Hydrated: the hosted page's button then goes through the session call, not the form.
    await page.waitForFunction(() => !!(document.querySelector('#__nuxt') as unknown as { __vue_app__?: unknown } | null)?.__vue_app__)
    if (product !== 'checkout-page') await expect.poll(() => status(page), { timeout: 20_000 }).toBe('ready')
    await pay(page)
    await page.waitForURL(/\/result\?paymentRequestId=/)
    await expect.poll(() => page.getByTestId('result-status').textContent(), { timeout: 15_000 }).toBe('SUCCESS')
    expect(violations).toEqual([])
    await page.context().close()
  })

  it('pays on the hosted page with JavaScript off: form-action lets the 303 to the hosted page through', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    await context.addCookies([{ name: 'cart', value: CART, url: simulated.url }])
    const page = await context.newPage()
    await page.goto(`${simulated.url}/checkout?product=checkout-page`)
    await page.getByRole('button', { name: 'Continue to payment' }).click()
    await page.waitForURL(/\/simulator\/checkout\//)
    await page.getByTestId('antom-ckp-pay').click()
    await page.waitForURL(/\/result\?paymentRequestId=/)
    await context.close()
  })

  it.each([
    ['cashier', 'https://'],
    ['element', 'https://'],
    ['checkout-page-embedded', 'https://checkout.antom.com/'],
  ])('lets the real SDK (%s) reach Antom\'s hosts: nothing blocked by the policy, the error state while Antom is unreachable', async (product, host) => {
    const { page, violations, external } = await open(browser, real, `/checkout?product=${product}`)
    await expect.poll(() => status(page), { timeout: 45_000 }).toBe('error')
    expect(violations).toEqual([])
    // What the SDK asked for got past the policy to the network (where the test stops it).
    expect(external.map(request => request.url).some(url => url.startsWith(host))).toBe(true)
    report(`[csp] ${product}, Antom unreachable, requests the policy let through: ${[...new Set(external.map(request => `${request.type} ${new URL(request.url).origin}`))].sort().join(', ')}`)
    await page.context().close()
  })
})
