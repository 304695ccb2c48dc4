import { $fetch, fetch, setup } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import type { AntomPaymentStatusResponse, AntomSessionResponse } from '../src/runtime/types/routes'
import { operator } from './helpers/site'
import { prebuiltSetup } from './helpers/builds'

const PREFIX = '/api/_antom'
type Handled = Array<{ kind: string, paymentRequestId: string, status: string }>

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } })
}

describe('payment flow on the simulator (no keys configured)', async () => {
  await setup(await prebuiltSetup('shop'))

  const createSession = (body: object) => $fetch<AntomSessionResponse>(`${PREFIX}/session`, { method: 'POST', body })
  const status = (id: string) => $fetch<AntomPaymentStatusResponse>(`${PREFIX}/payments/${id}`)
  const handledFor = async (id: string) => (await $fetch<Handled>('/api/test/handled')).filter(item => item.paymentRequestId === id)

  it('prices the order on the server, whatever amount the request carries', async () => {
    const session = await createSession({ items: [{ sku: 'mug', quantity: 2 }, { sku: 'tee', quantity: 1 }], amount: { currency: 'USD', value: '1' }, paymentAmount: { currency: 'USD', value: '1' }, currency: 'JPY' })
    expect(session.amount).toEqual({ currency: 'USD', value: '4950' })
    expect(session.simulated).toBe(true)
    expect(session.paymentRequestId).toMatch(/^pr_[0-9a-f]{32}$/)
    expect(session.paymentSessionData).toMatch(/&&SG&&111$/)
    expect(session.paymentMethodType).toBe('ALIPAY_CN')
    const deliveries = await $fetch<unknown[]>(`${PREFIX}/simulator/deliveries?paymentRequestId=${session.paymentRequestId}`, { headers: operator })
    expect(deliveries).toEqual([])
    expect((await status(session.paymentRequestId)).amount).toEqual({ currency: 'USD', value: '4950' })
  })

  it('generates a new unguessable paymentRequestId per session', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => createSession({ items: [{ sku: 'mug', quantity: 1 }] }).then(session => session.paymentRequestId)))
    expect(new Set(ids).size).toBe(3)
  })

  it('goes from PROCESSING to SUCCESS through the simulator\'s notification, running the handler once', async () => {
    const session = await createSession({ items: [{ sku: 'tee', quantity: 2 }], paymentMethodType: 'GCASH' })
    expect(session.paymentMethodType).toBe('GCASH')
    const before = await status(session.paymentRequestId)
    expect(before).toMatchObject({ status: 'PROCESSING', final: false, amount: { currency: 'USD', value: '5100' }, paymentMethodType: 'GCASH' })
    const completed = await $fetch<{ redirectUrl: string }>(`${PREFIX}/simulator/payments/${session.paymentRequestId}/complete`, { headers: operator, method: 'POST', body: { result: 'SUCCESS' } })
    expect(completed.redirectUrl).toMatch(new RegExp(`/result\\?paymentRequestId=${session.paymentRequestId}$`))
    await expect.poll(() => handledFor(session.paymentRequestId)).toEqual([{ kind: 'succeeded', paymentRequestId: session.paymentRequestId, status: 'SUCCESS' }])
    const after = await status(session.paymentRequestId)
    expect(after).toMatchObject({ status: 'SUCCESS', final: true })
    expect(after.paidAt).toBeTruthy()
    expect(Object.keys(after).sort()).toEqual(['amount', 'createdAt', 'final', 'paidAt', 'paymentMethodType', 'paymentRequestId', 'status', 'updatedAt'])
    const [delivery] = await $fetch<Array<{ state: string, url: string, attempts: unknown[] }>>(`${PREFIX}/simulator/deliveries?paymentRequestId=${session.paymentRequestId}`, { headers: operator })
    expect(delivery).toMatchObject({ state: 'acknowledged' })
    expect(delivery!.attempts).toHaveLength(1)
  })

  it('finds a result by inquiry when no notification arrives, and runs the handler once', async () => {
    const session = await createSession({ items: [{ sku: 'mug', quantity: 1 }] })
    await $fetch(`${PREFIX}/simulator/faults`, { headers: operator, method: 'POST', body: { faults: [{ type: 'lost-notification' }] } })
    await $fetch(`${PREFIX}/simulator/payments/${session.paymentRequestId}/complete`, { headers: operator, method: 'POST', body: { result: 'FAIL' } })
    await expect.poll(async () => (await status(session.paymentRequestId)).status, { interval: 500, timeout: 6000 }).toBe('FAIL')
    expect(await handledFor(session.paymentRequestId)).toEqual([{ kind: 'failed', paymentRequestId: session.paymentRequestId, status: 'FAIL' }])
    expect(await $fetch<unknown[]>(`${PREFIX}/simulator/deliveries?paymentRequestId=${session.paymentRequestId}`, { headers: operator })).toEqual([])
    await status(session.paymentRequestId)
    expect(await handledFor(session.paymentRequestId)).toHaveLength(1)
  })

  it('refunds through the server utils and runs the refund handler on REFUND_RESULT', async () => {
    const session = await createSession({ items: [{ sku: 'mug', quantity: 1 }] })
    await $fetch(`${PREFIX}/simulator/payments/${session.paymentRequestId}/complete`, { headers: operator, method: 'POST', body: { result: 'SUCCESS' } })
    await expect.poll(async () => (await status(session.paymentRequestId)).status).toBe('SUCCESS')
    const refund = await $fetch<{ refundRequestId: string, status: string }>('/api/test/refund', { method: 'POST', body: { paymentRequestId: session.paymentRequestId, value: '500' } })
    expect(refund.status).toBe('SUCCESS')
    await expect.poll(async () => (await handledFor(session.paymentRequestId)).map(item => item.kind)).toEqual(['succeeded', 'refund'])
    // 12.00 paid, 5.00 refunded: 8.00 more is refused before Antom is asked, and records nothing.
    const tooMuch = await post('/api/test/refund', { paymentRequestId: session.paymentRequestId, value: '800' })
    expect(tooMuch.status).toBe(422)
    expect((await tooMuch.json()).message).toMatch(/exceeds what is left to refund .* \(700 USD minor units\)/)
    const rest = await $fetch<{ status: string }>('/api/test/refund', { method: 'POST', body: { paymentRequestId: session.paymentRequestId, value: '700' } })
    expect(rest.status).toBe('SUCCESS')
    expect((await post('/api/test/refund', { paymentRequestId: session.paymentRequestId, value: '1' })).status).toBe(422)
  })

  it('refuses to refund a payment that is not paid (409), and records an F refund answer as FAIL', async () => {
    const unpaid = await createSession({ items: [{ sku: 'mug', quantity: 1 }] })
    const early = await post('/api/test/refund', { paymentRequestId: unpaid.paymentRequestId, value: '100' })
    expect(early.status).toBe(409)
    expect((await early.json()).message).toMatch(/is PROCESSING; only paid payments can be refunded/)

    const paid = await createSession({ items: [{ sku: 'mug', quantity: 1 }] })
    await $fetch(`${PREFIX}/simulator/payments/${paid.paymentRequestId}/complete`, { headers: operator, method: 'POST', body: { result: 'SUCCESS' } })
    await expect.poll(async () => (await status(paid.paymentRequestId)).status).toBe('SUCCESS')
    await $fetch(`${PREFIX}/simulator/faults`, { headers: operator, method: 'POST', body: { faults: [{ type: 'result-f', api: 'refund', resultCode: 'REFUND_WINDOW_EXCEED' }] } })
    const refused = await post('/api/test/refund', { paymentRequestId: paid.paymentRequestId, value: '1200' })
    expect(refused.status).toBe(422)
    expect((await refused.json()).data).toMatchObject({ resultStatus: 'F', resultCode: 'REFUND_WINDOW_EXCEED' })
    const record = await $fetch<{ refunds: Record<string, { status: string }> }>(`/api/test/payment?paymentRequestId=${paid.paymentRequestId}`)
    expect(Object.values(record.refunds).map(refund => refund.status)).toEqual(['FAIL'])
    // A failed refund gave nothing back: the whole amount can still be refunded.
    const full = await $fetch<{ status: string }>('/api/test/refund', { method: 'POST', body: { paymentRequestId: paid.paymentRequestId, value: '1200' } })
    expect(full.status).toBe('SUCCESS')
  })

  it('cancels an unpaid payment through the server utils: CANCELLED, failure handler once, no later payment', async () => {
    const session = await createSession({ items: [{ sku: 'mug', quantity: 1 }] })
    const cancelled = await $fetch<{ status: string }>('/api/test/cancel', { method: 'POST', body: { paymentRequestId: session.paymentRequestId } })
    expect(cancelled.status).toBe('CANCELLED')
    expect(await status(session.paymentRequestId)).toMatchObject({ status: 'CANCELLED', final: true })
    expect(await handledFor(session.paymentRequestId)).toEqual([{ kind: 'failed', paymentRequestId: session.paymentRequestId, status: 'CANCELLED' }])
    const late = await fetch(`${PREFIX}/simulator/payments/${session.paymentRequestId}/complete`, { method: 'POST', body: JSON.stringify({ result: 'SUCCESS' }), headers: { ...operator, 'content-type': 'application/json' } })
    expect(late.status).toBe(409)
    const again = await post('/api/test/cancel', { paymentRequestId: session.paymentRequestId })
    expect(again.status).toBe(409)
    expect((await again.json()).message).toBe(`Payment ${session.paymentRequestId} is already CANCELLED.`)
    expect(await handledFor(session.paymentRequestId)).toHaveLength(1)
  })

  it('refuses to cancel a paid payment (409, saying to refund) without asking Antom', async () => {
    const session = await createSession({ items: [{ sku: 'mug', quantity: 1 }] })
    await $fetch(`${PREFIX}/simulator/payments/${session.paymentRequestId}/complete`, { headers: operator, method: 'POST', body: { result: 'SUCCESS' } })
    await expect.poll(async () => (await status(session.paymentRequestId)).status).toBe('SUCCESS')
    const cancel = await post('/api/test/cancel', { paymentRequestId: session.paymentRequestId })
    expect(cancel.status).toBe(409)
    expect((await cancel.json()).message).toMatch(/cannot be cancelled; refund it with refundAntomPayment/)
    expect(await status(session.paymentRequestId)).toMatchObject({ status: 'SUCCESS' })
    const cancelCalls = (await $fetch<Array<{ api: string, paymentRequestId?: string }>>(`${PREFIX}/simulator/requests?paymentRequestId=${session.paymentRequestId}`, { headers: operator })).filter(call => call.api === 'cancel')
    expect(cancelCalls).toEqual([])
  })

  it('answers 404 for a payment it did not create', async () => {
    const response = await fetch(`${PREFIX}/payments/pr_00000000000000000000000000000000`)
    expect(response.status).toBe(404)
    expect((await response.json()).message).toMatch(/No payment pr_0+/)
  })

  it('refuses malformed input on every route with 4xx and a message naming the problem', async () => {
    const cases: Array<[Promise<Response>, number, RegExp]> = [
      [post(`${PREFIX}/session`, '{not json'), 400, /JSON|body/i],
      [post(`${PREFIX}/session`, '[1,2]'), 400, /JSON object/],
      [post(`${PREFIX}/session`, {}), 400, /items/],
      [post(`${PREFIX}/session`, { items: [{ sku: 'mug', quantity: 0 }] }), 400, /items\.0\.quantity/],
      [post(`${PREFIX}/session`, { items: [{ sku: 'yacht', quantity: 1 }] }), 400, /Unknown product yacht/],
      [post(`${PREFIX}/session`, { items: [{ sku: 'mug', quantity: 1 }], paymentMethodType: 'BITCOIN' }), 400, /paymentMethodType must be one of ALIPAY_CN, GCASH/],
      [post(`${PREFIX}/session`, { items: [{ sku: 'mug', quantity: 1 }], terminalType: 'TV' }), 400, /terminalType/],
      [fetch(`${PREFIX}/payments/${'x'.repeat(65)}`), 400, /paymentRequestId/],
      [fetch(`${PREFIX}/payments/a%20b`), 400, /paymentRequestId/],
      [post(`${PREFIX}/notify`, '{}'), 401, /client-id, request-time or signature/],
      [post(`${PREFIX}/notify`, 'garbage', { 'client-id': 'SANDBOX_NUXT_ANTOM_SIMULATOR', 'request-time': 'x', 'signature': 'algorithm=RSA256,keyVersion=1,signature=abc' }), 401, /does not verify/],
    ]
    for (const [request, statusCode, message] of cases) {
      const response = await request
      const text = await response.text()
      expect(response.status, text).toBe(statusCode)
      expect(JSON.parse(text).message, text).toMatch(message)
    }
  })
})
