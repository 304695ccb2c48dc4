import { $fetch, fetch, getServerLogs, setup } from '@nuxt/test-utils/e2e'
import { beforeEach, describe, expect, it } from 'vitest'
import type { AntomSessionResponse } from '../src/runtime/types/routes'
import { report } from './helpers/report'
import { shopCredentials } from './helpers/shop'
import { operator } from './helpers/site'
import { prebuiltSetup } from './helpers/builds'

const PREFIX = '/api/_antom'
const credentials = shopCredentials('SANDBOX_SHOP_FAULTS')
type Call = { api: string, paymentRequestId?: string }

describe('upstream faults at the session and status routes', async () => {
  await setup(await prebuiltSetup('shop', { env: { ...credentials.env, NUXT_ANTOM_TIMEOUT: '600' } }))
  const figures: string[] = []
  const arm = (faults: object[]) => $fetch(`${PREFIX}/simulator/faults`, { headers: operator, method: 'POST', body: { faults } })
  const calls = () => $fetch<Call[]>(`${PREFIX}/simulator/requests`, { headers: operator })
  /** The buyer sees the status and a generic text only; the server log has the cause. */
  const expectBuyerSafe = async (response: Response, status: number, logged: RegExp) => {
    expect(response.status).toBe(status)
    const body = await response.json()
    expect(body.data).toBeUndefined()
    expect(body.message).toMatch(/^The payment service .* Please try again in a moment\.$/)
    expect(JSON.stringify(body)).not.toMatch(/resultCode|nuxt-antom|Antom answered/)
    await expect.poll(() => getServerLogs().join('\n')).toMatch(logged)
  }
  const openSession = () => fetch(`${PREFIX}/session`, { method: 'POST', body: JSON.stringify({ items: [{ sku: 'tee', quantity: 1 }] }), headers: { 'content-type': 'application/json' } })
  beforeEach(() => arm([]))

  async function sessionCalls(since: number) {
    return (await calls()).slice(since).filter(call => call.api === 'createPaymentSession')
  }

  it('retries 5xx and U with the same paymentRequestId: one payment, and the buyer never notices', async () => {
    const before = (await calls()).length
    await arm([{ type: 'http-error', status: 503, api: 'createPaymentSession' }, { type: 'result-u', api: 'createPaymentSession' }])
    const response = await openSession()
    expect(response.status).toBe(200)
    const session = await response.json() as AntomSessionResponse
    const attempts = await sessionCalls(before)
    expect(attempts).toHaveLength(3)
    expect(new Set(attempts.map(call => call.paymentRequestId))).toEqual(new Set([session.paymentRequestId]))
    expect((await $fetch<{ status: string }>(`${PREFIX}/payments/${session.paymentRequestId}`)).status).toBe('PROCESSING')
    figures.push(`5xx then U: HTTP 200 after ${attempts.length} attempts with one paymentRequestId`)
  })

  it('answers 502 with Antom\'s result when U persists, and records no payment', async () => {
    const before = (await calls()).length
    await arm([{ type: 'result-u', api: 'createPaymentSession', times: 5 }])
    await expectBuyerSafe(await openSession(), 502, /Antom answered U UNKNOWN_EXCEPTION/)
    const attempts = await sessionCalls(before)
    expect(attempts).toHaveLength(3)
    expect(new Set(attempts.map(call => call.paymentRequestId)).size).toBe(1)
    expect((await fetch(`${PREFIX}/payments/${attempts[0]!.paymentRequestId}`)).status).toBe(404)
    figures.push('U on every attempt: HTTP 502 (UNKNOWN_EXCEPTION) after 3 attempts, no payment recorded')
  })

  it('answers 504 when Antom does not answer in time', async () => {
    await arm([{ type: 'delay', delayMs: 1500, api: 'createPaymentSession', times: 5 }])
    const started = Date.now()
    const response = await openSession()
    const elapsed = Date.now() - started
    await expectBuyerSafe(response, 504, /resultCode: 'TIMEOUT'/)
    figures.push(`timeouts: HTTP 504 after ${elapsed} ms (3 attempts of 600 ms)`)
  })

  it('refuses an unsigned or wrongly signed success with 502 and does not retry it', async () => {
    for (const type of ['unsigned', 'bad-signature']) {
      const before = (await calls()).length
      await arm([{ type, api: 'createPaymentSession' }])
      await expectBuyerSafe(await openSession(), 502, /kind: 'signature'/)
      expect(await sessionCalls(before), type).toHaveLength(1)
    }
    figures.push('unsigned S and wrong response signature: HTTP 502, not retried')
  })

  it('keeps the stored status when inquiry fails, and never reports paid on a failed answer', async () => {
    const session = await (await openSession()).json() as AntomSessionResponse
    await arm([{ type: 'http-error', status: 500, api: 'inquiryPayment', times: 0 }])
    const response = await fetch(`${PREFIX}/payments/${session.paymentRequestId}`)
    expect(response.status).toBe(200)
    expect((await response.json()).status).toBe('PROCESSING')
    // The notification is lost, and the only other source of truth answers unsigned.
    await arm([{ type: 'unsigned', api: 'inquiryPayment', times: 0 }, { type: 'lost-notification' }])
    const completed = await $fetch<{ paymentStatus: string }>(`${PREFIX}/simulator/payments/${session.paymentRequestId}/complete`, { headers: operator, method: 'POST', body: { result: 'SUCCESS' } })
    expect(completed.paymentStatus).toBe('SUCCESS')
    const inquiries = async () => (await calls()).filter(call => call.api === 'inquiryPayment' && call.paymentRequestId === session.paymentRequestId).length
    const before = await inquiries()
    // Ask for the status until the server has asked Antom again (at most every 2 s) and got the unsigned answer.
    const answers: string[] = []
    await expect.poll(async () => {
      answers.push((await $fetch<{ status: string }>(`${PREFIX}/payments/${session.paymentRequestId}`)).status)
      return inquiries()
    }, { interval: 250, timeout: 8000 }).toBeGreaterThan(before)
    answers.push((await $fetch<{ status: string }>(`${PREFIX}/payments/${session.paymentRequestId}`)).status)
    expect(new Set(answers)).toEqual(new Set(['PROCESSING']))
    figures.push('inquiry answered 5xx or unsigned: stored status kept, paid never reported on it')
    report(`[reliability] upstream faults: ${figures.join('; ')}`)
  })
})
