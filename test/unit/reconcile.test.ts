import fc from 'fast-check'
import { createStorage, prefixStorage } from 'unstorage'
import memoryDriver from 'unstorage/drivers/memory'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AntomPaymentRecord } from '../../src/runtime/types/payments'
import type { AntomPaymentState } from '../../src/runtime/types/routes'
import type { AntomClient } from '../../src/runtime/server/lib/client'
import type { AntomReconcileOptions } from '../../src/runtime/server/lib/flow/reconcile'

// The run's Nitro surroundings: one memory storage mounted as `antom`, runtime config, hooks, and a fake Antom.
const root = createStorage()
root.mount('antom', memoryDriver())
const config = { antom: { reconcile: { minAgeMinutes: 5, retentionDays: 180 } as Record<string, unknown> } }
vi.mock('nitropack/runtime', () => ({
  useStorage: (base?: string) => (base ? prefixStorage(root, base) : root),
  useRuntimeConfig: () => config,
  useNitroApp: () => ({ hooks: { callHook: async () => {} } }),
}))

/** What the fake Antom answers inquiryPayment with, per payment: a status, or an error to throw. */
const antom = new Map<string, AntomPaymentState | Error>()
/** The capture among inquiryPayment's transactions, per payment. */
const antomCaptures = new Map<string, 'SUCCESS' | 'FAIL' | 'PROCESSING'>()
const calls: Array<[string, string]> = []
const clientProblem = { error: undefined as Error | undefined }
/** The core is given its client: this fake Antom, or the configuration problem that stops the run from getting one. */
const dependencies = {
  client: async () => {
    if (clientProblem.error) throw clientProblem.error
    return {
      async inquiryPayment({ paymentRequestId }: { paymentRequestId: string }) {
        calls.push(['inquiryPayment', paymentRequestId])
        const answer = antom.get(paymentRequestId)
        if (answer instanceof Error) throw answer
        if (!answer) throw notExist()
        const capture = antomCaptures.get(paymentRequestId)
        const transactions = capture ? [{ transactionType: 'CAPTURE', transactionStatus: capture, transactionRequestId: `cr_${paymentRequestId}`, transactionId: `c_${paymentRequestId}`, transactionAmount: { currency: 'USD', value: '1200' } }] : undefined
        return { result: { resultStatus: 'S' }, paymentStatus: answer, ...(transactions ? { transactions } : {}) }
      },
      async cancelPayment({ paymentRequestId }: { paymentRequestId: string }) {
        calls.push(['cancel', paymentRequestId])
        if (!antom.has(paymentRequestId)) throw notExist()
        antom.set(paymentRequestId, 'CANCELLED')
        return { result: { resultStatus: 'S' } }
      },
    } as unknown as AntomClient
  },
}

const { AntomError } = await import('../../src/runtime/server/lib/errors')
const { reconcileAction, reconcilePayments: reconcileWith, sessionExpiresAt, DEFAULT_SESSION_LIFETIME_MS } = await import('../../src/runtime/server/lib/flow/reconcile')
const reconcilePayments = (options: AntomReconcileOptions) => reconcileWith(options, dependencies)
const { defineAntomCheckout } = await import('../../src/runtime/server/utils/checkout')

function notExist() {
  return new AntomError({ kind: 'result', message: 'The payment does not exist.', result: { resultStatus: 'F', resultCode: 'ORDER_NOT_EXIST', resultMessage: 'The payment does not exist.' } })
}

const NOW = Date.parse('2027-03-01T12:00:00Z')
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const settings = { minAgeMinutes: 5, retentionDays: 180 }

function record(id: string, fields: Partial<AntomPaymentRecord> & { age?: number, idle?: number } = {}): AntomPaymentRecord {
  const { age = 10 * MINUTE, idle = age, ...rest } = fields
  const status = rest.status ?? 'PROCESSING'
  return {
    paymentRequestId: id,
    referenceOrderId: `order-${id}`,
    amount: { currency: 'USD', value: '1200' },
    paymentMethodType: 'ALIPAY_CN',
    status,
    ...(status === 'PROCESSING' ? {} : { handledStatus: status }),
    simulated: true,
    createdAt: new Date(NOW - age).toISOString(),
    updatedAt: new Date(NOW - idle).toISOString(),
    mismatches: [],
    refunds: {},
    ...rest,
  }
}

