import { $fetch, createPage, setup, url } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import type { AntomSessionResponse } from '../src/runtime/types/routes'
import type { AxeViolation } from './helpers/browser'
import { auditPage, browserOptions, isExternal, playgroundDir, screenshotPath, tabTo } from './helpers/browser'
import { siteSetup } from './helpers/site'

describe('playground checkout in Chromium, on the simulator', async () => {
  await setup(await siteSetup({
    rootDir: playgroundDir,
    browser: true,
    browserOptions,
    nuxtConfig: { antom: { storage: { driver: 'memory' } } },
  }))

  async function openCheckout() {
    const page = await createPage()
    const external: string[] = []
    await page.route(request => isExternal(request), route => route.abort())
    page.on('request', (request) => {
      if (isExternal(new URL(request.url()))) external.push(request.url())
    })
    await page.goto(url('/'), { waitUntil: 'hydration' })
    await page.getByTestId('add-mug').click()
    await page.getByTestId('add-tee').click()
    const sessionResponse = page.waitForResponse(response => response.url().endsWith('/api/_antom/session'))
    await page.getByTestId('go-checkout').click()
    const session = await (await sessionResponse).json() as AntomSessionResponse
    await page.locator('.antom-simulator-cashier').waitFor()
    return { page, session, external }
  }

  it('pays in the simulated cashier; the result page shows SUCCESS from the server', async () => {
    const { page, session, external } = await openCheckout()
    expect(session.simulated).toBe(true)
    expect(session.amount).toEqual({ currency: 'USD', value: '3750' })
    expect(await page.locator('.antom-simulator-cashier__amount').textContent()).toContain('37.50')
    expect(await page.locator('.antom-pay').getAttribute('data-status')).toBe('ready')
    await page.screenshot({ path: screenshotPath('checkout'), fullPage: true })
    await page.getByTestId('antom-sim-pay').click()
    await page.waitForURL(/\/result\?paymentRequestId=/)
    await expect.poll(() => page.getByTestId('result-status').textContent(), { timeout: 15_000 }).toBe('SUCCESS')
    await expect.poll(() => page.getByTestId('order-status').textContent(), { timeout: 10_000 }).toBe('paid')
    // Paid: the cart became the order (even when the status arrived before the order did).
    expect(await page.getByTestId('cart-link').textContent()).toContain('Cart (0)')
    expect(await page.getByTestId('result-message').textContent()).toMatch(/payment was received/)
    await page.screenshot({ path: screenshotPath('result-paid'), fullPage: true })
    expect((await $fetch<{ status: string }>(`/api/_antom/payments/${session.paymentRequestId}`)).status).toBe('SUCCESS')
    expect(external).toEqual([])
    await page.close()
  })

  it('fails in the simulated cashier; the result page shows FAIL from the server', async () => {
    const { page, session } = await openCheckout()
    await page.getByTestId('antom-sim-fail').click()
    await page.waitForURL(/\/result\?paymentRequestId=/)
    await expect.poll(() => page.getByTestId('result-status').textContent(), { timeout: 15_000 }).toBe('FAIL')
    expect(await page.getByTestId('result-message').textContent()).toMatch(/did not go through/)
    await page.screenshot({ path: screenshotPath('result-failed'), fullPage: true })
    expect((await $fetch<{ status: string }>(`/api/_antom/payments/${session.paymentRequestId}`)).status).toBe('FAIL')
    await page.close()
  })

  it('cancels in the simulated cashier: nothing is charged and the same session can still be paid', async () => {
    const { page, session } = await openCheckout()
    await page.getByTestId('antom-sim-cancel').click()
    await expect.poll(() => page.locator('.antom-pay').getAttribute('data-status')).toBe('cancelled')
    expect(page.url()).toMatch(/\/checkout$/)
    expect((await $fetch<{ status: string }>(`/api/_antom/payments/${session.paymentRequestId}`)).status).toBe('PROCESSING')
    await page.locator('.antom-pay__result button').first().click()
    await page.getByTestId('antom-sim-pay').click()
    await page.waitForURL(new RegExp(`paymentRequestId=${session.paymentRequestId}`))
    await expect.poll(() => page.getByTestId('result-status').textContent(), { timeout: 15_000 }).toBe('SUCCESS')
    await page.close()
  })

  const cartCookie = (lines: Array<{ sku: string, quantity: number }>) => encodeURIComponent(JSON.stringify(lines))

  it('renders <AntomPay>\'s loading state on the server, nothing of the SDK, and hydrates without a mismatch', async () => {
    const html = await $fetch<string>('/checkout', { headers: { cookie: `cart=${cartCookie([{ sku: 'mug', quantity: 1 }])}` } })
    const root = /<div class="antom-pay"[^>]*>/.exec(html)?.[0]
    expect(root).toContain('data-status="idle"')
    expect(root).toContain('aria-busy="true"')
    expect(html).toContain('Preparing your payment…')
    expect(html).not.toContain('ams-checkout')
    expect(html).not.toContain('antom-simulator-cashier')

    const page = await createPage()
    const logs: string[] = []
    page.on('console', message => logs.push(message.text()))
    await page.route(request => isExternal(request), route => route.abort())
    await page.context().addCookies([{ name: 'cart', value: cartCookie([{ sku: 'mug', quantity: 1 }]), url: url('/') }])
    await page.goto(url('/checkout'), { waitUntil: 'hydration' })
    await page.locator('.antom-simulator-cashier').waitFor()
    expect(logs.filter(line => /hydrat/i.test(line))).toEqual([])
    await page.close()
  })

  it('speaks the chosen locale: the simulated cashier and the live region in Chinese', async () => {
    const { page } = await openCheckout()
    await page.getByTestId('locale').selectOption('zh_CN')
    await expect.poll(() => page.getByTestId('antom-sim-pay').textContent(), { timeout: 10_000 }).toBe('支付')
    expect(await page.locator('.antom-simulator-cashier__title').textContent()).toBe('Antom 模拟器')
    expect(await page.locator('.antom-pay__live').textContent()).toContain('已准备好支付。')
    await page.close()
  })

  it('has no WCAG 2.1 A/AA violation (axe-core) on any playground page or in any state of <AntomPay>', async () => {
    const page = await createPage()
    await page.route(request => isExternal(request), route => route.abort())
    const audits: Record<string, AxeViolation[]> = {}
    const audit = async (name: string) => {
      audits[name] = await auditPage(page)
    }
    const status = () => page.locator('.antom-pay').getAttribute('data-status')

    await page.goto(url('/'), { waitUntil: 'hydration' })
    await audit('products')
    await page.getByTestId('go-checkout').click()
    await page.getByText('Your cart is empty.').waitFor()
    await audit('checkout, empty cart')

    // Loading: the session answer is held back.
    let releaseSession!: () => void
    const sessionHeld = new Promise<void>(resolve => (releaseSession = resolve))
    await page.route('**/api/_antom/session', async (route) => {
      await sessionHeld
      await route.continue()
    })
    await page.locator('a.brand').click()
    await page.getByTestId('add-tee').click()
    await page.getByTestId('go-checkout').click()
    await expect.poll(status).toBe('creating-session')
    await audit('<AntomPay> loading')
    releaseSession()
    await page.locator('.antom-simulator-cashier').waitFor()
    await audit('<AntomPay> ready, simulated cashier')
    await page.unroute('**/api/_antom/session')

    await page.getByTestId('antom-sim-cancel').click()
    await expect.poll(status).toBe('cancelled')
    await audit('<AntomPay> cancelled (result)')

    // Error: a new session (another payment method) that the server refuses.
    await page.route('**/api/_antom/session', route => route.fulfill({ status: 500, json: { statusCode: 500, message: 'Server Error' } }))
    await page.getByTestId('method').selectOption('GCASH')
    await expect.poll(status).toBe('error')
    await audit('<AntomPay> error')
    await page.unroute('**/api/_antom/session')
    await page.locator('.antom-pay__error button').click()
    await page.locator('.antom-simulator-cashier').waitFor()

    // Confirming: the status answer is held back.
    let releaseStatus!: () => void
    const statusHeld = new Promise<void>(resolve => (releaseStatus = resolve))
    await page.route('**/api/_antom/payments/**', async (route) => {
      await statusHeld
      await route.continue()
    })
    await page.getByTestId('antom-sim-pay').click()
    await expect.poll(status).toBe('confirming')
    await audit('<AntomPay> confirming')
    releaseStatus()
    await page.waitForURL(/\/result\?paymentRequestId=/)
    await expect.poll(() => page.getByTestId('result-status').textContent(), { timeout: 15_000 }).toBe('SUCCESS')
    await audit('result, paid')

    await page.goto(url('/result?paymentRequestId=pr_unknown'), { waitUntil: 'hydration' })
    await page.getByTestId('result-error').waitFor()
    await audit('result, unknown payment')

    expect(audits).toEqual(Object.fromEntries(Object.keys(audits).map(name => [name, []])))
    expect(Object.keys(audits)).toHaveLength(9)
    await page.close()
  })

  it('can be paid with the keyboard alone: Tab, Enter and Space', async () => {
    const page = await createPage()
    await page.route(request => isExternal(request), route => route.abort())
    await page.goto(url('/'), { waitUntil: 'hydration' })
    await tabTo(page, '[data-testid="add-mug"]')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('cart-link').textContent()).toContain('(1)')
    await tabTo(page, '[data-testid="go-checkout"]')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/checkout$/)
    await page.locator('.antom-simulator-cashier').waitFor()
    await tabTo(page, '[data-testid="antom-sim-pay"]')
    await page.keyboard.press('Space')
    await page.waitForURL(/\/result\?paymentRequestId=/)
    await expect.poll(() => page.getByTestId('result-status').textContent(), { timeout: 15_000 }).toBe('SUCCESS')
    await page.close()
  })
})
