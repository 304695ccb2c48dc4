import { $fetch, createPage, setup, url } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import type { AntomSessionResponse } from '../src/runtime/types/routes'
import { browserOptions, isExternal, playgroundDir, screenshotPath } from './helpers/browser'
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
})
