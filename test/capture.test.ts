import { $fetch, fetch, setup } from '@nuxt/test-utils/e2e'
import { afterEach, describe, expect, it } from 'vitest'
import type { AntomPaymentRecord } from '../src/runtime/types/payments'
import type { AntomPaymentStatusResponse, AntomSessionResponse } from '../src/runtime/types/routes'
import type { AntomReconcileSummary } from '../src/runtime/server/utils/reconcile'
import { captureResultNotification } from '../src/runtime/testing'
import { ACK, captureResult, paymentResult, signedNotification, testPaymentId } from './helpers/notifications'
import { shopCredentials } from './helpers/shop'
import { operator } from './helpers/site'
import { prebuiltSetup } from './helpers/builds'

const PREFIX = '/api/_antom'
const CLIENT_ID = 'SANDBOX_SHOP_CAPTURE'
const { antom, env } = shopCredentials(CLIENT_ID)
type Handled = Array<{ kind: string, paymentRequestId: string, status: string }>
type Delivery = { notifyType: string, state: string, attempts: unknown[], payload: Record<string, unknown> }
type GatewayCall = { api: string, paymentRequestId?: string, captureRequestId?: string, captureMode?: string }

describe('cards: authorise, then capture', async () => {
  // Configured as for real Antom with the simulator as the gateway, so this test can also sign Antom's notifications.
  await setup(await prebuiltSetup('shop', { env }))

  const sign = (body: object) => signedNotification(body, { key: antom.privateKey, clientId: CLIENT_ID, path: `${PREFIX}/notify` })
  const notify = (body: object) => fetch(`${PREFIX}/notify`, sign(body))
  const post = (path: string, body: unknown) => fetch(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(path.includes('/simulator/') ? operator : {}) } })
  const faults = (list: object[]) => $fetch(`${PREFIX}/simulator/faults`, { method: 'POST', headers: operator, body: { faults: list } })
  const status = (id: string) => $fetch<AntomPaymentStatusResponse>(`${PREFIX}/payments/${id}`)
  const stored = (id: string) => $fetch<AntomPaymentRecord>(`/api/test/payment?paymentRequestId=${id}`)
  const kinds = async (id: string) => (await $fetch<Handled>('/api/test/handled')).filter(item => item.paymentRequestId === id).map(item => item.kind)
  const deliveries = (id: string) => $fetch<Delivery[]>(`${PREFIX}/simulator/deliveries?paymentRequestId=${id}`, { headers: operator })
  /** Every capture call the simulated gateway received (they name the payment by Antom's id, not this app's). */
  const captureCalls = async () => (await $fetch<GatewayCall[]>(`${PREFIX}/simulator/requests`, { headers: operator })).filter(call => call.api === 'capture')
  const cardSession = () => $fetch<AntomSessionResponse>(`${PREFIX}/session`, { method: 'POST', body: { items: [{ sku: 'mug', quantity: 1 }], paymentMethodType: 'CARD' } })
  const manualSession = () => $fetch<AntomSessionResponse>('/api/test/session-manual', { method: 'POST', body: { value: '1200' } })
  const pay = async (id: string) => expect((await post(`${PREFIX}/simulator/payments/${id}/complete`, { result: 'SUCCESS' })).status).toBe(200)

  afterEach(() => faults([]))

  it('says SUCCESS only once Antom\'s automatic capture took the money: succeeded, then captured, each once', async () => {
    const { paymentRequestId } = await cardSession()
    await pay(paymentRequestId)
    await expect.poll(() => kinds(paymentRequestId)).toContain('succeeded')
    // Authorised: the capture is a few seconds away, and the buyer is not told "paid" before it.
    const authorised = await status(paymentRequestId)
    expect(authorised).toMatchObject({ status: 'PENDING', final: false, captureStatus: 'PENDING' })
    expect(authorised.authorizedAt).toBeTruthy()
    expect(authorised.paidAt).toBeUndefined()
    await expect.poll(() => kinds(paymentRequestId), { timeout: 15_000, interval: 200 }).toEqual(['succeeded', 'captured'])
    const paid = await status(paymentRequestId)
    expect(paid).toMatchObject({ status: 'SUCCESS', final: true, captureStatus: 'SUCCESS' })
    expect(paid.paidAt).toBeTruthy()
    const record = await stored(paymentRequestId)
    expect(record).toMatchObject({ status: 'SUCCESS', captureMode: 'AUTOMATIC', capture: { status: 'SUCCESS', mode: 'AUTOMATIC', handledStatus: 'SUCCESS', amount: { currency: 'USD', value: '1200' } } })
    expect(record.capture!.captureRequestId).toBeTruthy()
    await expect.poll(async () => (await deliveries(paymentRequestId)).map(item => `${item.notifyType} ${item.state}`)).toEqual(['PAYMENT_RESULT acknowledged', 'CAPTURE_RESULT acknowledged'])
    const hooks = (await $fetch<Array<{ hook: string, paymentRequestId: string, source: string, status: string }>>('/api/test/hooks')).filter(item => item.paymentRequestId === paymentRequestId)
    expect(hooks).toEqual([{ hook: 'antom:payment', paymentRequestId, source: 'capture', status: 'SUCCESS' }])
  })

  it('reports a failed capture as FAIL to the buyer, runs onCaptureFailed once, and refuses to refund it', async () => {
    await faults([{ type: 'capture-fail', resultCode: 'AUTH_EXPIRED' }])
    const { paymentRequestId } = await cardSession()
    await pay(paymentRequestId)
    await expect.poll(() => kinds(paymentRequestId), { timeout: 15_000, interval: 200 }).toEqual(['succeeded', 'capture-failed'])
    expect(await status(paymentRequestId)).toMatchObject({ status: 'FAIL', final: true, captureStatus: 'FAIL' })
    expect((await stored(paymentRequestId)).capture).toMatchObject({ status: 'FAIL', resultCode: 'AUTH_EXPIRED' })
    const refund = await post('/api/test/refund', { paymentRequestId, value: '100' })
    expect(refund.status).toBe(409)
    expect((await refund.json()).message).toMatch(/not captured/)
  })

  it('finds a late capture by inquiry, and the late CAPTURE_RESULT runs nothing again', async () => {
    await faults([{ type: 'late-capture', delayMs: 9000 }])
    const { paymentRequestId } = await cardSession()
    await pay(paymentRequestId)
    // The status route asks Antom while the capture is awaited: the inquiry's transactions show it.
    await expect.poll(async () => (await status(paymentRequestId)).status, { timeout: 15_000, interval: 500 }).toBe('SUCCESS')
    expect(await kinds(paymentRequestId)).toEqual(['succeeded', 'captured'])
    const capture = (await deliveries(paymentRequestId)).find(item => item.notifyType === 'CAPTURE_RESULT')!
    expect(capture.attempts).toEqual([])
    await expect.poll(async () => (await deliveries(paymentRequestId)).find(item => item.notifyType === 'CAPTURE_RESULT')!.state, { timeout: 20_000, interval: 500 }).toBe('acknowledged')
    expect(await kinds(paymentRequestId)).toEqual(['succeeded', 'captured'])
  })

  it('captures a manual authorisation when the shop says so: never more than authorised, once, however often it retries', async () => {
    const { paymentRequestId } = await manualSession()
    const [session] = (await $fetch<GatewayCall[]>(`${PREFIX}/simulator/requests?paymentRequestId=${paymentRequestId}`, { headers: operator })).filter(call => call.api === 'createPaymentSession')
    expect(session).toMatchObject({ captureMode: 'MANUAL', paymentMethodType: 'CARD' })
    await pay(paymentRequestId)
    await expect.poll(() => kinds(paymentRequestId)).toEqual(['succeeded'])
    // Nobody captures it but the shop. A control: an automatic card payment authorised after it is captured by Antom;
    // by then an automatic capture of this one would have happened too, and it has not.
    const control = await cardSession()
    await pay(control.paymentRequestId)
    await expect.poll(() => kinds(control.paymentRequestId), { timeout: 15_000, interval: 200 }).toEqual(['succeeded', 'captured'])
    expect(await status(paymentRequestId)).toMatchObject({ status: 'PENDING', captureStatus: 'PENDING', final: false })
    const summary = await $fetch<AntomReconcileSummary>('/api/test/reconcile', { method: 'POST', body: { minAgeMinutes: 0 } })
    expect(summary.uncaptured).toBeGreaterThanOrEqual(1)
    expect(summary.failed).toBe(0)

    const before = (await captureCalls()).length
    const tooMuch = await post('/api/test/capture', { paymentRequestId, value: '1201' })
    expect(tooMuch.status).toBe(422)
    expect((await tooMuch.json()).message).toMatch(/exceeds the authorised amount .* \(1200 USD minor units\)/)
    expect((await captureCalls()).length).toBe(before)
    expect((await stored(paymentRequestId)).capture).toMatchObject({ status: 'PENDING' })

    const captured = await $fetch<AntomPaymentRecord>('/api/test/capture', { method: 'POST', body: { paymentRequestId, value: '1000' } })
    expect(captured.capture).toMatchObject({ status: 'SUCCESS', mode: 'MANUAL', amount: { currency: 'USD', value: '1000' } })
    const again = await $fetch<AntomPaymentRecord>('/api/test/capture', { method: 'POST', body: { paymentRequestId } })
    expect(again.capture!.captureRequestId).toBe(captured.capture!.captureRequestId)
    expect((await captureCalls()).filter(call => call.captureRequestId === captured.capture!.captureRequestId)).toHaveLength(1)
    const other = await post('/api/test/capture', { paymentRequestId, value: '200', captureRequestId: 'cp_another_capture' })
    expect(other.status).toBe(409)
    await expect.poll(() => kinds(paymentRequestId)).toEqual(['succeeded', 'captured'])
    expect(await status(paymentRequestId)).toMatchObject({ status: 'SUCCESS', captureStatus: 'SUCCESS' })
    // 10.00 of 12.00 was taken: that is what can be refunded.
    expect((await post('/api/test/refund', { paymentRequestId, value: '1001' })).status).toBe(422)
    expect((await post('/api/test/refund', { paymentRequestId, value: '1000' })).status).toBe(200)
  })

  it('keeps a capture Antom answered U with its id: a retry sends the same id, and the CAPTURE_RESULT settles it', async () => {
    const { paymentRequestId } = await manualSession()
    await pay(paymentRequestId)
    await expect.poll(() => kinds(paymentRequestId)).toEqual(['succeeded'])
    await faults([{ type: 'capture-pending' }])
    const first = await post('/api/test/capture', { paymentRequestId })
    expect(first.status).toBe(502)
    const pending = await stored(paymentRequestId)
    expect(pending.capture).toMatchObject({ status: 'PROCESSING' })
    expect(await status(paymentRequestId)).toMatchObject({ status: 'PENDING', captureStatus: 'PROCESSING' })
    const sent = (await captureCalls()).length
    await post('/api/test/capture', { paymentRequestId })
    // The retry was sent (Antom answers the same id the same way), with the id stored before the first call.
    const retried = (await captureCalls()).slice(sent)
    expect(retried.length).toBeGreaterThan(0)
    expect(retried.every(call => call.captureRequestId === pending.capture!.captureRequestId)).toBe(true)
    await expect.poll(() => kinds(paymentRequestId), { timeout: 15_000, interval: 200 }).toEqual(['succeeded', 'captured'])
    expect((await stored(paymentRequestId)).capture).toMatchObject({ status: 'SUCCESS', captureRequestId: pending.capture!.captureRequestId })
  })

  it('voids an uncaptured authorisation with cancelAntomPayment: CANCELLED, onPaymentFailed once, nothing to capture or refund after', async () => {
    const { paymentRequestId, amount } = await manualSession()
    await pay(paymentRequestId)
    await expect.poll(() => kinds(paymentRequestId)).toEqual(['succeeded'])
    const cancelled = await $fetch<AntomPaymentRecord>('/api/test/cancel', { method: 'POST', body: { paymentRequestId } })
    expect(cancelled).toMatchObject({ status: 'CANCELLED', handledStatus: 'CANCELLED', capture: { status: 'PENDING' } })
    expect(cancelled.history!.at(-1)).toMatchObject({ status: 'CANCELLED', source: 'cancel', handled: { handler: 'onPaymentFailed' } })
    expect(await status(paymentRequestId)).toMatchObject({ status: 'CANCELLED', final: true })
    expect((await $fetch<Handled>('/api/test/handled')).filter(item => item.paymentRequestId === paymentRequestId)).toEqual([
      { kind: 'succeeded', paymentRequestId, status: 'SUCCESS' },
      { kind: 'failed', paymentRequestId, status: 'CANCELLED' },
    ])
    // The hold is released: nothing can be captured, refunded or cancelled again, and Antom is not asked.
    const calls = (await $fetch<GatewayCall[]>(`${PREFIX}/simulator/requests`, { headers: operator })).length
    expect((await post('/api/test/capture', { paymentRequestId })).status).toBe(409)
    expect((await post('/api/test/refund', { paymentRequestId, value: '100' })).status).toBe(409)
    const again = await post('/api/test/cancel', { paymentRequestId })
    expect(again.status).toBe(409)
    expect((await again.json()).message).toMatch(/already CANCELLED/)
    expect((await $fetch<GatewayCall[]>(`${PREFIX}/simulator/requests`, { headers: operator })).length).toBe(calls)
    // A replayed authorisation never brings it back; a capture reported after the void is kept for review, never paid.
    expect(await (await notify(paymentResult(paymentRequestId, amount))).text()).toBe(ACK)
    const lateCapture = captureResultNotification({ paymentRequestId, amount, paymentId: cancelled.paymentId!, captureRequestId: 'antom-capture-after-void' })
    expect(await (await notify(lateCapture)).text()).toBe(ACK)
    expect(await status(paymentRequestId)).toMatchObject({ status: 'CANCELLED', final: true })
    expect(await kinds(paymentRequestId)).toEqual(['succeeded', 'failed'])
    const after = await stored(paymentRequestId)
    expect(after.capture).toMatchObject({ status: 'PENDING' })
    expect(after.paidAt).toBeUndefined()
    expect(after.mismatches).toMatchObject([{ kind: 'capture', source: 'notification', reportedStatus: 'CANCELLED', reportedAmount: amount }])
  })

  it('refuses to cancel a captured card payment (refund it instead) without asking Antom', async () => {
    const { paymentRequestId } = await cardSession()
    await pay(paymentRequestId)
    await expect.poll(() => kinds(paymentRequestId), { timeout: 15_000, interval: 200 }).toEqual(['succeeded', 'captured'])
    const refused = await post('/api/test/cancel', { paymentRequestId })
    expect(refused.status).toBe(409)
    expect((await refused.json()).message).toMatch(/Its capture is SUCCESS: only an uncaptured authorisation can be cancelled; refund/)
    const cancels = (await $fetch<GatewayCall[]>(`${PREFIX}/simulator/requests?paymentRequestId=${paymentRequestId}`, { headers: operator })).filter(call => call.api === 'cancel')
    expect(cancels).toEqual([])
    expect(await status(paymentRequestId)).toMatchObject({ status: 'SUCCESS', captureStatus: 'SUCCESS' })
  })

  it('refuses to capture what has no separate capture, or is not authorised', async () => {
    const wallet = await $fetch<AntomSessionResponse>(`${PREFIX}/session`, { method: 'POST', body: { items: [{ sku: 'mug', quantity: 1 }] } })
    expect((await post('/api/test/capture', { paymentRequestId: wallet.paymentRequestId })).status).toBe(409)
    await pay(wallet.paymentRequestId)
    await expect.poll(async () => (await status(wallet.paymentRequestId)).status).toBe('SUCCESS')
    const paidWallet = await post('/api/test/capture', { paymentRequestId: wallet.paymentRequestId })
    expect(paidWallet.status).toBe(409)
    expect((await paidWallet.json()).message).toMatch(/no separate capture/)
    expect((await post('/api/test/capture', { paymentRequestId: 'pr_nobody' })).status).toBe(404)
    const automatic = await cardSession()
    await pay(automatic.paymentRequestId)
    await expect.poll(() => kinds(automatic.paymentRequestId)).toContain('succeeded')
    const before = (await captureCalls()).length
    const refused = await post('/api/test/capture', { paymentRequestId: automatic.paymentRequestId })
    // Before Antom's capture: Antom captures it itself; after: it is already captured (the same record comes back).
    expect([200, 409]).toContain(refused.status)
    expect((await captureCalls()).length).toBe(before)
  })

  describe('notifications the test signs itself (the simulator sends none for these payments)', () => {
    it('applies a CAPTURE_RESULT that overtakes its PAYMENT_RESULT after it, and duplicates of either run nothing again', async () => {
      const { paymentRequestId, amount } = await cardSession()
      const capture = captureResult(paymentRequestId, 'antom-capture-0001', amount)
      // The capture names the payment by Antom's id only, which this app learns from the PAYMENT_RESULT.
      expect(await (await notify(capture)).text()).toBe(ACK)
      expect(await kinds(paymentRequestId)).toEqual([])
      expect(await status(paymentRequestId)).toMatchObject({ status: 'PROCESSING' })
      expect(await (await notify(paymentResult(paymentRequestId, amount))).text()).toBe(ACK)
      expect(await kinds(paymentRequestId)).toEqual(['succeeded', 'captured'])
      expect(await status(paymentRequestId)).toMatchObject({ status: 'SUCCESS', captureStatus: 'SUCCESS' })
      const copies = [capture, paymentResult(paymentRequestId, amount), capture, capture]
      for (const copy of copies) expect(await (await notify(copy)).text()).toBe(ACK)
      const concurrent = await Promise.all(Array.from({ length: 8 }, () => notify(capture)))
      expect(concurrent.map(response => response.status)).toEqual(Array.from({ length: 8 }, () => 200))
      expect(await kinds(paymentRequestId)).toEqual(['succeeded', 'captured'])
      expect((await $fetch<string[]>('/api/test/keys?base=pending-captures')).filter(key => key.includes(testPaymentId(paymentRequestId)))).toEqual([])
    })

    it('never goes back: a late CAPTURE_RESULT F after SUCCESS, or one for another capture, changes nothing', async () => {
      const { paymentRequestId, amount } = await cardSession()
      await notify(paymentResult(paymentRequestId, amount))
      await notify(captureResult(paymentRequestId, 'antom-capture-0002', amount))
      for (const late of [captureResult(paymentRequestId, 'antom-capture-0002', amount, 'F'), captureResult(paymentRequestId, 'antom-capture-other', amount, 'F'), paymentResult(paymentRequestId, amount, 'F')]) {
        expect(await (await notify(late)).text()).toBe(ACK)
      }
      expect(await kinds(paymentRequestId)).toEqual(['succeeded', 'captured'])
      expect(await status(paymentRequestId)).toMatchObject({ status: 'SUCCESS', captureStatus: 'SUCCESS', final: true })
      expect((await stored(paymentRequestId)).capture).toMatchObject({ status: 'SUCCESS', captureRequestId: 'antom-capture-0002' })
    })

    it('answers 500 when the capture handler throws, so Antom retries; the retry runs it once', async () => {
      const { paymentRequestId, amount } = await cardSession()
      await notify(paymentResult(paymentRequestId, amount))
      await $fetch('/api/test/fail-next', { method: 'POST', body: { times: 1 } })
      const capture = captureResult(paymentRequestId, 'antom-capture-0003', amount)
      expect((await notify(capture)).status).toBe(500)
      expect(await kinds(paymentRequestId)).toEqual(['succeeded'])
      // Captured all the same: the money is taken whatever the shop's database says.
      expect(await status(paymentRequestId)).toMatchObject({ status: 'SUCCESS' })
      expect(await (await notify(capture)).text()).toBe(ACK)
      expect(await (await notify(capture)).text()).toBe(ACK)
      expect(await kinds(paymentRequestId)).toEqual(['succeeded', 'captured'])
    })

    it('records a capture of more than was authorised as a mismatch and never calls it paid', async () => {
      const { paymentRequestId, amount } = await cardSession()
      await notify(paymentResult(paymentRequestId, amount))
      expect(await (await notify(captureResult(paymentRequestId, 'antom-capture-0004', { currency: 'USD', value: '1201' }))).text()).toBe(ACK)
      expect(await (await notify(captureResult(paymentRequestId, 'antom-capture-0004', { currency: 'EUR', value: '1200' }))).text()).toBe(ACK)
      expect(await kinds(paymentRequestId)).toEqual(['succeeded'])
      expect(await status(paymentRequestId)).toMatchObject({ status: 'PENDING', captureStatus: 'PENDING' })
      expect((await stored(paymentRequestId)).mismatches).toEqual([expect.objectContaining({ kind: 'capture' }), expect.objectContaining({ kind: 'capture' })])
    })
  })
})
