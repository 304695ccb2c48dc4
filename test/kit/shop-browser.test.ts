// A shop's own browser test with Playwright (playwright-core and Debian's Chromium here), written with
// nuxt-antom/testing (the README shows it): the buyer pays in the simulated cashier; the server has the last word.
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitForAntomPayment } from '../../src/runtime/testing'
import { browserOptions, isExternal } from '../helpers/browser'
import { prebuilt } from '../helpers/builds'
import { startServer, type RunningServer } from '../helpers/server'

describe('the playground checkout in a browser, tested as a shop tests itself', () => {
  let shop: RunningServer
  let browser: Browser

  beforeAll(async () => {
    shop = await startServer(await prebuilt('playground'))
    browser = await chromium.launch(browserOptions.launch)
  }, 240_000)
  afterAll(async () => {
    await browser?.close()
    await shop?.kill()
  })

  it('pays in the simulated cashier and shows the server\'s SUCCESS', async () => {
    const page = await browser.newPage()
    await page.route(url => isExternal(url), route => route.abort())
    await page.goto(`${shop.url}/`)
    await page.getByTestId('add-mug').click()
    const session = page.waitForResponse(response => response.url().endsWith('/api/_antom/session'))
    await page.getByTestId('go-checkout').click()
    const { paymentRequestId } = await (await session).json() as { paymentRequestId: string }
    await page.getByTestId('antom-sim-pay').click()
    await page.waitForURL(/\/result\?paymentRequestId=/)
    await waitForAntomPayment(shop.url, paymentRequestId, 'SUCCESS')
    await expect.poll(() => page.getByTestId('result-status').textContent()).toBe('SUCCESS')
    await page.close()
  })
})
