import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { $fetch, fetch, setup, useTestContext } from '@nuxt/test-utils/e2e'
import { afterEach, describe, expect, it } from 'vitest'
import type { AntomPaymentRecord } from '../src/runtime/types/payments'
import type { AntomSessionResponse } from '../src/runtime/types/routes'
import type { AntomReconcileSummary } from '../src/runtime/server/utils/reconcile'
import { operator } from './helpers/site'
import { prebuiltSetup } from './helpers/builds'

const PREFIX = '/api/_antom'
const DAY = 24 * 60 * 60 * 1000
// The simulator's durations divided by 120: a session expires after 30 s, an unpaid payment closes after 7 s.
const TIME_SCALE = 120
type Handled = Array<{ kind: string, paymentRequestId: string, status: string }>
type Overrides = { minAgeMinutes?: number, retentionDays?: number, now?: number }

describe('reconciliation and retention (antom:reconcile)', async () => {
  await setup(await prebuiltSetup('shop', {
    // Retention from runtime config, as an operator would set it: 30 days instead of the 180 built in.
    env: { NUXT_ANTOM_SIMULATOR_TIME_SCALE: String(TIME_SCALE), NUXT_ANTOM_RECONCILE_RETENTION_DAYS: '30' },
  }))

  /** The shop's own code calling `reconcileAntomPayments`; payments of any age are due unless the test says otherwise. */
  const reconcile = (overrides: Overrides = {}) => $fetch<AntomReconcileSummary>('/api/test/reconcile', { method: 'POST', body: { minAgeMinutes: 0, ...overrides } })
  /** The module's Nitro task, through `runTask('antom:reconcile', { payload })`. */
  const task = (payload: Overrides = { minAgeMinutes: 0 }) => $fetch<AntomReconcileSummary>('/api/test/reconcile', { method: 'POST', body: { task: true, ...payload } })
  const faults = (list: object[]) => $fetch(`${PREFIX}/simulator/faults`, { method: 'POST', headers: operator, body: { faults: list } })
  const openSession = () => $fetch<AntomSessionResponse>(`${PREFIX}/session`, { method: 'POST', body: { items: [{ sku: 'mug', quantity: 1 }] } })
  const complete = (id: string, result: 'SUCCESS' | 'FAIL') => fetch(`${PREFIX}/simulator/payments/${id}/complete`, { method: 'POST', headers: { ...operator, 'content-type': 'application/json' }, body: JSON.stringify({ result }) })
  /** The stored record as the shop reads it (never asks Antom, unlike the status route); null once deleted. */
  const stored = async (id: string) => {
    const response = await fetch(`/api/test/payment?paymentRequestId=${id}`)
    if (response.status === 404) return null
    expect(response.status).toBe(200)
    return await response.json() as AntomPaymentRecord
  }
  const statusOf = async (id: string) => (await stored(id))?.status ?? 'DELETED'
  const handledFor = async (id: string) => (await $fetch<Handled>('/api/test/handled')).filter(item => item.paymentRequestId === id)
  const antomCalls = async (id: string, api: string) => (await $fetch<Array<{ api: string }>>(`${PREFIX}/simulator/requests?paymentRequestId=${id}`, { headers: operator })).filter(call => call.api === api).length
  /** A paid payment whose notification was lost: the store still says PROCESSING. */
  const paidSilently = async () => {
    const session = await openSession()
    await faults([{ type: 'lost-notification' }])
    expect((await complete(session.paymentRequestId, 'SUCCESS')).status).toBe(200)
    expect(await $fetch<unknown[]>(`${PREFIX}/simulator/deliveries?paymentRequestId=${session.paymentRequestId}`, { headers: operator })).toEqual([])
    expect(await statusOf(session.paymentRequestId)).toBe('PROCESSING')
    return session.paymentRequestId
  }

  afterEach(async () => {
    await faults([])
  })

  it('is a Nitro task of the built server, scheduled every 5 minutes, that answers a summary', async () => {
    const output = (useTestContext().options.nuxtConfig as { nitro: { output: { dir: string } } }).nitro.output.dir
    const files = (await readdir(join(output, 'server'), { recursive: true })).filter(file => file.endsWith('.mjs'))
    const sources = await Promise.all(files.map(file => readFile(join(output, 'server', file), 'utf8')))
    const tasksModule = sources.find(source => source.includes('const scheduledTasks = '))
    expect(tasksModule, 'the build has no Nitro tasks module').toBeDefined()
    expect(JSON.parse(tasksModule!.match(/const scheduledTasks = (.*);/)![1]!)).toEqual([{ cron: '*/5 * * * *', tasks: ['antom:reconcile'] }])
    expect(tasksModule).toMatch(/"antom:reconcile": \{/)
    // As the schedule runs it: defaults from runtime config, nothing young enough to touch.
    expect(await task({})).toEqual({ checked: 0, updated: 0, cancelled: 0, pruned: 0, prunedRecords: 0, failed: 0, uncaptured: 0 })
  })

  it('records a paid payment whose notification was lost as SUCCESS, the handler once, however often and concurrently it runs', async () => {
    const id = await paidSilently()
    // Younger than minAgeMinutes (5 by default): left to its notification.
    expect(await task({})).toMatchObject({ checked: 0, updated: 0 })
    expect(await statusOf(id)).toBe('PROCESSING')

    const concurrent = await Promise.all([task(), reconcile(), reconcile()])
    const again = await task()
    expect(await statusOf(id)).toBe('SUCCESS')
    expect(await handledFor(id)).toEqual([{ kind: 'succeeded', paymentRequestId: id, status: 'SUCCESS' }])
    expect(concurrent.reduce((sum, run) => sum + run.updated, 0)).toBe(1)
    expect(concurrent.reduce((sum, run) => sum + run.failed, 0)).toBe(0)
    expect(again).toEqual({ checked: 0, updated: 0, cancelled: 0, pruned: 0, prunedRecords: 0, failed: 0, uncaptured: 0 })
    expect((await stored(id))!.paidAt).toBeTruthy()
  })

  it('cancels at Antom a session past its expiry that Antom still has unpaid, and records CANCELLED, the failure handler once', async () => {
    const { paymentRequestId: id } = await openSession()
    const record = (await stored(id))!
    // The record remembers the session's expiry from Antom's answer (the simulator's, scaled: 1 h / 120 = 30 s).
    const expiresAt = Date.parse(record.paymentSessionExpiryTime!)
    expect(expiresAt - Date.parse(record.createdAt)).toBeGreaterThan(25_000)
    expect(expiresAt - Date.parse(record.createdAt)).toBeLessThanOrEqual(30_000)

    // Not expired yet: asked about, left alone.
    expect(await reconcile({ now: expiresAt - 1000 })).toMatchObject({ checked: 1, updated: 0, cancelled: 0, failed: 0 })
    expect(await antomCalls(id, 'inquiryPayment')).toBe(1)
    expect(await antomCalls(id, 'cancel')).toBe(0)
    expect(await statusOf(id)).toBe('PROCESSING')

    // Expired, and Antom still says PROCESSING (it closes unpaid payments after 7 s here): cancel, as Antom asks.
    // A payment is asked about at most every 2 s, so the first tries within 2 s of the last find nothing to do.
    await expect.poll(async () => (await reconcile({ now: expiresAt + 1000 })).cancelled, { interval: 250, timeout: 4500 }).toBe(1)
    expect(await antomCalls(id, 'cancel')).toBe(1)
    expect(await statusOf(id)).toBe('CANCELLED')
    expect(await handledFor(id)).toEqual([{ kind: 'failed', paymentRequestId: id, status: 'CANCELLED' }])
    // Antom closed it: the buyer cannot pay any more, and later runs change nothing.
    expect((await complete(id, 'SUCCESS')).status).toBe(409)
    expect(await reconcile({ now: expiresAt + 60_000 })).toMatchObject({ checked: 0, cancelled: 0 })
    expect(await handledFor(id)).toHaveLength(1)
  })

  it('closes an expired session Antom never heard of (the buyer never opened the cashier) the same way', async () => {
    const { paymentRequestId: id } = await openSession()
    await $fetch('/api/test/forget', { method: 'POST', body: { paymentRequestId: id } })
    const expiresAt = Date.parse((await stored(id))!.paymentSessionExpiryTime!)
    expect(await reconcile({ now: expiresAt + 1000 })).toMatchObject({ checked: 1, cancelled: 1, failed: 0 })
    expect(await antomCalls(id, 'cancel')).toBe(1)
    expect(await statusOf(id)).toBe('CANCELLED')
    expect(await handledFor(id)).toEqual([{ kind: 'failed', paymentRequestId: id, status: 'CANCELLED' }])
  })

  it('records FAIL for an abandoned payment Antom closed while its notification was lost', async () => {
    const { paymentRequestId: id } = await openSession()
    await faults([{ type: 'lost-notification' }])
    // Antom (the simulator, scaled) closes the unpaid payment after 7 s; nobody tells the shop.
    await expect.poll(async () => {
      await reconcile()
      return statusOf(id)
    }, { interval: 1000, timeout: 20_000 }).toBe('FAIL')
    expect(await $fetch<unknown[]>(`${PREFIX}/simulator/deliveries?paymentRequestId=${id}`, { headers: operator })).toEqual([])
    expect(await antomCalls(id, 'cancel')).toBe(0)
    expect(await handledFor(id)).toEqual([{ kind: 'failed', paymentRequestId: id, status: 'FAIL' }])
  })

  it('counts a failing inquiry in failed and goes on with the rest; the next run catches up', async () => {
    const ids = [await paidSilently(), await paidSilently(), await paidSilently()]
    await faults([{ type: 'http-error', api: 'inquiryPayment', status: 503 }])
    expect(await reconcile()).toEqual({ checked: 3, updated: 2, cancelled: 0, pruned: 0, prunedRecords: 0, failed: 1, uncaptured: 0 })
    const statuses = await Promise.all(ids.map(statusOf))
    expect(statuses.filter(status => status === 'SUCCESS')).toHaveLength(2)
    expect(statuses.filter(status => status === 'PROCESSING')).toHaveLength(1)
    await expect.poll(async () => {
      await reconcile()
      return Promise.all(ids.map(statusOf))
    }, { interval: 500, timeout: 10_000 }).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS'])
    for (const id of ids) expect(await handledFor(id)).toEqual([{ kind: 'succeeded', paymentRequestId: id, status: 'SUCCESS' }])
  })

  it('runs a handler that threw during a run again on the next run, once', async () => {
    const id = await paidSilently()
    await $fetch('/api/test/fail-next', { method: 'POST', body: { times: 1 } })
    expect(await reconcile()).toMatchObject({ checked: 1, updated: 0, failed: 1 })
    expect(await statusOf(id)).toBe('SUCCESS')
    expect(await handledFor(id)).toEqual([])
    expect(await reconcile()).toMatchObject({ checked: 1, updated: 1, failed: 0 })
    expect(await handledFor(id)).toEqual([{ kind: 'succeeded', paymentRequestId: id, status: 'SUCCESS' }])
    expect(await reconcile()).toMatchObject({ checked: 0, updated: 0 })
  })

  it('deletes final payments past the retention with their refund index, never a payment that is not final', async () => {
    const { paymentRequestId: paid } = await openSession()
    expect((await complete(paid, 'SUCCESS')).status).toBe(200)
    await expect.poll(() => handledFor(paid)).toHaveLength(1)
    const refund = await $fetch<{ refundRequestId: string, status: string }>('/api/test/refund', { method: 'POST', body: { paymentRequestId: paid, value: '500' } })
    expect(refund.status).toBe('SUCCESS')
    await expect.poll(async () => (await handledFor(paid)).map(item => item.kind)).toEqual(['succeeded', 'refund'])
    const refundKeys = () => $fetch<string[]>('/api/test/keys?base=refund-ids')
    expect(await refundKeys()).toContain(`refund-ids:${refund.refundRequestId}`)

    // Unfinished, and Antom can neither be asked nor tell: it stays PROCESSING however old it gets.
    const { paymentRequestId: open } = await openSession()
    await faults([{ type: 'http-error', api: 'inquiryPayment', times: 0 }, { type: 'lost-notification', times: 0 }])

    // Retention from NUXT_ANTOM_RECONCILE_RETENTION_DAYS: 30 days.
    const early = await reconcile({ now: Date.now() + 29 * DAY })
    expect(early).toMatchObject({ pruned: 0 })
    expect(early.failed).toBeGreaterThanOrEqual(1)
    expect(await statusOf(paid)).toBe('SUCCESS')
    expect((await reconcile({ now: Date.now() + 31 * DAY })).pruned).toBeGreaterThanOrEqual(1)
    expect(await stored(paid)).toBeNull()
    expect(await refundKeys()).not.toContain(`refund-ids:${refund.refundRequestId}`)
    expect(await statusOf(open)).toBe('PROCESSING')
    expect(await reconcile({ now: Date.now() + 3650 * DAY, retentionDays: 0 })).toMatchObject({ pruned: 0 })
    expect(await statusOf(open)).toBe('PROCESSING')

    // Once Antom can be asked again, the next runs close it (cancelled, or FAIL as Antom closed it) and keep it.
    await faults([])
    await expect.poll(async () => {
      await reconcile({ now: Date.now() + DAY })
      return statusOf(open)
    }, { interval: 500, timeout: 10_000 }).toMatch(/^(CANCELLED|FAIL)$/)
    expect(await handledFor(open)).toHaveLength(1)
  })
})
