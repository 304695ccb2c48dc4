import { $fetch, fetch, setup, url } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { createAntomClient } from '../src/runtime/server/lib/client'
import { AntomError } from '../src/runtime/server/lib/errors'
import { parsePublicKey } from '../src/runtime/server/lib/keys'
import { buildSignContent, formatSignatureHeader, parseSignatureHeader, verifyMessage } from '../src/runtime/server/lib/signature'
import type { CreatePaymentSessionRequest } from '../src/runtime/types/antom'
import { generateTestKeyPair } from './helpers/keys'
import { opensslSign, opensslVerify } from './helpers/openssl'
import { operator } from './helpers/site'
import { prebuiltSetup } from './helpers/builds'

const merchant = generateTestKeyPair()
const antom = generateTestKeyPair()
const TIME_SCALE = 600
const SIM = '/api/_antom/simulator'

async function failure(promise: Promise<unknown>): Promise<AntomError> {
  const error = await promise.then(() => undefined, (error: unknown) => error)
  expect(error).toBeInstanceOf(AntomError)
  return error as AntomError
}

function session(paymentRequestId: string, overrides: Partial<CreatePaymentSessionRequest> = {}): CreatePaymentSessionRequest {
  return {
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId,
    order: { referenceOrderId: `order-${paymentRequestId}`, orderDescription: 'Two mugs', orderAmount: { currency: 'USD', value: '2400' } },
    paymentAmount: { currency: 'USD', value: '2400' },
    paymentMethod: { paymentMethodType: 'ALIPAY_CN' },
    paymentRedirectUrl: 'https://shop.example/result',
    ...overrides,
  }
}

interface ReceivedNotification { at: number, path: string, headers: Record<string, string>, body: string }

