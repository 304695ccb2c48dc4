// A shop's own end-to-end test, written only with nuxt-antom/testing (the README shows it): a paid order, a failed
// one, a lost notification made up for, and a forged notification refused. It runs against the playground's build.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { armSimulatorFaults, completeSimulatedPayment, createAntomTestKeys, paymentResultNotification, signAntomNotification, waitForAntomPayment } from '../../src/runtime/testing'
import { prebuilt } from '../helpers/builds'
import { startServer, type RunningServer } from '../helpers/server'
import { SIMULATOR_TOKEN } from '../helpers/site'

describe('the playground shop, tested as a shop tests itself', () => {
  let shop: RunningServer
  const token = SIMULATOR_TOKEN
  const openSession = async () => {
    const response = await fetch(`${shop.url}/api/_antom/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: [{ sku: 'mug', quantity: 2 }] }) })
    expect(response.status).toBe(200)
    return response.json() as Promise<{ paymentRequestId: string, amount: { currency: string, value: string } }>
  }
  const orderOf = async (paymentRequestId: string) => (await (await fetch(`${shop.url}/api/orders/by-payment/${paymentRequestId}`)).json()) as { status: string }

  beforeAll(async () => {
    shop = await startServer(await prebuilt('playground'))
  }, 240_000)
  afterAll(() => shop?.kill())

  it('marks the order paid once the simulated payment succeeds', async () => {
    const session = await openSession()
    await completeSimulatedPayment(shop.url, session.paymentRequestId, 'SUCCESS', { token })
    const payment = await waitForAntomPayment(shop.url, session.paymentRequestId, 'SUCCESS')
    expect(payment.amount).toEqual(session.amount)
    expect((await orderOf(session.paymentRequestId)).status).toBe('paid')
  })

  it('keeps the order open when the payment fails', async () => {
    const session = await openSession()
    await completeSimulatedPayment(shop.url, session.paymentRequestId, 'FAIL', { token })
    await waitForAntomPayment(shop.url, session.paymentRequestId, 'FAIL')
    expect((await orderOf(session.paymentRequestId)).status).not.toBe('paid')
  })

  it('finds the result by inquiry when the notification is lost', async () => {
    const session = await openSession()
    await armSimulatorFaults(shop.url, [{ type: 'lost-notification' }], { token })
    await completeSimulatedPayment(shop.url, session.paymentRequestId, 'SUCCESS', { token })
    await waitForAntomPayment(shop.url, session.paymentRequestId, 'SUCCESS', { timeoutMs: 15_000 })
    expect((await orderOf(session.paymentRequestId)).status).toBe('paid')
  })

  it('refuses a notification signed with keys that are not Antom\'s', async () => {
    const session = await openSession()
    const stranger = await createAntomTestKeys()
    const forged = await signAntomNotification({
      body: paymentResultNotification({ paymentRequestId: session.paymentRequestId, amount: session.amount }),
      privateKey: stranger.antom.privateKey,
      clientId: 'SANDBOX_NUXT_ANTOM_SIMULATOR',
      path: '/api/_antom/notify',
    })
    expect((await fetch(`${shop.url}/api/_antom/notify`, { method: 'POST', ...forged })).status).toBe(401)
    expect((await orderOf(session.paymentRequestId)).status).not.toBe('paid')
  })
})
