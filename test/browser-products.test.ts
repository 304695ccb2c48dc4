import { $fetch, createPage, setup, url } from '@nuxt/test-utils/e2e'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { AntomPaymentStatusResponse, AntomSessionResponse } from '../src/runtime/types/routes'
import type { AxeViolation } from './helpers/browser'
import { auditPage, browserOptions, isExternal, playgroundDir, screenshotPath } from './helpers/browser'
import { siteSetup } from './helpers/site'

const CART = encodeURIComponent(JSON.stringify([{ sku: 'mug', quantity: 1 }, { sku: 'tee', quantity: 1 }]))

describe('Payment Element and the Checkout Page in Chromium, on the simulator', async () => {
  await setup(await siteSetup({
    rootDir: playgroundDir,
    browser: true,
    browserOptions,
    nuxtConfig: { antom: { storage: { driver: 'memory' } } },
  }))

  const status = (id: string) => $fetch<AntomPaymentStatusResponse>(`/api/_antom/payments/${id}`)
  const pageStatus = (page: Page) => page.locator('.antom-pay').getAttribute('data-status')

  /** The playground's checkout with the cart in its cookie and `product` picked; answers the first session. */
  async function openCheckout(product: string, options: { javaScriptEnabled?: boolean } = {}) {
    const page = await createPage(undefined, options)
    const external: string[] = []
    const violations: string[] = []
    await page.route(request => isExternal(request), route => route.abort())
    page.on('request', (request) => {
      if (isExternal(new URL(request.url()))) external.push(request.url())
    })
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text())
    })
    await page.context().addCookies([{ name: 'cart', value: CART, url: url('/') }])
    const sessions: AntomSessionResponse[] = []
    // Read on the way through: the hosted page's checkout leaves the page right after the answer.
    await page.route('**/api/_antom/session', async (route) => {
      const response = await route.fetch()
      if (response.ok()) sessions.push(await response.json())
      await route.fulfill({ response })
    })
    await page.goto(url(`/checkout?product=${product}`), { waitUntil: options.javaScriptEnabled === false ? 'load' : 'hydration' })
    return { page, sessions, external, violations }
  }

  async function result(page: Page, expected: string) {
    await page.waitForURL(/\/result\?paymentRequestId=/)
    await expect.poll(() => page.getByTestId('result-status').textContent(), { timeout: 15_000 }).toBe(expected)
  }

  describe('Payment Element', () => {
    async function openElement() {
      const opened = await openCheckout('element')
      await opened.page.locator('.antom-simulator-element').waitFor()
      await expect.poll(() => pageStatus(opened.page)).toBe('ready')
      return opened
    }
    const payButton = (page: Page) => page.locator('.antom-pay__submit button')

    it('pays with a test card and the Pay button: the server records SUCCESS with the method CARD', async () => {
      const { page, sessions, external } = await openElement()
      expect(sessions).toMatchObject([{ product: 'element', paymentMethodType: '', simulated: true }])
      await page.screenshot({ path: screenshotPath('checkout-element'), fullPage: true })
      await page.getByTestId('antom-sim-card-pays').click()
      await payButton(page).click()
      await result(page, 'SUCCESS')
      expect(await status(sessions[0]!.paymentRequestId)).toMatchObject({ status: 'SUCCESS', paymentMethodType: 'CARD' })
      expect(external).toEqual([])
      await page.close()
    })

    it('fails a 3-D Secure check: that payment is FAIL, the element gets a new session and pays it', async () => {
      const { page, sessions } = await openElement()
      await page.getByTestId('antom-sim-card-3ds').click()
      await payButton(page).click()
      await page.getByRole('dialog', { name: '3-D Secure' }).waitFor()
      expect(await payButton(page).isDisabled()).toBe(true)
      await page.screenshot({ path: screenshotPath('checkout-element-3ds'), fullPage: true })
      await page.getByTestId('antom-sim-3ds-fail').click()
      await expect.poll(() => sessions.length).toBe(2)
      await expect.poll(() => pageStatus(page)).toBe('ready')
      expect(await page.locator('.antom-simulator-element__error').textContent()).toBe('The 3-D Secure check failed. Please try again.')
      await expect.poll(async () => (await status(sessions[0]!.paymentRequestId)).status).toBe('FAIL')
      // The buyer tries again in the same element: the new session is paid.
      await page.getByTestId('antom-sim-card-pays').click()
      await payButton(page).click()
      await result(page, 'SUCCESS')
      expect(page.url()).toContain(sessions[1]!.paymentRequestId)
      await page.close()
    })

    it('declines the decline card in the element: nothing is charged and the session stays payable', async () => {
      const { page, sessions } = await openElement()
      await page.getByTestId('antom-sim-card-declined').click()
      await payButton(page).click()
      await expect.poll(() => page.locator('.antom-simulator-element__error').textContent()).toBe('The card was declined. Try another card.')
      expect(await pageStatus(page)).toBe('ready')
      expect((await status(sessions[0]!.paymentRequestId)).status).toBe('PROCESSING')
      await page.getByTestId('antom-sim-tab-wallet').click()
      await payButton(page).click()
      await result(page, 'SUCCESS')
      expect(await status(sessions[0]!.paymentRequestId)).toMatchObject({ status: 'SUCCESS', paymentMethodType: 'ALIPAY_CN' })
      expect(sessions).toHaveLength(1)
      await page.close()
    })

    it('cancels the 3-D Secure challenge: nothing is paid, the element stays', async () => {
      const { page, sessions } = await openElement()
      await page.getByTestId('antom-sim-card-3ds').click()
      await payButton(page).click()
      await page.getByTestId('antom-sim-3ds-cancel').click()
      await expect.poll(() => page.locator('.antom-simulator-element__error').textContent()).toBe('The 3-D Secure check was cancelled.')
      expect(await pageStatus(page)).toBe('ready')
      expect(await payButton(page).isEnabled()).toBe(true)
      expect((await status(sessions[0]!.paymentRequestId)).status).toBe('PROCESSING')
      expect(sessions).toHaveLength(1)
      await page.close()
    })
  })

  describe('Checkout Page, hosted', () => {
    /** Opens the hosted page from the checkout, counting the scripts the checkout page loads once the buyer clicks. */
    async function openHosted() {
      const opened = await openCheckout('checkout-page')
      const { page } = opened
      expect(await pageStatus(page)).toBe('idle')
      // Nuxt prefetches its error pages once the page is idle: let that happen before the buyer clicks.
      await page.waitForLoadState('networkidle')
      const scriptsAfterClick: string[] = []
      let clicked = false
      page.on('request', (request) => {
        if (clicked && request.resourceType() === 'script') scriptsAfterClick.push(request.url())
      })
      clicked = true
      await page.getByRole('button', { name: 'Continue to payment' }).click()
      await page.waitForURL(/\/simulator\/checkout\//)
      await page.getByTestId('antom-ckp-amount').waitFor()
      return { ...opened, scriptsAfterClick }
    }

    it('pays: one session call, no script, Antom\'s (simulated) page, then the result page', async () => {
      const { page, sessions, scriptsAfterClick } = await openHosted()
      expect(sessions).toMatchObject([{ product: 'checkout-page', normalUrl: expect.stringContaining('/api/_antom/simulator/checkout/') }])
      expect(scriptsAfterClick).toEqual([])
      expect(await page.getByTestId('antom-ckp-amount').textContent()).toBe('USD 37.50')
      await page.screenshot({ path: screenshotPath('checkout-page-hosted'), fullPage: true })
      await page.getByLabel('Alipay').check()
      await page.getByTestId('antom-ckp-pay').click()
      await result(page, 'SUCCESS')
      expect(await status(sessions[0]!.paymentRequestId)).toMatchObject({ status: 'SUCCESS', paymentMethodType: 'ALIPAY_CN' })
      await page.close()
    })

    it('fails on the hosted page: FAIL', async () => {
      const { page, sessions } = await openHosted()
      await page.getByTestId('antom-ckp-fail').click()
      await result(page, 'FAIL')
      expect((await status(sessions[0]!.paymentRequestId)).status).toBe('FAIL')
      await page.close()
    })

    it('goes back to the shop from the hosted page: nothing is paid', async () => {
      const { page, sessions } = await openHosted()
      await page.getByTestId('antom-ckp-cancel').click()
      await result(page, 'PROCESSING')
      expect((await status(sessions[0]!.paymentRequestId)).status).toBe('PROCESSING')
      await page.close()
    })

    it('works with JavaScript off: the form posts the order, the server answers 303 to the hosted page', async () => {
      const { page } = await openCheckout('checkout-page', { javaScriptEnabled: false })
      await page.getByRole('button', { name: 'Continue to payment' }).click()
      await page.waitForURL(/\/simulator\/checkout\//)
      expect(await page.getByTestId('antom-ckp-amount').textContent()).toBe('USD 37.50')
      await page.getByTestId('antom-ckp-pay').click()
      await page.waitForURL(/\/result\?paymentRequestId=/)
      const id = new URL(page.url()).searchParams.get('paymentRequestId')!
      // Without JavaScript the result page cannot poll: the server's status is asked here until the notification is in.
      await expect.poll(async () => (await status(id)).status, { timeout: 15_000 }).toBe('SUCCESS')
      await page.close()
    })
  })

  describe('Checkout Page, embedded', () => {
    async function openEmbedded() {
      const opened = await openCheckout('checkout-page-embedded')
      await opened.page.locator('.antom-simulator-checkout-page').waitFor()
      return opened
    }

    it('pays inside the shop\'s page with the method the buyer picked', async () => {
      const { page, sessions } = await openEmbedded()
      await page.screenshot({ path: screenshotPath('checkout-page-embedded'), fullPage: true })
      await page.getByTestId('antom-ckp-method-ALIPAY_CN').check()
      await page.getByTestId('antom-ckp-pay').click()
      await result(page, 'SUCCESS')
      expect(await status(sessions[0]!.paymentRequestId)).toMatchObject({ status: 'SUCCESS', paymentMethodType: 'ALIPAY_CN' })
      await page.close()
    })

    it('fails: FAIL', async () => {
      const { page, sessions } = await openEmbedded()
      await page.getByTestId('antom-ckp-fail').click()
      await result(page, 'FAIL')
      expect((await status(sessions[0]!.paymentRequestId)).status).toBe('FAIL')
      await page.close()
    })

    it('goes back to the shop: cancelled on the same page, and the same session pays afterwards', async () => {
      const { page, sessions } = await openEmbedded()
      await page.getByTestId('antom-ckp-back').click()
      await expect.poll(() => pageStatus(page)).toBe('cancelled')
      expect(page.url()).toMatch(/\/checkout\?product=checkout-page-embedded$/)
      await page.locator('.antom-pay__result button').click()
      await page.getByTestId('antom-ckp-pay').click()
      await result(page, 'SUCCESS')
      expect(sessions).toHaveLength(1)
      expect(page.url()).toContain(sessions[0]!.paymentRequestId)
      await page.close()
    })
  })

  it('has no WCAG 2.1 A/AA violation (axe-core) in the element, its 3-D Secure challenge, the embedded page and the hosted form', async () => {
    const audits: Record<string, AxeViolation[]> = {}
    const element = await openCheckout('element')
    await element.page.locator('.antom-simulator-element').waitFor()
    audits['element, card tab'] = await auditPage(element.page)
    await element.page.getByTestId('antom-sim-card-3ds').click()
    await element.page.locator('.antom-pay__submit button').click()
    await element.page.getByRole('dialog').waitFor()
    audits['element, 3-D Secure'] = await auditPage(element.page)
    await element.page.getByTestId('antom-sim-3ds-cancel').click()
    await element.page.getByTestId('antom-sim-tab-wallet').click()
    audits['element, wallet tab'] = await auditPage(element.page)
    await element.page.close()
    const embedded = await openCheckout('checkout-page-embedded')
    await embedded.page.locator('.antom-simulator-checkout-page').waitFor()
    audits['checkout page, embedded'] = await auditPage(embedded.page)
    await embedded.page.close()
    const hosted = await openCheckout('checkout-page')
    audits['checkout page, hosted form'] = await auditPage(hosted.page)
    await hosted.page.close()
    expect(audits).toEqual(Object.fromEntries(Object.keys(audits).map(name => [name, []])))
  })
})
