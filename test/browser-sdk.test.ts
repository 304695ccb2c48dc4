import { createPage, setup, url } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { browserOptions, isExternal, playgroundDir, screenshotPath } from './helpers/browser'
import { generateTestKeyPair } from './helpers/keys'
import { siteSetup } from './helpers/site'

const merchant = generateTestKeyPair()
const antom = generateTestKeyPair()
// A string only the Antom SDK's code contains (a global of its device-fingerprint core), minified or not.
const SDK_MARKER = '__APDID'

describe('playground checkout in Chromium with the real Antom SDK (Antom unreachable)', async () => {
  await setup(await siteSetup({
    rootDir: playgroundDir,
    browser: true,
    browserOptions,
    nuxtConfig: { antom: { storage: { driver: 'memory' } } },
    env: {
      // Keys set: sessions are real-mode sessions (the simulator only stands in as the gateway), so the SDK loads.
      NUXT_ANTOM_CLIENT_ID: 'SANDBOX_BROWSER_TEST',
      NUXT_ANTOM_MERCHANT_PRIVATE_KEY: merchant.privateBase64,
      NUXT_ANTOM_ALIPAY_PUBLIC_KEY: antom.publicBase64,
      NUXT_ANTOM_GATEWAY_URL: '/api/_antom/simulator',
      NUXT_ANTOM_SIMULATOR_MERCHANT_PUBLIC_KEY: merchant.publicBase64,
      NUXT_ANTOM_SIMULATOR_ANTOM_PRIVATE_KEY: antom.privateBase64,
    },
  }))

  async function openPage() {
    const page = await createPage()
    const scripts: Array<{ url: string, at: number, body: string }> = []
    const logs: string[] = []
    const external: string[] = []
    let sessionAnsweredAt = Number.POSITIVE_INFINITY
    await page.route(request => isExternal(request), (route) => {
      external.push(route.request().url())
      return route.abort('internetdisconnected')
    })
    page.on('console', message => logs.push(message.text()))
    page.on('response', async (response) => {
      if (response.url().endsWith('/api/_antom/session')) sessionAnsweredAt = Math.min(sessionAnsweredAt, Date.now())
      if (response.request().resourceType() === 'script' && !isExternal(new URL(response.url()))) {
        scripts.push({ url: response.url(), at: Date.now(), body: await response.text().catch(() => '') })
      }
    })
    // Counts live window 'message' listeners, to see that the SDK's are gone after leaving the page.
    await page.addInitScript(() => {
      const live = new Set<unknown>()
      const add = window.addEventListener.bind(window)
      const remove = window.removeEventListener.bind(window)
      window.addEventListener = ((type: string, listener: unknown, options?: unknown) => {
        if (type === 'message') live.add(listener)
        return add(type, listener as EventListener, options as AddEventListenerOptions)
      }) as typeof window.addEventListener
      window.removeEventListener = ((type: string, listener: unknown, options?: unknown) => {
        if (type === 'message') live.delete(listener)
        return remove(type, listener as EventListener, options as EventListenerOptions)
      }) as typeof window.removeEventListener
      Object.defineProperty(window, '__messageListeners', { get: () => live.size })
    })
    return { page, scripts, logs, external, sessionAnsweredAt: () => sessionAnsweredAt }
  }

  /** Client-side navigation, as a link would do it: the page's listeners are counted across it. */
  async function navigate(page: Awaited<ReturnType<typeof createPage>>, path: string) {
    await page.evaluate(to => (document.querySelector('#__nuxt') as unknown as { __vue_app__: { config: { globalProperties: { $router: { push: (path: string) => Promise<unknown> } } } } }).__vue_app__.config.globalProperties.$router.push(to), path)
  }

  it('keeps the SDK out of other pages and loads it only when <AntomPay> mounts on checkout', async () => {
    const { page, scripts, sessionAnsweredAt } = await openPage()
    await page.goto(url('/'), { waitUntil: 'hydration' })
    const html = await page.content()
    expect(html).not.toContain('ams-checkout')
    expect(scripts.length).toBeGreaterThan(0)
    expect(scripts.filter(script => script.body.includes(SDK_MARKER))).toEqual([])
    await page.getByTestId('add-mug').click()
    await page.getByTestId('go-checkout').click()
    await expect.poll(() => scripts.filter(script => script.body.includes(SDK_MARKER)).length, { timeout: 20_000 }).toBe(1)
    const sdkScript = scripts.find(script => script.body.includes(SDK_MARKER))!
    expect(sdkScript.at).toBeGreaterThanOrEqual(sessionAnsweredAt())
    await page.close()
  })

  it('constructs the SDK with the module\'s environment and the chosen locale, and shows an error state while Antom is unreachable', async () => {
    const { page, logs } = await openPage()
    await page.goto(url('/'), { waitUntil: 'hydration' })
    await page.getByTestId('add-tee').click()
    await page.getByTestId('go-checkout').click()
    await page.getByTestId('locale').selectOption('ja_JP')
    // The SDK logs the options it was constructed with.
    await expect.poll(() => logs.find(line => line.includes('onOptionalInit') && line.includes('"locale":"ja_JP"')), { timeout: 20_000 }).toBeTruthy()
    const init = logs.find(line => line.includes('onOptionalInit') && line.includes('"locale":"ja_JP"'))!
    expect(init).toContain('"environment":"sandbox"')
    await expect.poll(() => page.locator('.antom-pay').getAttribute('data-status'), { timeout: 30_000 }).toBe('error')
    expect(await page.locator('.antom-pay__error[role=alert]').textContent()).toBeTruthy()
    expect(await page.locator('.antom-pay__error button').count()).toBe(1)
    await page.screenshot({ path: screenshotPath('checkout-sdk-unreachable'), fullPage: true })
    // The rest of the page keeps working.
    await page.getByRole('button', { name: 'Empty cart' }).click()
    await expect.poll(() => page.getByTestId('cart-link').textContent()).toContain('(0)')
    await page.close()
  })

  it('leaves no SDK iframe or message listener behind after leaving the checkout page', async () => {
    const { page, scripts } = await openPage()
    const listeners = () => page.evaluate(() => (window as unknown as { __messageListeners: number }).__messageListeners)
    await page.goto(url('/'), { waitUntil: 'hydration' })
    const baseline = await listeners()
    async function visitCheckoutAndLeave() {
      await page.getByTestId('go-checkout').click()
      await expect.poll(() => page.locator('.antom-pay').getAttribute('data-status'), { timeout: 30_000 }).toMatch(/ready|error/)
      await page.locator('a.brand').click()
      await page.waitForURL(url('/'))
      await expect.poll(() => page.evaluate(() => document.querySelectorAll('iframe').length)).toBe(0)
      return listeners()
    }
    await page.getByTestId('add-mug').click()
    const afterFirstVisit = await visitCheckoutAndLeave()
    expect(scripts.some(script => script.body.includes(SDK_MARKER))).toBe(true)
    // axios, bundled in the SDK, adds one listener when the module is imported (its setImmediate polyfill);
    // it is per page load, not per payment. Nothing the SDK instance added may stay.
    expect(afterFirstVisit).toBeLessThanOrEqual(baseline + 1)
    expect(await visitCheckoutAndLeave()).toBe(afterFirstVisit)
    await page.close()
  })

  it.each([
    ['element', 'the real AMSElement', 'checkout-element-sdk-unreachable'],
    ['checkout-page-embedded', 'the real AMSCheckoutPage', 'checkout-page-sdk-unreachable'],
  ])('shows the error state with %s (%s) while Antom is unreachable, and leaves no iframe or listener', async (product, _sdk, screenshot) => {
    const { page, scripts, external } = await openPage()
    const listeners = () => page.evaluate(() => (window as unknown as { __messageListeners: number }).__messageListeners)
    const iframes = () => page.evaluate(() => document.querySelectorAll('iframe').length)
    await page.goto(url('/'), { waitUntil: 'hydration' })
    const baseline = await listeners()
    if (product === 'element') {
      // Antom's session data ends with a part of metadata the element reads first (productScene, amount); the
      // simulator's has none. Given one, the element gets as far as Antom's network, as it would with a real session.
      await page.route('**/api/_antom/session', async (route) => {
        const response = await route.fetch()
        const session = await response.json() as { paymentSessionData: string }
        const metadata = { paymentSessionConfig: { productScene: 'ELEMENT_PAYMENT', paymentMethodCategoryType: 'ALL', productSceneVersion: '1.0' }, paymentSessionFactor: { paymentAmount: { value: '15.00', currency: 'USD' }, merchantInfo: { registeredCountry: 'SG' }, order: {} }, securityConfig: {}, clientId: 'SANDBOX_BROWSER_TEST', extendInfo: '' }
        session.paymentSessionData = `${session.paymentSessionData}&&${Buffer.from(JSON.stringify(metadata)).toString('base64')}`
        await route.fulfill({ response, json: session })
      })
    }
    await page.getByTestId('add-tee').click()
    await navigate(page, `/checkout?product=${product}`)
    await expect.poll(() => page.locator('.antom-pay').getAttribute('data-status'), { timeout: 45_000 }).toBe('error')
    expect(await page.locator('.antom-pay').getAttribute('data-product')).toBe(product === 'element' ? 'element' : 'checkout-page')
    expect(scripts.some(script => script.body.includes(SDK_MARKER))).toBe(true)
    expect(await page.locator('.antom-pay__error[role=alert]').textContent()).toBeTruthy()
    expect(await page.locator('.antom-pay__error button').count()).toBe(1)
    // The SDK's frame is gone with the error, not only once the buyer leaves.
    expect(await iframes()).toBe(0)
    if (product === 'element') {
      // The element did try Antom: its frame and its gateway.
      expect(external.some(address => address.startsWith('https://checkout.antom.com/elements/'))).toBe(true)
      expect(external.some(address => /^https:\/\/imgs-sea-global\.alipay\.com\/mgw\.htm/.test(address))).toBe(true)
    }
    else {
      // AMSCheckoutPage did try Antom's page; the module's check of its address found it unreachable.
      expect(external.some(address => address.startsWith('https://checkout.antom.com/checkout-page/pages/payment/index.html?sessionData='))).toBe(true)
      expect(await page.locator('.antom-pay__error[role=alert]').textContent()).toContain('The payment page could not be loaded.')
    }
    await page.screenshot({ path: screenshotPath(screenshot), fullPage: true })
    await page.locator('a.brand').click()
    await page.waitForURL(url('/'))
    expect(await iframes()).toBe(0)
    // As for the cashier: the SDK's bundled axios adds one listener per page load, nothing per payment stays.
    expect(await listeners()).toBeLessThanOrEqual(baseline + 1)
    await page.close()
  })
})