describe('antom simulator', async () => {
  await setup(await prebuiltSetup('basic', {
    env: {
      NUXT_ANTOM_SIMULATOR_MERCHANT_PUBLIC_KEY: merchant.publicBase64,
      NUXT_ANTOM_SIMULATOR_ANTOM_PRIVATE_KEY: antom.privatePemPkcs1,
      NUXT_ANTOM_SIMULATOR_TIME_SCALE: String(TIME_SCALE),
    },
  }))
  const client = (clientId = 'SANDBOX_SIM_TEST', privateKey = merchant.privateBase64) => createAntomClient({
    clientId,
    merchantPrivateKey: privateKey,
    alipayPublicKey: antom.publicBase64,
    gatewayUrl: url(SIM),
    retry: { baseDelay: 5, maxDelay: 20 },
  })
  const faults = (list: object[]) => $fetch(`${SIM}/faults`, { headers: operator, method: 'POST', body: { faults: list } })
  const notifyUrl = (id: string, query = '') => url(`/api/test-notify?id=${id}${query}`)
  const received = (id: string) => $fetch<ReceivedNotification[]>(`/api/test-notify?id=${id}`)

  it('runs every API on the sandbox and the production paths', async () => {
    for (const clientId of ['SANDBOX_SIM_TEST', 'T_SIM_TEST']) {
      const api = client(clientId)
      const id = `every-${clientId}`
      const created = await api.createPaymentSession(session(id))
      expect(created.paymentSessionData).toMatch(/^[A-Za-z0-9+/=]+&&SG&&111$/)
      expect(Date.parse(created.paymentSessionExpiryTime)).toBeGreaterThan(Date.now())
      expect(created.paymentSessionExpiryTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)
      const inquiry = await api.inquiryPayment({ paymentRequestId: id })
      expect(inquiry).toMatchObject({ paymentStatus: 'PROCESSING', paymentRequestId: id, paymentAmount: { currency: 'USD', value: '2400' } })
      await $fetch(`${SIM}/payments/${id}/complete`, { headers: operator, method: 'POST', body: { result: 'SUCCESS' } })
      const paid = await api.inquiryPayment({ paymentId: inquiry.paymentId! })
      expect(paid.paymentStatus).toBe('SUCCESS')
      const refund = await api.refund({ refundRequestId: `refund-${id}`, paymentId: inquiry.paymentId!, refundAmount: { currency: 'USD', value: '400' } })
      expect(refund.refundId).toBeTruthy()
      const refundStatus = await api.inquiryRefund({ refundRequestId: `refund-${id}` })
      expect(refundStatus).toMatchObject({ refundStatus: 'SUCCESS', refundAmount: { currency: 'USD', value: '400' } })
      const tooMuch = await failure(api.refund({ refundRequestId: `refund2-${id}`, paymentId: inquiry.paymentId!, refundAmount: { currency: 'USD', value: '2001' } }))
      expect(tooMuch.resultCode).toBe('REFUND_AMOUNT_EXCEED')
      const cancelled = await api.createPaymentSession(session(`${id}-cancel`))
      expect(cancelled.result.resultStatus).toBe('S')
      await api.cancelPayment({ paymentRequestId: `${id}-cancel` })
      expect((await api.inquiryPayment({ paymentRequestId: `${id}-cancel` })).paymentStatus).toBe('CANCELLED')
    }
  })

  it('is idempotent on paymentRequestId and refuses inconsistent repeats', async () => {
    const api = client()
    const first = await api.createPaymentSession(session('idem-1'))
    const again = await api.createPaymentSession(session('idem-1'))
    expect(again.paymentSessionData).toBe(first.paymentSessionData)
    const changed = await failure(api.createPaymentSession(session('idem-1', { paymentAmount: { currency: 'USD', value: '1' }, order: { referenceOrderId: 'order-idem-1', orderDescription: 'x', orderAmount: { currency: 'USD', value: '1' } } })))
    expect(changed).toMatchObject({ resultStatus: 'F', resultCode: 'REPEAT_REQ_INCONSISTENT' })
    await api.refund({ refundRequestId: 'idem-refund', paymentId: await paidPaymentId('idem-2'), refundAmount: { currency: 'USD', value: '100' } })
    const refundAgain = await api.refund({ refundRequestId: 'idem-refund', paymentId: await paymentIdOf('idem-2'), refundAmount: { currency: 'USD', value: '100' } })
    expect(refundAgain.refundAmount).toEqual({ currency: 'USD', value: '100' })
    const refundChanged = await failure(api.refund({ refundRequestId: 'idem-refund', paymentId: await paymentIdOf('idem-2'), refundAmount: { currency: 'USD', value: '200' } }))
    expect(refundChanged.resultCode).toBe('REPEAT_REQ_INCONSISTENT')
  })

  async function paymentIdOf(id: string) {
    return (await client().inquiryPayment({ paymentRequestId: id })).paymentId!
  }
  async function paidPaymentId(id: string) {
    await client().createPaymentSession(session(id))
    await $fetch(`${SIM}/payments/${id}/complete`, { headers: operator, method: 'POST', body: { result: 'SUCCESS' } })
    return paymentIdOf(id)
  }

  it('answers INVALID_SIGNATURE, unsigned, to a request signed with another key or not at all', async () => {
    const stranger = generateTestKeyPair()
    const error = await failure(client('SANDBOX_SIM_TEST', stranger.privateBase64).inquiryPayment({ paymentRequestId: 'x' }))
    expect(error).toMatchObject({ kind: 'result', resultStatus: 'F', resultCode: 'INVALID_SIGNATURE' })
    const unsigned = await fetch(url(`${SIM}/ams/api/v1/payments/inquiryPayment`), { method: 'POST', body: '{"paymentRequestId":"x"}', headers: { 'client-id': 'T_SIM_TEST', 'request-time': '1' } })
    expect(unsigned.status).toBe(200)
    expect(unsigned.headers.get('signature')).toBeNull()
    expect((await unsigned.json()).result).toMatchObject({ resultStatus: 'F', resultCode: 'INVALID_SIGNATURE' })
  })

  it('checks bodies and names the field that is wrong', async () => {
    const api = client()
    const missing = await failure(api.createPaymentSession({ ...session('bad-1'), paymentRedirectUrl: undefined } as unknown as CreatePaymentSessionRequest))
    expect(missing).toMatchObject({ resultCode: 'PARAM_ILLEGAL' })
    expect(missing.resultMessage).toMatch(/^paymentRedirectUrl/)
    const amount = await failure(api.createPaymentSession(session('bad-2', { paymentAmount: { currency: 'USD', value: '12.50' } })))
    expect(amount.resultMessage).toMatch(/^paymentAmount: value must be a string of 1 to 16 digits/)
    const unknown = await failure(api.inquiryPayment({ paymentRequestId: 'never-created' }))
    expect(unknown.resultCode).toBe('ORDER_NOT_EXIST')
  })

  it('signs answers so that openssl verifies them, and accepts a request openssl signed', async () => {
    const path = '/ams/sandbox/api/v1/payments/createPaymentSession'
    const body = JSON.stringify(session('openssl-1'))
    const requestTime = String(Date.now())
    const signature = opensslSign(buildSignContent({ path, clientId: 'SANDBOX_SIM_TEST', time: requestTime, body }), merchant.privatePemPkcs8)
    const response = await fetch(url(`${SIM}${path}`), { method: 'POST', body, headers: { 'client-id': 'SANDBOX_SIM_TEST', 'request-time': requestTime, 'signature': formatSignatureHeader(encodeURIComponent(signature)), 'content-type': 'application/json' } })
    const text = await response.text()
    expect(JSON.parse(text).result.resultStatus).toBe('S')
    const responseTime = response.headers.get('response-time')!
    expect(responseTime).toMatch(/\+08:00$/)
    const answerSignature = parseSignatureHeader(response.headers.get('signature'))!.signature
    expect(opensslVerify(buildSignContent({ path, clientId: 'SANDBOX_SIM_TEST', time: responseTime, body: text }), answerSignature, antom.publicPemSpki)).toBe(true)
    expect(opensslVerify(buildSignContent({ path, clientId: 'SANDBOX_SIM_TEST', time: responseTime, body: `${text} ` }), answerSignature, antom.publicPemSpki)).toBe(false)
  })

  it('delivers a signed PAYMENT_RESULT, signed over the notify path without query', async () => {
    await client().createPaymentSession(session('notify-1', { paymentNotifyUrl: notifyUrl('notify-1', '&tag=x') }))
    const completed = await $fetch<{ redirectUrl: string }>(`${SIM}/payments/notify-1/complete`, { headers: operator, method: 'POST', body: { result: 'SUCCESS' } })
    expect(completed.redirectUrl).toBe('https://shop.example/result')
    await expect.poll(() => received('notify-1').then(list => list.length)).toBe(1)
    const [notification] = await received('notify-1')
    const body = JSON.parse(notification!.body)
    expect(body).toMatchObject({ notifyType: 'PAYMENT_RESULT', paymentRequestId: 'notify-1', result: { resultStatus: 'S', resultCode: 'SUCCESS' }, paymentAmount: { currency: 'USD', value: '2400' } })
    expect(notification!.headers['request-time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    const message = { path: '/api/test-notify', clientId: notification!.headers['client-id']!, time: notification!.headers['request-time']!, body: notification!.body }
    expect(message.clientId).toBe('SANDBOX_SIM_TEST')
    expect(await verifyMessage(message, notification!.headers.signature, parsePublicKey(antom.publicBase64, { envName: 'TEST' }))).toBe(true)
    expect(await verifyMessage({ ...message, path: new URL(notifyUrl('notify-1', '&tag=x')).pathname + new URL(notifyUrl('notify-1', '&tag=x')).search }, notification!.headers.signature, antom.publicKey)).toBe(false)
    const again = await fetch(url(`${SIM}/payments/notify-1/complete`), { method: 'POST', body: JSON.stringify({ result: 'FAIL' }), headers: { ...operator, 'content-type': 'application/json' } })
    expect(again.status).toBe(409)
  })

  it('retries on Antom\'s schedule until acknowledged: fails twice, then exactly 3 deliveries', async () => {
    await client().createPaymentSession(session('retry-1', { paymentNotifyUrl: notifyUrl('retry-1', '&failTimes=2') }))
    await $fetch(`${SIM}/payments/retry-1/complete`, { headers: operator, method: 'POST', body: { result: 'FAIL' } })
    await expect.poll(() => received('retry-1').then(list => list.length), { timeout: 5000 }).toBe(3)
    const deliveries = await $fetch<Array<{ state: string, nextAt?: number, attempts: Array<{ at: number, acknowledged: boolean, status: number }> }>>(`${SIM}/deliveries?paymentRequestId=retry-1`, { headers: operator })
    expect(deliveries).toHaveLength(1)
    expect(deliveries[0]!.state).toBe('acknowledged')
    const attempts = deliveries[0]!.attempts
    expect(attempts.map(attempt => [attempt.status, attempt.acknowledged])).toEqual([[500, false], [500, false], [200, true]])
    // 2 min and 10 min, divided by the time scale: 200 ms and 1000 ms.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(120_000 / TIME_SCALE - 5)
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(600_000 / TIME_SCALE - 5)
    expect(attempts[2]!.at - attempts[1]!.at).toBeLessThan(600_000 / TIME_SCALE + 800)
    // Acknowledged: no further try is scheduled.
    expect(deliveries[0]!.nextAt).toBeUndefined()
    expect(await received('retry-1')).toHaveLength(3)
  })

  it('counts a wrong acknowledgement body as a failure', async () => {
    await client().createPaymentSession(session('ack-1', { paymentNotifyUrl: notifyUrl('ack-1', '&failTimes=1&mode=wrong-body') }))
    await $fetch(`${SIM}/payments/ack-1/complete`, { headers: operator, method: 'POST', body: { result: 'SUCCESS' } })
    await expect.poll(() => received('ack-1').then(list => list.length), { timeout: 3000 }).toBe(2)
    const [delivery] = await $fetch<Array<{ attempts: Array<{ status: number, acknowledged: boolean }> }>>(`${SIM}/deliveries?paymentRequestId=ack-1`, { headers: operator })
    expect(delivery!.attempts.map(attempt => [attempt.status, attempt.acknowledged])).toEqual([[200, false], [200, true]])
  })

  it('closes an unpaid payment as FAIL after 14 (scaled) minutes', async () => {
    await client().createPaymentSession(session('close-1'))
    await expect.poll(async () => (await client().inquiryPayment({ paymentRequestId: 'close-1' })).paymentStatus, { timeout: 4000, interval: 200 }).toBe('FAIL')
    const late = await fetch(url(`${SIM}/payments/close-1/complete`), { method: 'POST', body: JSON.stringify({ result: 'SUCCESS' }), headers: { ...operator, 'content-type': 'application/json' } })
    expect(late.status).toBe(409)
  })

  it('injects gateway faults: 5xx and U are retried, unsigned and wrongly signed answers are refused', async () => {
    await faults([{ type: 'http-error', status: 503, api: 'inquiryPayment' }, { type: 'result-u', api: 'inquiryPayment' }])
    await client().createPaymentSession(session('fault-1'))
    expect((await client().inquiryPayment({ paymentRequestId: 'fault-1' })).paymentStatus).toBe('PROCESSING')
    await faults([{ type: 'unsigned' }])
    expect(await failure(client().inquiryPayment({ paymentRequestId: 'fault-1' }))).toMatchObject({ kind: 'signature' })
    await faults([{ type: 'bad-signature' }])
    expect(await failure(client().inquiryPayment({ paymentRequestId: 'fault-1' }))).toMatchObject({ kind: 'signature' })
    await faults([{ type: 'delay', delayMs: 300 }])
    const slow = createAntomClient({ clientId: 'SANDBOX_SIM_TEST', merchantPrivateKey: merchant.privateBase64, alipayPublicKey: antom.publicBase64, gatewayUrl: url(SIM), timeout: 100, retry: false })
    expect(await failure(slow.inquiryPayment({ paymentRequestId: 'fault-1' }))).toMatchObject({ kind: 'timeout' })
    await faults([])
  })

  it('injects notification faults: duplicates, a stale PENDING, a late FAIL', async () => {
    await faults([{ type: 'duplicate-notification', copies: 3 }, { type: 'out-of-order' }, { type: 'late-fail' }])
    await client().createPaymentSession(session('nfault-1', { paymentNotifyUrl: notifyUrl('nfault-1') }))
    await $fetch(`${SIM}/payments/nfault-1/complete`, { headers: operator, method: 'POST', body: { result: 'SUCCESS' } })
    await expect.poll(() => received('nfault-1').then(list => list.length), { timeout: 3000 }).toBe(5)
    const bodies = (await received('nfault-1')).map(item => JSON.parse(item.body))
    expect(bodies.filter(body => body.notifyType === 'PAYMENT_RESULT' && body.result.resultStatus === 'S')).toHaveLength(3)
    expect(bodies.filter(body => body.notifyType === 'PAYMENT_PENDING')).toHaveLength(1)
    expect(bodies.filter(body => body.notifyType === 'PAYMENT_RESULT' && body.result.resultStatus === 'F')).toHaveLength(1)
    expect(bodies.slice(0, 3).every(body => body.notifyType === 'PAYMENT_RESULT' && body.result.resultStatus === 'S')).toBe(true)
  })

  it('validates control requests', async () => {
    const badFault = await fetch(url(`${SIM}/faults`), { method: 'POST', body: JSON.stringify({ faults: [{ type: 'explode' }] }), headers: { ...operator, 'content-type': 'application/json' } })
    expect(badFault.status).toBe(400)
    const badResult = await fetch(url(`${SIM}/payments/x/complete`), { method: 'POST', body: JSON.stringify({ result: 'MAYBE' }), headers: { ...operator, 'content-type': 'application/json' } })
    expect(badResult.status).toBe(400)
    const unknown = await fetch(url(`${SIM}/payments/never-created/complete`), { method: 'POST', body: JSON.stringify({ result: 'SUCCESS' }), headers: { ...operator, 'content-type': 'application/json' } })
    expect(unknown.status).toBe(404)
  })
})