const handled: Array<[string, string, string]> = []
let failNext = 0
const handler = (kind: string) => ({ payment, source }: { payment: AntomPaymentRecord, source: string }) => {
  if (failNext > 0) {
    failNext--
    throw new Error('the order database is down')
  }
  handled.push([kind, payment.paymentRequestId, source])
}
defineAntomCheckout({
  resolveOrder: () => { throw new Error('not used') },
  onPaymentSucceeded: handler('succeeded'),
  onPaymentFailed: handler('failed'),
  onPaymentPending: handler('pending'),
  onPaymentCaptured: handler('captured'),
  onCaptureFailed: handler('capture-failed'),
})

const storage = prefixStorage(root, 'antom')
const put = (...records: AntomPaymentRecord[]) => Promise.all(records.map(item => storage.setItem(`payments:${item.paymentRequestId}`, item)))
const get = (id: string) => storage.getItem<AntomPaymentRecord>(`payments:${id}`)

beforeEach(async () => {
  await storage.clear()
  antom.clear()
  antomCaptures.clear()
  calls.length = 0
  handled.length = 0
  failNext = 0
  clientProblem.error = undefined
  config.antom.reconcile = { minAgeMinutes: 5, retentionDays: 180 }
  vi.spyOn(console, 'info').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  vi.spyOn(console, 'error').mockImplementation(() => {})
})

describe('reconciliation: what is due', () => {
  it('counts a session as expired at the remembered time, else 1 h after creation (Antom\'s default)', () => {
    const createdAt = '2027-03-01T12:00:00.000Z'
    expect(sessionExpiresAt({ createdAt, paymentSessionExpiryTime: '2027-03-01T20:30:00+08:00' })).toBe(Date.parse('2027-03-01T12:30:00Z'))
    expect(sessionExpiresAt({ createdAt })).toBe(Date.parse(createdAt) + DEFAULT_SESSION_LIFETIME_MS)
    expect(sessionExpiresAt({ createdAt, paymentSessionExpiryTime: 'soon' })).toBe(Date.parse(createdAt) + DEFAULT_SESSION_LIFETIME_MS)
  })

  it('never prunes a payment that is not final or not handled, however old; prunes a settled one only past the retention', () => {
    const states: AntomPaymentState[] = ['PROCESSING', 'PENDING', 'SUCCESS', 'FAIL', 'CANCELLED']
    fc.assert(fc.property(
      fc.constantFrom(...states), fc.option(fc.constantFrom(...states), { nil: undefined }), fc.boolean(),
      fc.integer({ min: 0, max: 20 * 365 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 30 }),
      (status, handledStatus, refundInFlight, idleDays, retentionDays, minAgeMinutes) => {
        const payment = record('pr_x', { status, handledStatus, age: idleDays * DAY + MINUTE, idle: idleDays * DAY })
        if (refundInFlight) payment.refunds.rf = { refundRequestId: 'rf', amount: payment.amount, status: 'PROCESSING', createdAt: payment.createdAt, updatedAt: payment.updatedAt }
        const action = reconcileAction(payment, NOW, { retentionDays, minAgeMinutes })
        const settled = ['SUCCESS', 'FAIL', 'CANCELLED'].includes(status) && handledStatus === status && !refundInFlight
        if (!settled) expect(action).not.toBe('prune')
        else expect(action).toBe(idleDays > retentionDays ? 'prune' : 'keep')
      },
    ))
  })

  it('checks an unfinished (or unhandled) payment only once it is minAgeMinutes old', () => {
    expect(reconcileAction(record('a', { age: 4 * MINUTE }), NOW, settings)).toBe('keep')
    expect(reconcileAction(record('a', { age: 5 * MINUTE }), NOW, settings)).toBe('check')
    expect(reconcileAction(record('a', { status: 'PENDING', age: 400 * DAY }), NOW, settings)).toBe('check')
    expect(reconcileAction(record('a', { status: 'SUCCESS', handledStatus: 'PROCESSING', age: 400 * DAY }), NOW, settings)).toBe('check')
    expect(reconcileAction(record('a', { status: 'SUCCESS', age: 400 * DAY }), NOW, settings)).toBe('prune')
  })
})

