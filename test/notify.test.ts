import { $fetch, fetch, setup } from '@nuxt/test-utils/e2e'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AntomPaymentStatusResponse, AntomSessionResponse } from '../src/runtime/types/routes'
import { generateTestKeyPair } from './helpers/keys'
import { ACK, paymentResult, signedNotification } from './helpers/notifications'
import { shopCredentials } from './helpers/shop'
import { operator } from './helpers/site'
import { prebuiltSetup } from './helpers/builds'

const PREFIX = '/api/_antom'
const CLIENT_ID = 'SANDBOX_SHOP_NOTIFY'
const { merchant, antom, env } = shopCredentials(CLIENT_ID)
const stranger = generateTestKeyPair()
type Handled = Array<{ kind: string, paymentRequestId: string, status: string }>

describe('notify route', async () => {
  await setup(await prebuiltSetup('shop', {
    // Configured as for real Antom, the simulator standing in as the gateway, and a notify URL with a query.
    env: { ...env, NUXT_ANTOM_NOTIFY_URL: `${PREFIX}/notify?shop=1` },
  }))
  // These tests send every notification themselves.
  beforeAll(() => $fetch(`${PREFIX}/simulator/faults`, { headers: operator, method: 'POST', body: { faults: [{ type: 'lost-notification', times: 0 }] } }))

  const sign = (body: string | object, options: { key?: typeof antom.privateKey, clientId?: string, path?: string } = {}) =>
    signedNotification(body, { key: options.key ?? antom.privateKey, clientId: options.clientId ?? CLIENT_ID, path: options.path ?? `${PREFIX}/notify` })
  const notify = (init: ReturnType<typeof sign>) => fetch(`${PREFIX}/notify?shop=1`, init)
  const handledFor = async (id: string) => (await $fetch<Handled>('/api/test/handled')).filter(item => item.paymentRequestId === id)
  const status = (id: string) => $fetch<AntomPaymentStatusResponse>(`${PREFIX}/payments/${id}`)
  async function newPayment() {
    const session = await $fetch<AntomSessionResponse>(`${PREFIX}/session`, { method: 'POST', body: { items: [{ sku: 'mug', quantity: 3 }] } })
    expect(session.simulated).toBe(false)
    return session
  }

  it('acknowledges a valid notification with Antom\'s exact body and runs the handler', async () => {
    const { paymentRequestId, amount } = await newPayment()
    const response = await notify(sign(paymentResult(paymentRequestId, amount)))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(ACK)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(await handledFor(paymentRequestId)).toEqual([{ kind: 'succeeded', paymentRequestId, status: 'SUCCESS' }])
    expect(await status(paymentRequestId)).toMatchObject({ status: 'SUCCESS', final: true })
  })

  it('refuses anything not signed by Antom for this client with 401, and runs nothing', async () => {
    const { paymentRequestId, amount } = await newPayment()
    const body = paymentResult(paymentRequestId, amount)
    const valid = sign(body)
    const tampered = { ...valid, body: valid.body.replace('"value":"3600"', '"value":"3601"') }
    expect(tampered.body).not.toBe(valid.body)
    const without = (name: string) => ({ ...valid, headers: Object.fromEntries(Object.entries(valid.headers).filter(([key]) => key !== name)) })
    const variants = {
      'bad signature': { ...valid, headers: { ...valid.headers, signature: 'algorithm=RSA256,keyVersion=1,signature=AAAA' } },
      'other key': sign(body, { key: stranger.privateKey }),
      'merchant key instead of Antom key': sign(body, { key: merchant.privateKey }),
      'tampered body': tampered,
      'wrong client id': sign(body, { clientId: 'SANDBOX_SOMEONE_ELSE' }),
      'client id header changed': { ...valid, headers: { ...valid.headers, 'client-id': 'SANDBOX_SOMEONE_ELSE' } },
      'request-time changed': { ...valid, headers: { ...valid.headers, 'request-time': '2026-01-01T00:00:00Z' } },
      'signed with the query string': sign(body, { path: `${PREFIX}/notify?shop=1` }),
      'no signature': without('signature'),
      'no client-id': without('client-id'),
      'no request-time': without('request-time'),
    }
    for (const [name, init] of Object.entries(variants)) {
      const response = await notify(init)
      expect(response.status, name).toBe(401)
      expect(await response.text(), name).not.toContain('SUCCESS')
    }
    expect(await handledFor(paymentRequestId)).toEqual([])
    expect((await status(paymentRequestId)).status).toBe('PROCESSING')
  })

  it('runs the handler once for 8 duplicates and for concurrent copies', async () => {
    const first = await newPayment()
    for (let copy = 0; copy < 8; copy++) {
      const response = await notify(sign(paymentResult(first.paymentRequestId, first.amount)))
      expect(await response.text()).toBe(ACK)
    }
    expect(await handledFor(first.paymentRequestId)).toHaveLength(1)
    const second = await newPayment()
    const copy = sign(paymentResult(second.paymentRequestId, second.amount))
    const responses = await Promise.all(Array.from({ length: 10 }, () => notify(copy)))
    expect(responses.map(response => response.status)).toEqual(Array.from({ length: 10 }, () => 200))
    expect(await handledFor(second.paymentRequestId)).toEqual([{ kind: 'succeeded', paymentRequestId: second.paymentRequestId, status: 'SUCCESS' }])
  })

  it('only moves forward: PENDING is not paid, a late FAIL or stale PENDING never undoes SUCCESS', async () => {
    const { paymentRequestId, amount } = await newPayment()
    await notify(sign(paymentResult(paymentRequestId, amount, 'S', 'PAYMENT_PENDING')))
    expect(await status(paymentRequestId)).toMatchObject({ status: 'PENDING', final: false })
    expect((await status(paymentRequestId)).paidAt).toBeUndefined()
    await notify(sign(paymentResult(paymentRequestId, amount, 'S')))
    const lateFail = await notify(sign(paymentResult(paymentRequestId, amount, 'F')))
    expect(await lateFail.text()).toBe(ACK)
    await notify(sign(paymentResult(paymentRequestId, amount, 'S', 'PAYMENT_PENDING')))
    expect((await status(paymentRequestId)).status).toBe('SUCCESS')
    expect((await handledFor(paymentRequestId)).map(item => item.kind)).toEqual(['pending', 'succeeded'])
  })

  it('records an amount mismatch and never turns it into paid', async () => {
    const { paymentRequestId } = await newPayment()
    for (const amount of [{ currency: 'USD', value: '1' }, { currency: 'EUR', value: '3600' }]) {
      const response = await notify(sign(paymentResult(paymentRequestId, amount)))
      expect(response.status).toBe(200)
    }
    expect((await status(paymentRequestId)).status).toBe('PROCESSING')
    expect(await handledFor(paymentRequestId)).toEqual([])
  })

  it('answers 500 when the handler throws, so Antom retries; the retry runs it once', async () => {
    const { paymentRequestId, amount } = await newPayment()
    await $fetch('/api/test/fail-next', { method: 'POST', body: { times: 1 } })
    const failed = await notify(sign(paymentResult(paymentRequestId, amount)))
    expect(failed.status).toBe(500)
    const text = await failed.text()
    expect(text).not.toContain('SUCCESS')
    expect(text).not.toContain('database')
    expect(await handledFor(paymentRequestId)).toEqual([])
    const retried = await notify(sign(paymentResult(paymentRequestId, amount)))
    expect(await retried.text()).toBe(ACK)
    const again = await notify(sign(paymentResult(paymentRequestId, amount)))
    expect(await again.text()).toBe(ACK)
    expect(await handledFor(paymentRequestId)).toEqual([{ kind: 'succeeded', paymentRequestId, status: 'SUCCESS' }])
  })

  it('acknowledges a payment it did not create without processing it', async () => {
    const response = await notify(sign(paymentResult('pr_not_ours_123456', { currency: 'USD', value: '100' })))
    expect(await response.text()).toBe(ACK)
    expect(await handledFor('pr_not_ours_123456')).toEqual([])
    expect((await fetch(`${PREFIX}/payments/pr_not_ours_123456`)).status).toBe(404)
  })

  it('answers 400, naming the problem, to signed bodies that are not notifications', async () => {
    const cases: Array<[string | object, RegExp]> = [
      ['not json', /not JSON/],
      [{ notifyType: 'PAYMENT_RESULT' }, /result/],
      [{ notifyType: 'PAYMENT_RESULT', result: { resultStatus: 'S', resultCode: 'SUCCESS' }, paymentAmount: { currency: 'USD', value: '1' } }, /paymentRequestId/],
      [{ notifyType: 'PAYMENT_RESULT', result: { resultStatus: 'X', resultCode: 'SUCCESS' } }, /result\.resultStatus/],
    ]
    for (const [body, message] of cases) {
      const response = await notify(sign(body))
      expect(response.status).toBe(400)
      expect((await response.json()).message).toMatch(message)
    }
  })
})
