import { $fetch, createPage, setup, url } from '@nuxt/test-utils/e2e'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { advanceSimulatedDispute } from '../src/runtime/testing'
import { auditPage, browserOptions, isExternal, screenshotPath } from './helpers/browser'
import { prebuiltSetup } from './helpers/builds'
import { SIMULATOR_TOKEN } from './helpers/site'

// Antom captures a card 3 s (simulated) after authorising it; at this scale that is 15 s, so the buyer sees the
// authorised order well before the capture arrives.
const TIME_SCALE = 0.2
const CART = encodeURIComponent(JSON.stringify([{ sku: 'mug', quantity: 1 }]))

interface ShopOrderView {
  status: string
  disputes: Record<string, { status: string, defenseDueTime?: string }>
  events: Array<{ what: string }>
}

describe('the playground order page in Chromium: a card authorised, then captured, then a chargeback', async () => {
  await setup(await prebuiltSetup('playground', {
    browser: true,
    browserOptions,
    env: { NUXT_ANTOM_SIMULATOR_TIME_SCALE: String(TIME_SCALE) },
  }))

  const orderStatus = (page: Page) => page.getByTestId('order-status').getAttribute('data-status')
  const stepDone = (page: Page, step: string) => page.getByTestId(`step-${step}`).getAttribute('data-done')
  const dispute = (page: Page) => page.getByTestId('dispute-status').getAttribute('data-status')

  /** Pays the cart with the simulated Payment Element's test card; answers the page on the result page. */
  async function payByCard() {
    const page = await createPage()
    await page.route(request => isExternal(request), route => route.abort())
    await page.context().addCookies([{ name: 'cart', value: CART, url: url('/') }])
    await page.goto(url('/checkout?product=element'), { waitUntil: 'hydration' })
    await page.locator('.antom-simulator-element').waitFor()
    await expect.poll(() => page.locator('.antom-pay').getAttribute('data-status')).toBe('ready')
    await page.getByTestId('antom-sim-card-pays').click()
    await page.locator('.antom-pay__submit button').click()
    await page.waitForURL(/\/result\?paymentRequestId=/)
    return { page, paymentRequestId: new URL(page.url()).searchParams.get('paymentRequestId')! }
  }

  it('shows the order authorised, then captured (paid), then a chargeback opened and judged, each once', async () => {
    const { page, paymentRequestId } = await payByCard()
    await expect.poll(() => page.getByTestId('result-message').textContent(), { timeout: 10_000 }).toMatch(/card is authorised/)

    await page.getByTestId('order-link').click()
    await page.waitForURL(/\/orders\/ord_/)
    const orderId = page.url().split('/orders/')[1]!
    await expect.poll(() => orderStatus(page), { timeout: 10_000 }).toBe('authorised')
    expect(await stepDone(page, 'authorised')).toBe('true')
    expect(await stepDone(page, 'paid')).toBe('false')
    // The buyer's part ended with the authorisation: the cart became the order.
    expect(await page.getByTestId('cart-link').textContent()).toContain('Cart (0)')
    await page.screenshot({ path: screenshotPath('order-authorised'), fullPage: true })
    // The bank cannot dispute money that was never taken: the simulator refuses a chargeback before the capture.
    await expect(advanceSimulatedDispute(url('/'), paymentRequestId, { type: 'DISPUTE_CREATED' }, { token: SIMULATOR_TOKEN }))
      .rejects.toThrow(/HTTP 409 [\s\S]*authorised, not captured/)

    // Antom's automatic capture arrives; the page, polling, moves on by itself.
    await expect.poll(() => orderStatus(page), { timeout: 40_000, interval: 500 }).toBe('paid')
    expect(await stepDone(page, 'paid')).toBe('true')
    expect(await page.getByTestId('step-paid').textContent()).toContain('Payment captured')
    await page.screenshot({ path: screenshotPath('order-captured'), fullPage: true })

    const opened = await advanceSimulatedDispute(url('/'), paymentRequestId, { type: 'DISPUTE_CREATED' }, { token: SIMULATOR_TOKEN })
    expect(opened.status).toBe('DISPUTE_CREATED')
    await expect.poll(async () => Object.keys((await $fetch<ShopOrderView>(`/api/orders/${orderId}`)).disputes)).toEqual([opened.disputeId])
    await page.goto(page.url(), { waitUntil: 'hydration' })
    expect(await dispute(page)).toBe('DISPUTE_CREATED')
    const { defenseDueTime } = (await $fetch<ShopOrderView>(`/api/orders/${orderId}`)).disputes[opened.disputeId]!
    // Antom writes times with an offset (+08:00); the page shows them in UTC.
    expect(defenseDueTime).toMatch(/\+08:00$/)
    const dueUtc = `${new Date(defenseDueTime!).toISOString().slice(0, 19).replace('T', ' ')} UTC`
    expect(await page.getByTestId('dispute').textContent()).toMatch(new RegExp(`disputes USD 12\\.00 \\(Other Fraud[^)]*\\)\\.[\\s\\S]*Defend it by ${dueUtc}`))

    // An open chargeback keeps the page polling: the judgement shows without a reload.
    await advanceSimulatedDispute(url('/'), paymentRequestId, { type: 'DISPUTE_JUDGED', disputeJudgedResult: 'ACCEPT_BY_CUSTOMER' }, { token: SIMULATOR_TOKEN })
    await expect.poll(() => dispute(page), { timeout: 10_000 }).toBe('DISPUTE_JUDGED')
    expect(await page.getByTestId('dispute').textContent()).toContain('the shop keeps the money')
    // A judged dispute never goes back.
    await expect(advanceSimulatedDispute(url('/'), paymentRequestId, { type: 'DEFENSE_DUE_ALERT' }, { token: SIMULATOR_TOKEN })).rejects.toThrow(/HTTP 409/)
    await page.screenshot({ path: screenshotPath('order-dispute'), fullPage: true })

    const { events, status } = await $fetch<ShopOrderView>(`/api/orders/${orderId}`)
    expect(status).toBe('paid')
    expect(events.map(event => event.what)).toEqual(['Order placed', 'Card authorised', 'Payment captured', 'Chargeback opened', 'Chargeback judged'])
    expect(await page.getByTestId('order-history').locator('li').count()).toBe(5)
    expect(await auditPage(page)).toEqual([])
    await page.close()
  })

  it('answers an order that does not exist with a message, and the API with 404', async () => {
    const page = await createPage(url('/orders/ord_nope'))
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your order')
    expect(await page.locator('.message.failed').textContent()).toContain('This order does not exist.')
    await page.close()
    await expect($fetch('/api/orders/ord_nope')).rejects.toMatchObject({ statusCode: 404 })
  })
})
