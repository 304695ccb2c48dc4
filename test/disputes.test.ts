import { $fetch, fetch, setup } from '@nuxt/test-utils/e2e'
import { afterEach, describe, expect, it } from 'vitest'
import type { AntomDisputeRecord, AntomPaymentRecord } from '../src/runtime/types/payments'
import type { AntomSessionResponse, SimulatorDisputeResponse } from '../src/runtime/types/routes'
import { ACK, disputeNotice, signedNotification } from './helpers/notifications'
import { shopCredentials } from './helpers/shop'
import { operator } from './helpers/site'
import { prebuiltSetup } from './helpers/builds'

const PREFIX = '/api/_antom'
const CLIENT_ID = 'SANDBOX_SHOP_DISPUTES'
const { antom, env } = shopCredentials(CLIENT_ID)
type Handled = Array<{ kind: string, paymentRequestId: string, status: string, disputeId?: string, id?: string }>

describe('disputes, and notifications of other kinds, through the one notification router', async () => {
  await setup(await prebuiltSetup('shop', { env }))

  const sign = (body: object | string, path = `${PREFIX}/notify`) => signedNotification(body, { key: antom.privateKey, clientId: CLIENT_ID, path })
  const notify = (body: object | string) => fetch(`${PREFIX}/notify`, sign(body))
  const post = (path: string, body: unknown) => fetch(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(path.includes('/simulator/') ? operator : {}) } })
  const handled = () => $fetch<Handled>('/api/test/handled')
  const disputeSteps = async (disputeId: string) => (await handled()).filter(item => item.kind === 'dispute' && item.disputeId === disputeId).map(item => item.status)
  const dispute = (id: string) => $fetch<AntomDisputeRecord>(`/api/test/dispute?disputeId=${id}`)
  const walk = (id: string, body: object) => post(`${PREFIX}/simulator/payments/${id}/dispute`, body)
  async function paidPayment() {
    const session = await $fetch<AntomSessionResponse>(`${PREFIX}/session`, { method: 'POST', body: { items: [{ sku: 'tee', quantity: 1 }] } })
    expect((await post(`${PREFIX}/simulator/payments/${session.paymentRequestId}/complete`, { result: 'SUCCESS' })).status).toBe(200)
    await expect.poll(async () => (await handled()).filter(item => item.paymentRequestId === session.paymentRequestId).map(item => item.kind)).toEqual(['succeeded'])
    return session
  }
  async function open(paymentRequestId: string) {
    const response = await walk(paymentRequestId, { type: 'DISPUTE_CREATED' })
    expect(response.status).toBe(200)
    const { disputeId } = await response.json() as SimulatorDisputeResponse
    await expect.poll(() => disputeSteps(disputeId)).toEqual(['DISPUTE_CREATED'])
    return disputeId
  }

  afterEach(() => $fetch(`${PREFIX}/simulator/faults`, { method: 'POST', headers: operator, body: { faults: [] } }))

  it('walks a dispute on the simulator: each state handled once, linked from its payment, accepted through the util', async () => {
    const { paymentRequestId } = await paidPayment()
    const disputeId = await open(paymentRequestId)
    const created = await dispute(disputeId)
    expect(created).toMatchObject({ disputeId, paymentRequestId, status: 'DISPUTE_CREATED', handledStatus: 'DISPUTE_CREATED', amount: { currency: 'USD', value: '2550' }, defendable: true })
    expect(created.defenseDueTime).toBeTruthy()
    expect((await $fetch<AntomPaymentRecord>(`/api/test/payment?paymentRequestId=${paymentRequestId}`)).disputeIds).toEqual([disputeId])

    expect((await walk(paymentRequestId, { type: 'DEFENSE_DUE_ALERT' })).status).toBe(200)
    await expect.poll(() => disputeSteps(disputeId)).toEqual(['DISPUTE_CREATED', 'DEFENSE_DUE_ALERT'])
    const accepted = await $fetch<AntomDisputeRecord>('/api/test/dispute', { method: 'POST', body: { disputeId, action: 'accept' } })
    expect(accepted.acceptedAt).toBeTruthy()
    await expect.poll(() => disputeSteps(disputeId)).toEqual(['DISPUTE_CREATED', 'DEFENSE_DUE_ALERT', 'DISPUTE_ACCEPTED'])
    expect((await walk(paymentRequestId, { type: 'DISPUTE_JUDGED' })).status).toBe(200)
    await expect.poll(() => disputeSteps(disputeId)).toEqual(['DISPUTE_CREATED', 'DEFENSE_DUE_ALERT', 'DISPUTE_ACCEPTED', 'DISPUTE_JUDGED'])
    expect(await dispute(disputeId)).toMatchObject({ status: 'DISPUTE_JUDGED', judgedResult: 'ACCEPT_BY_MERCHANT', history: [{ status: 'DISPUTE_CREATED' }, { status: 'DEFENSE_DUE_ALERT' }, { status: 'DISPUTE_ACCEPTED' }, { status: 'DISPUTE_JUDGED' }] })
    const hooks = (await $fetch<Array<{ hook: string, paymentRequestId: string, status: string }>>('/api/test/hooks')).filter(item => item.hook === 'antom:dispute' && item.paymentRequestId === paymentRequestId)
    expect(hooks.map(item => item.status)).toEqual(['DISPUTE_CREATED', 'DEFENSE_DUE_ALERT', 'DISPUTE_ACCEPTED', 'DISPUTE_JUDGED'])

    // Over: the simulator refuses to go back, and the util refuses to act without asking Antom.
    expect((await walk(paymentRequestId, { type: 'DEFENSE_DUE_ALERT' })).status).toBe(409)
    const late = await post('/api/test/dispute', { disputeId, action: 'accept' })
    expect(late.status).toBe(409)
    expect((await late.json()).message).toMatch(/is over \(DISPUTE_JUDGED\)/)
    const evidence = await $fetch<{ document: string, format: string }>('/api/test/dispute', { method: 'POST', body: { disputeId, action: 'download' } })
    expect(evidence.format).toBe('PDF')
    expect(atob(evidence.document)).toMatch(/^%PDF-/)
  })

  it('defends a dispute with a document; duplicated dispute notifications run the handler once', async () => {
    await $fetch(`${PREFIX}/simulator/faults`, { method: 'POST', headers: operator, body: { faults: [{ type: 'duplicate-notification', copies: 3, times: 0 }] } })
    const { paymentRequestId } = await paidPayment()
    const disputeId = await open(paymentRequestId)
    const refused = await post('/api/test/dispute', { disputeId, action: 'defend', document: 'not base64!' })
    expect(refused.status).toBe(400)
    const defended = await $fetch<AntomDisputeRecord>('/api/test/dispute', { method: 'POST', body: { disputeId, action: 'defend', document: btoa('Delivered on 2026-11-20, signed for by the buyer.') } })
    expect(defended.defenseSuppliedAt).toBeTruthy()
    await expect.poll(() => disputeSteps(disputeId)).toEqual(['DISPUTE_CREATED', 'DEFENSE_SUPPLIED'])
    expect((await walk(paymentRequestId, { type: 'DISPUTE_JUDGED' })).status).toBe(200)
    await expect.poll(() => disputeSteps(disputeId)).toEqual(['DISPUTE_CREATED', 'DEFENSE_SUPPLIED', 'DISPUTE_JUDGED'])
    const deliveries = () => $fetch<Array<{ notifyType: string, state: string }>>(`${PREFIX}/simulator/deliveries?paymentRequestId=${paymentRequestId}`, { headers: operator })
    await expect.poll(async () => (await deliveries()).filter(item => item.notifyType === 'DISPUTE_JUDGED' && item.state === 'acknowledged')).toHaveLength(3)
    expect((await deliveries()).filter(item => item.notifyType === 'DISPUTE_CREATED' && item.state === 'acknowledged')).toHaveLength(3)
    expect(await disputeSteps(disputeId)).toEqual(['DISPUTE_CREATED', 'DEFENSE_SUPPLIED', 'DISPUTE_JUDGED'])
    expect(await dispute(disputeId)).toMatchObject({ judgedResult: 'ACCEPT_BY_CUSTOMER' })
  })

  it('never moves a dispute back: reordered, late and duplicated notifications', async () => {
    const paymentRequestId = 'pr_signed_dispute_0001'
    const amount = { currency: 'USD', value: '2550' }
    const disputeId = '2026112750000000000000001'
    const send = async (type: string, extra = {}) => expect(await (await notify(disputeNotice(paymentRequestId, disputeId, type, amount, extra))).text()).toBe(ACK)
    await send('DISPUTE_CREATED')
    await send('DISPUTE_JUDGED', { disputeJudgedResult: 'ACCEPT_BY_CUSTOMER' })
    // Late: what came before the judgement, and the judgement's own copies.
    for (const type of ['DEFENSE_DUE_ALERT', 'DEFENSE_SUPPLIED', 'DISPUTE_CREATED', 'DISPUTE_JUDGED', 'DISPUTE_CANCELLED', 'RDR_RESOLVED']) await send(type)
    const concurrent = await Promise.all(Array.from({ length: 8 }, () => notify(disputeNotice(paymentRequestId, disputeId, 'DISPUTE_JUDGED', amount))))
    expect(concurrent.map(response => response.status)).toEqual(Array.from({ length: 8 }, () => 200))
    expect(await disputeSteps(disputeId)).toEqual(['DISPUTE_CREATED', 'DISPUTE_JUDGED'])
    // A dispute about a payment this app did not create is kept and handled: money leaves the account all the same.
    expect(await dispute(disputeId)).toMatchObject({ status: 'DISPUTE_JUDGED', judgedResult: 'ACCEPT_BY_CUSTOMER', paymentRequestId, history: [{ status: 'DISPUTE_CREATED' }, { status: 'DISPUTE_JUDGED' }] })

    // A new dispute whose first news is its alert, then a handler that throws: Antom's retry runs it once.
    const second = '2026112750000000000000002'
    await $fetch('/api/test/fail-next', { method: 'POST', body: { times: 1 } })
    expect((await notify(disputeNotice(paymentRequestId, second, 'DEFENSE_DUE_ALERT', amount))).status).toBe(500)
    expect(await disputeSteps(second)).toEqual([])
    expect(await (await notify(disputeNotice(paymentRequestId, second, 'DEFENSE_DUE_ALERT', amount))).text()).toBe(ACK)
    expect(await (await notify(disputeNotice(paymentRequestId, second, 'DISPUTE_CREATED', amount))).text()).toBe(ACK)
    expect(await disputeSteps(second)).toEqual(['DEFENSE_DUE_ALERT'])
  })

  it('stores, hooks and acknowledges a verified notification of a shape it does not know, once', async () => {
    const defenseDocument = { disputeId: '2026112750000000000000003', notifyTime: '2026-11-27T12:05:00+08:00', defenseFile: { fileName: 'defense.pdf', fileFormat: 'PDF' } }
    const updateAmount = { notifyType: 'UPDATE_AMOUNT_RESULT', result: { resultStatus: 'S', resultCode: 'SUCCESS' }, paymentRequestId: 'pr_elsewhere', updateRequestId: 'up_1' }
    const before = new Set(await $fetch<string[]>('/api/test/keys?base=notifications'))
    for (const body of [defenseDocument, updateAmount]) {
      const response = await notify(body)
      expect(response.status).toBe(200)
      expect(await response.text()).toBe(ACK)
    }
    const keys = (await $fetch<string[]>('/api/test/keys?base=notifications')).filter(key => !before.has(key))
    expect(keys).toHaveLength(2)
    expect(keys.every(key => /^notifications:unknown:[0-9a-f]{32}$/.test(key))).toBe(true)
    const hooked = (await handled()).filter(item => item.kind === 'notification' && keys.includes(`notifications:unknown:${item.id}`))
    expect(hooked.map(item => item.status).sort()).toEqual(['', 'UPDATE_AMOUNT_RESULT'])
    // Antom's retries of the same body: acknowledged, not handed over again.
    for (let copy = 0; copy < 3; copy++) expect(await (await notify(defenseDocument)).text()).toBe(ACK)
    expect((await handled()).filter(item => item.kind === 'notification' && keys.includes(`notifications:unknown:${item.id}`))).toHaveLength(2)
    // A hook that throws makes Antom retry, and the retry hands it over once.
    const subscription = { notifyType: 'SUBSCRIPTION_STATUS', subscriptionRequestId: 'sub_1', subscriptionStatus: 'ACTIVE' }
    await $fetch('/api/test/fail-next', { method: 'POST', body: { times: 1 } })
    expect((await notify(subscription)).status).toBe(500)
    expect(await (await notify(subscription)).text()).toBe(ACK)
    expect(await (await notify(subscription)).text()).toBe(ACK)
    expect((await handled()).filter(item => item.kind === 'notification' && item.status === 'SUBSCRIPTION_STATUS')).toHaveLength(1)
    // Unsigned, it is nothing at all; a known kind without what it needs is a 400.
    expect((await fetch(`${PREFIX}/notify`, { method: 'POST', body: JSON.stringify(subscription), headers: { 'content-type': 'application/json' } })).status).toBe(401)
    const malformed = await notify({ disputeNotificationType: 'DISPUTE_CREATED', paymentRequestId: 'pr_x' })
    expect(malformed.status).toBe(400)
    expect((await malformed.json()).message).toMatch(/disputeId/)
  })

  it('delivers a refund\'s REFUND_RESULT to its own notifyUrl, verified there', async () => {
    const { paymentRequestId } = await paidPayment()
    const refund = await $fetch<{ refundRequestId: string, status: string }>('/api/test/refund', { method: 'POST', body: { paymentRequestId, value: '550', notifyUrl: '/api/test/refund-notify' } })
    expect(refund.status).toBe('SUCCESS')
    await expect.poll(async () => (await handled()).filter(item => item.paymentRequestId === paymentRequestId).map(item => item.kind)).toEqual(['succeeded', 'refund'])
    const [delivery] = (await $fetch<Array<{ notifyType: string, url: string, state: string }>>(`${PREFIX}/simulator/deliveries?paymentRequestId=${paymentRequestId}`, { headers: operator })).filter(item => item.notifyType === 'REFUND_RESULT')
    expect(delivery).toMatchObject({ state: 'acknowledged' })
    expect(new URL(delivery!.url).pathname).toBe('/api/test/refund-notify')
    // Signed for that path, it verifies there; signed for another path, it does not.
    const other = { notifyType: 'SUBSCRIPTION_STATUS', subscriptionRequestId: 'sub_2' }
    expect((await fetch('/api/test/refund-notify', sign(other, '/api/test/refund-notify'))).status).toBe(200)
    expect((await fetch('/api/test/refund-notify', sign(other, '/api/test/elsewhere'))).status).toBe(401)
  })
})