describe('reconciliation: a run', () => {
  it('goes through every record in batches, applying Antom\'s answers once and counting what it did', async () => {
    const paid = Array.from({ length: 230 }, (_, index) => record(`pr_paid${index}`))
    for (const payment of paid) antom.set(payment.paymentRequestId, 'SUCCESS')
    await put(...paid, record('pr_young', { age: MINUTE }))
    antom.set('pr_young', 'SUCCESS')
    const summary = await reconcilePayments({ now: NOW })
    expect(summary).toEqual({ checked: 230, updated: 230, cancelled: 0, pruned: 0, prunedRecords: 0, failed: 0, uncaptured: 0 })
    expect(handled).toHaveLength(230)
    expect(new Set(handled.map(([, id]) => id)).size).toBe(230)
    expect(handled.every(([kind, , source]) => kind === 'succeeded' && source === 'reconcile')).toBe(true)
    expect((await get('pr_young'))!.status).toBe('PROCESSING')
    expect(console.info).toHaveBeenCalledWith(expect.stringMatching(/Reconciled payments in \d+ ms: checked 230, updated 230, cancelled 0, pruned 0 \(and 0 other records\), failed 0, uncaptured 0\./))
    await expect(reconcilePayments({ now: Number.NaN })).rejects.toThrow(/now must be a Date or epoch milliseconds/)
  })

  it('cancels an expired session Antom has unpaid or never heard of; leaves unexpired and PENDING ones', async () => {
    await put(
      record('pr_unpaid', { age: 2 * 60 * MINUTE }), // no remembered expiry: 1 h after creation
      record('pr_unknown', { age: 61 * MINUTE }),
      record('pr_fresh', { age: 30 * MINUTE }),
      record('pr_remembered', { age: 10 * MINUTE, paymentSessionExpiryTime: new Date(NOW - MINUTE).toISOString() }),
      record('pr_pending', { status: 'PENDING', handledStatus: 'PENDING', age: 2 * 60 * MINUTE }),
    )
    antom.set('pr_unpaid', 'PROCESSING')
    antom.set('pr_fresh', 'PROCESSING')
    antom.set('pr_remembered', 'PROCESSING')
    antom.set('pr_pending', 'PROCESSING')
    expect(await reconcilePayments({ now: NOW })).toEqual({ checked: 5, updated: 0, cancelled: 3, pruned: 0, prunedRecords: 0, failed: 0, uncaptured: 0 })
    expect(calls.filter(([api]) => api === 'cancel').map(([, id]) => id).sort()).toEqual(['pr_remembered', 'pr_unknown', 'pr_unpaid'])
    for (const id of ['pr_unpaid', 'pr_unknown', 'pr_remembered']) expect((await get(id))!.status).toBe('CANCELLED')
    expect((await get('pr_fresh'))!.status).toBe('PROCESSING')
    expect((await get('pr_pending'))!.status).toBe('PENDING')
    expect(handled.map(([kind, id]) => `${kind} ${id}`).sort()).toEqual(['failed pr_remembered', 'failed pr_unknown', 'failed pr_unpaid'])
  })

  it('logs and counts a payment that fails, and goes on with the others', async () => {
    await put(record('pr_a'), record('pr_b'), record('pr_c'))
    antom.set('pr_a', 'SUCCESS')
    antom.set('pr_b', new AntomError({ kind: 'network', message: 'HTTP 503 from Antom' }))
    antom.set('pr_c', 'FAIL')
    expect(await reconcilePayments({ now: NOW })).toEqual({ checked: 3, updated: 2, cancelled: 0, pruned: 0, prunedRecords: 0, failed: 1, uncaptured: 0 })
    expect(console.error).toHaveBeenCalledWith('[nuxt-antom] Reconciling pr_b failed; the next run tries again:', 'HTTP 503 from Antom')
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/failed 1, uncaptured 0\.$/))
    expect((await get('pr_b'))!.status).toBe('PROCESSING')
  })

  it('says once that Antom cannot be called, still prunes, and keeps every unfinished payment', async () => {
    clientProblem.error = new Error('Set NUXT_ANTOM_CLIENT_ID')
    await put(record('pr_a'), record('pr_b'), record('pr_old', { status: 'FAIL', age: 200 * DAY }))
    expect(await reconcilePayments({ now: NOW })).toEqual({ checked: 2, updated: 0, cancelled: 0, pruned: 1, prunedRecords: 0, failed: 2, uncaptured: 0 })
    expect(console.error).toHaveBeenCalledTimes(1)
    expect(await get('pr_a')).not.toBeNull()
    expect(await get('pr_old')).toBeNull()
  })

  it('prunes with the refund index keys, from runtime config unless the call overrides it', async () => {
    const old = record('pr_old', { status: 'SUCCESS', age: 40 * DAY, idle: 35 * DAY })
    old.refunds.rf_1 = { refundRequestId: 'rf_1', amount: { currency: 'USD', value: '100' }, status: 'SUCCESS', handledStatus: 'SUCCESS', createdAt: old.updatedAt, updatedAt: old.updatedAt }
    const inFlight = record('pr_refunding', { status: 'SUCCESS', age: 40 * DAY, idle: 35 * DAY })
    inFlight.refunds.rf_2 = { refundRequestId: 'rf_2', amount: { currency: 'USD', value: '100' }, status: 'PROCESSING', createdAt: old.updatedAt, updatedAt: old.updatedAt }
    await put(old, inFlight, record('pr_open', { age: 400 * DAY }))
    await storage.setItem('refund-ids:rf_1', 'pr_old')
    await storage.setItem('refund-ids:rf_2', 'pr_refunding')
    antom.set('pr_open', new AntomError({ kind: 'timeout', message: 'timed out' }))

    expect(await reconcilePayments({ now: NOW })).toMatchObject({ pruned: 0 })
    config.antom.reconcile = { minAgeMinutes: '5', retentionDays: '30' } // as NUXT_ANTOM_RECONCILE_* set them
    expect(await reconcilePayments({ now: NOW, retentionDays: 40 })).toMatchObject({ pruned: 0 })
    expect(await reconcilePayments({ now: NOW })).toMatchObject({ pruned: 1 })
    expect(await get('pr_old')).toBeNull()
    expect(await storage.getKeys('refund-ids')).toEqual(['refund-ids:rf_2'])
    expect(await get('pr_refunding')).not.toBeNull()
    expect((await get('pr_open'))!.status).toBe('PROCESSING')
  })

  it('prunes disputes that are over, handled unknown notifications and orphaned capture results after the retention, nothing in use', async () => {
    const at = (days: number) => new Date(NOW - days * DAY).toISOString()
    const dispute = (id: string, status: string, days: number, handledStatus = status) => storage.setItem(`disputes:${id}`, { disputeId: id, status, handledStatus, history: [], createdAt: at(days), updatedAt: at(days) })
    await dispute('d_judged_old', 'DISPUTE_JUDGED', 200)
    await dispute('d_judged_recent', 'DISPUTE_JUDGED', 100)
    await dispute('d_open_old', 'DISPUTE_CREATED', 400)
    await dispute('d_unhandled_old', 'DISPUTE_CANCELLED', 400, 'DISPUTE_CREATED')
    await storage.setItem('notifications:unknown:aa', { id: 'aa', body: '{}', kind: 'X', receivedAt: at(200), handledAt: at(200) })
    await storage.setItem('notifications:unknown:bb', { id: 'bb', body: '{}', kind: 'X', receivedAt: at(200) })
    await storage.setItem('notifications:unknown:cc', { id: 'cc', body: '{}', kind: 'X', receivedAt: at(10), handledAt: at(10) })
    await storage.setItem('pending-captures:p_old', { notification: {}, receivedAt: at(181) })
    await storage.setItem('pending-captures:p_new', { notification: {}, receivedAt: at(1) })

    expect(await reconcilePayments({ now: NOW })).toMatchObject({ pruned: 0, prunedRecords: 3, failed: 0 })
    expect((await storage.getKeys('')).sort()).toEqual([
      'disputes:d_judged_recent', 'disputes:d_open_old', 'disputes:d_unhandled_old',
      'notifications:unknown:bb', 'notifications:unknown:cc', 'pending-captures:p_new',
    ])
    expect(await reconcilePayments({ now: NOW })).toMatchObject({ prunedRecords: 0 })
  })

  it('runs again a handler that threw, on the next run, and then never again', async () => {
    await put(record('pr_a'))
    antom.set('pr_a', 'SUCCESS')
    failNext = 1
    expect(await reconcilePayments({ now: NOW })).toEqual({ checked: 1, updated: 0, cancelled: 0, pruned: 0, prunedRecords: 0, failed: 1, uncaptured: 0 })
    expect((await get('pr_a'))!.status).toBe('SUCCESS')
    expect(await reconcilePayments({ now: NOW })).toEqual({ checked: 1, updated: 1, cancelled: 0, pruned: 0, prunedRecords: 0, failed: 0, uncaptured: 0 })
    expect(await reconcilePayments({ now: NOW })).toEqual({ checked: 0, updated: 0, cancelled: 0, pruned: 0, prunedRecords: 0, failed: 0, uncaptured: 0 })
    expect(handled).toEqual([['succeeded', 'pr_a', 'reconcile']])
    expect(calls.filter(([api]) => api === 'inquiryPayment')).toHaveLength(1)
  })

  it('counts authorised payments not captured yet, finds an awaited capture by inquiry, and runs its handler once', async () => {
    const card = (id: string, mode: 'AUTOMATIC' | 'MANUAL', capture: 'PENDING' | 'PROCESSING' = 'PENDING') =>
      record(id, { status: 'SUCCESS', paymentMethodType: 'CARD', captureMode: mode, capture: { status: capture, mode, updatedAt: new Date(NOW).toISOString() } })
    await put(card('pr_manual', 'MANUAL'), card('pr_auto', 'AUTOMATIC'), card('pr_waiting', 'AUTOMATIC'), card('pr_failing', 'MANUAL', 'PROCESSING'), record('pr_wallet', { status: 'SUCCESS' }))
    for (const id of ['pr_manual', 'pr_auto', 'pr_waiting', 'pr_failing']) antom.set(id, 'SUCCESS')
    antomCaptures.set('pr_auto', 'SUCCESS')
    antomCaptures.set('pr_failing', 'FAIL')
    antomCaptures.set('pr_waiting', 'PROCESSING')
    // Awaited (automatic, or asked for): asked about. A manual capture nobody asked for is the shop's to do: counted only.
    expect(await reconcilePayments({ now: NOW })).toEqual({ checked: 3, updated: 2, cancelled: 0, pruned: 0, prunedRecords: 0, failed: 0, uncaptured: 2 })
    expect(calls.filter(([api]) => api === 'inquiryPayment').map(([, id]) => id).sort()).toEqual(['pr_auto', 'pr_failing', 'pr_waiting'])
    expect(handled.sort()).toEqual([['capture-failed', 'pr_failing', 'capture'], ['captured', 'pr_auto', 'capture']])
    expect((await get('pr_auto'))!.capture).toMatchObject({ status: 'SUCCESS', handledStatus: 'SUCCESS', captureRequestId: 'cr_pr_auto', captureId: 'c_pr_auto' })
    expect((await get('pr_auto'))!.paidAt).toBeTruthy()
    expect((await get('pr_waiting'))!.capture!.status).toBe('PENDING')
    // Nothing runs twice; the still-awaited one is asked again only after the 2 s inquiry spacing.
    expect(await reconcilePayments({ now: NOW })).toMatchObject({ updated: 0, uncaptured: 2 })
    expect(handled).toHaveLength(2)
  })

  it('runs a capture handler that threw again on the next run, once', async () => {
    const captured = record('pr_captured', { status: 'SUCCESS', paymentMethodType: 'CARD', capture: { status: 'SUCCESS', mode: 'MANUAL', updatedAt: new Date(NOW).toISOString() } })
    await put(captured)
    expect(reconcileAction(captured, NOW, settings)).toBe('check')
    failNext = 1
    expect(await reconcilePayments({ now: NOW })).toMatchObject({ checked: 1, updated: 0, failed: 1 })
    expect(await reconcilePayments({ now: NOW })).toMatchObject({ checked: 1, updated: 1, failed: 0, uncaptured: 0 })
    expect(await reconcilePayments({ now: NOW })).toMatchObject({ checked: 0, updated: 0 })
    expect(handled).toEqual([['captured', 'pr_captured', 'capture']])
    expect(calls).toEqual([])
  })
})
