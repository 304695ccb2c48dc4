import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AntomSessionResponse } from '../src/runtime/types/routes'
import { prebuilt } from './helpers/builds'
import { startServer, type RunningServer } from './helpers/server'
import { call } from './helpers/shop'

const PREFIX = '/api/_antom'
const ORDER = { items: [{ sku: 'tee', quantity: 2 }] }
type GatewayCall = { api: string, productScene?: string, paymentMethodType?: string }
type Handled = Array<{ kind: string, paymentRequestId: string }>

/** A form POST as a browser without JavaScript sends it; answers status, location and body, without following. */
function postForm(base: string, path: string, fields: Record<string, string>): Promise<{ status: number, location?: string, text: string }> {
  const body = new URLSearchParams(fields).toString()
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let text = ''
      res.on('data', (chunk) => {
        text += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('Payment Element and the Checkout Page, on the server and the simulator', () => {
  let server: RunningServer
  const sentFor = async (id: string) => (await call<Array<GatewayCall & { paymentRequestId?: string }>>(server.url, `${PREFIX}/simulator/requests?paymentRequestId=${id}`)).body.filter(item => item.api === 'createPaymentSession')
  const open = (product?: string) => call<AntomSessionResponse & { message?: string }>(server.url, `${PREFIX}/session`, { body: { ...ORDER, ...(product ? { product } : {}) } })
  const handledFor = async (id: string) => (await call<Handled>(server.url, '/api/test/handled')).body.filter(item => item.paymentRequestId === id)

  beforeAll(async () => {
    server = await startServer(await prebuilt('shop'))
  }, 240_000)
  afterAll(() => server?.kill())

  it('sends the productScene of each product (none for the cashier), and a fixed method only to the cashier', async () => {
    const cashier = (await open()).body
    expect(cashier).toMatchObject({ product: 'cashier', paymentMethodType: 'ALIPAY_CN' })
    expect(await sentFor(cashier.paymentRequestId)).toEqual([expect.not.objectContaining({ productScene: expect.anything() })])
    expect((await sentFor(cashier.paymentRequestId))[0]).toMatchObject({ paymentMethodType: 'ALIPAY_CN' })

    const element = (await open('element')).body
    expect(element).toMatchObject({ product: 'element', paymentMethodType: '' })
    expect(element.normalUrl).toBeUndefined()
    expect(await sentFor(element.paymentRequestId)).toEqual([{ api: 'createPaymentSession', paymentRequestId: element.paymentRequestId, productScene: 'ELEMENT_PAYMENT', paymentNotifyUrl: expect.any(String), paymentRedirectUrl: expect.any(String), clientIp: '127.0.0.1', at: expect.any(Number) }])

    const page = (await open('checkout-page')).body
    expect(page).toMatchObject({ product: 'checkout-page', paymentMethodType: '' })
    expect(page.normalUrl).toMatch(new RegExp(`^${server.url}${PREFIX}/simulator/checkout/${page.paymentRequestId}\\?token=[0-9a-f]{48}$`))
    expect((await sentFor(page.paymentRequestId))[0]).toMatchObject({ productScene: 'CHECKOUT_PAYMENT' })
  })

  it('refuses an unknown product with 400 naming the choices', async () => {
    const refused = await open('paypal')
    expect(refused.status).toBe(400)
    expect(refused.body.message).toBe('Invalid order: product must be one of cashier, element, checkout-page.')
  })

  it('records the method the buyer picked in Payment Element, from the notification', async () => {
    const element = (await open('element')).body
    const completed = await fetch(`${server.url}${PREFIX}/simulator/payments/${element.paymentRequestId}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ result: 'SUCCESS', paymentSessionData: element.paymentSessionData, paymentMethodType: 'CARD' }) })
    expect(completed.status).toBe(200)
    // A card is authorised first: PENDING (capture PENDING) until Antom's automatic capture a few seconds later.
    await expect.poll(async () => (await call<{ status: string, paymentMethodType: string }>(server.url, `${PREFIX}/payments/${element.paymentRequestId}`)).body).toMatchObject({ status: 'PENDING', captureStatus: 'PENDING', paymentMethodType: 'CARD' })
    await expect.poll(async () => (await call<{ status: string, paymentMethodType: string }>(server.url, `${PREFIX}/payments/${element.paymentRequestId}`)).body, { timeout: 15_000, interval: 500 }).toMatchObject({ status: 'SUCCESS', captureStatus: 'SUCCESS', paymentMethodType: 'CARD' })
  })

  it('checks out without JavaScript: a form POST answers 303 to the hosted page, whose Pay ends at the redirect URL, paid once', async () => {
    const form = await postForm(server.url, `${PREFIX}/checkout`, { order: JSON.stringify(ORDER) })
    expect(form.status).toBe(303)
    const hosted = new URL(form.location!)
    const paymentRequestId = hosted.pathname.split('/').at(-1)!
    const page = await fetch(hosted)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    const html = await page.text()
    expect(html).toContain('USD 51.00')
    expect(html).not.toMatch(/<script/i)
    const paid = await postForm(server.url, hosted.pathname, { token: hosted.searchParams.get('token')!, action: 'pay', paymentMethodType: 'ALIPAY_CN' })
    expect(paid.status).toBe(303)
    expect(paid.location).toBe(`${server.url}/result?paymentRequestId=${paymentRequestId}`)
    await expect.poll(() => handledFor(paymentRequestId)).toEqual([{ kind: 'succeeded', paymentRequestId, status: 'SUCCESS' }])
    // The page of a paid payment says so and offers nothing to press.
    expect(await (await fetch(hosted)).text()).toMatch(/This payment is SUCCESS\./)
    expect((await postForm(server.url, hosted.pathname, { token: hosted.searchParams.get('token')!, action: 'pay' })).status).toBe(409)
  })

  it('goes back to the shop on Cancel without paying, and shows the page only with its token', async () => {
    const session = (await open('checkout-page')).body
    const hosted = new URL(session.normalUrl!)
    const back = await postForm(server.url, hosted.pathname, { token: hosted.searchParams.get('token')!, action: 'cancel' })
    expect(back).toMatchObject({ status: 303, location: `${server.url}/result?paymentRequestId=${session.paymentRequestId}` })
    expect((await call<{ status: string }>(server.url, `${PREFIX}/payments/${session.paymentRequestId}`)).body.status).toBe('PROCESSING')
    expect((await fetch(`${server.url}${hosted.pathname}?token=${'0'.repeat(48)}`)).status).toBe(404)
    expect((await postForm(server.url, hosted.pathname, { token: 'wrong', action: 'pay' })).status).toBe(404)
    expect((await call<{ status: string }>(server.url, `${PREFIX}/payments/${session.paymentRequestId}`)).body.status).toBe('PROCESSING')
  })

  it('answers a form without a readable order with 400', async () => {
    const form = await postForm(server.url, `${PREFIX}/checkout`, { order: '{not json' })
    expect(form.status).toBe(400)
    expect(JSON.parse(form.text).message).toMatch(/needs an `order` field holding the order as JSON/)
  })
})
