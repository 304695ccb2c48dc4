import { createEvent, type H3Event } from 'h3'
import { useRuntimeConfig } from 'nitropack/runtime'
import type { AntomReconcileRuntimeConfig } from '../../../types/config'
import type { AntomPaymentRecord } from '../../../types/payments'
import type { AntomPaymentState } from '../../../types/routes'
import type { AntomClient } from '../client'
import { AntomError } from '../errors'
import { captureAwaited, captureHandlersDue, isFinal, isUncaptured } from '../payment-state'
import { getPaymentRecord, savePaymentRecord, useAntomStorage, withPaymentLock } from '../store'
import { applyCaptureReport, captureReportFromInquiry, runPendingCaptureHandlers } from './capture-result'
import { pruneAgedRecords } from './retention'
import { applyReportedState } from './transitions'

/** Defaults of the settings a run reads from runtime config (`runtimeConfig.antom.reconcile`). */
export const RECONCILE_DEFAULTS = { minAgeMinutes: 5, retentionDays: 180 } as const

/** Antom's default session lifetime, for records written before the session's expiry was kept. */
export const DEFAULT_SESSION_LIFETIME_MS = 60 * 60 * 1000

/** Antom's advice for polling, shared with the status route: the same payment is asked about at most every 2 s. */
const INQUIRY_INTERVAL_MS = 2000
/** Records read at a time. */
const BATCH_SIZE = 100
const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * MINUTE_MS

/** What one run may override (tests, backfills, an admin route). */
export interface AntomReconcileOptions {
  /**
   * Payments created less than this many minutes ago are left alone (their notification is still on its way).
   * @default runtime config `antom.reconcile.minAgeMinutes` (5)
   */
  minAgeMinutes?: number
  /**
   * Final payments whose last change is older than this many days are deleted, with their refund index keys.
   * @default runtime config `antom.reconcile.retentionDays` (180)
   */
  retentionDays?: number
  /**
   * The time the run acts at: ages, session expiry and retention are measured from it.
   * @default the current time
   */
  now?: Date | number
  /**
   * The request to read runtime config from and hand to the payment handlers.
   * @default a stand-in request (the scheduled task has none)
   */
  event?: H3Event
}

/** What the core's run is given besides the options: how to get an Antom client (once per run, no retries). */
export interface ReconcileDependencies {
  client: () => Promise<AntomClient>
}

/** What a run did. */
export interface AntomReconcileSummary {
  /** Payments that were due and examined (asked about at Antom, or their pending handler run again), failed ones included. */
  checked: number
  /** State changes recorded from Antom's answer (handlers ran), and handlers that had failed and now ran. */
  updated: number
  /** Expired unpaid sessions closed with Antom's `cancel` and recorded CANCELLED. */
  cancelled: number
  /** Final payments deleted after the retention period. */
  pruned: number
  /**
   * Other records deleted after the retention period: disputes that are over, handled notifications of kinds
   * nuxt-antom does not process, and capture results whose payment never became known.
   */
  prunedRecords: number
  /** Payments whose check failed (logged); the next run tries them again. */
  failed: number
  /**
   * Authorised payments whose money is not taken yet (a method with a separate capture, capture PENDING or
   * PROCESSING) after the run: with `MANUAL` capture, capture them with `captureAntomPayment` before the
   * authorisation lapses (about 7 days for cards).
   */
  uncaptured: number
}

/** When the payment's session expires (epoch ms): the remembered answer, else Antom's default 1 h after creation. */
export function sessionExpiresAt(payment: Pick<AntomPaymentRecord, 'createdAt' | 'paymentSessionExpiryTime'>): number {
  const remembered = payment.paymentSessionExpiryTime ? Date.parse(payment.paymentSessionExpiryTime) : Number.NaN
  return Number.isNaN(remembered) ? Date.parse(payment.createdAt) + DEFAULT_SESSION_LIFETIME_MS : remembered
}

/**
 * A payment whose handlers completed for its final state, whose capture result is not awaited and whose capture
 * handlers ran, and that has no refund still in flight.
 */
function settled(payment: AntomPaymentRecord): boolean {
  return isFinal(payment.status)
    && payment.handledStatus === payment.status
    && !captureAwaited(payment)
    && !captureHandlersDue(payment)
    && Object.values(payment.refunds ?? {}).every(refund => refund.status !== 'PROCESSING')
}

/**
 * What a run does with one record:
 * - `check`: not final (or final with a handler still to run) and older than `minAgeMinutes`: ask Antom;
 * - `prune`: final, handled, no refund in flight, and unchanged for longer than `retentionDays`: delete;
 * - `keep`: anything else. A payment that is not final is never pruned, however old.
 */
export function reconcileAction(payment: AntomPaymentRecord, now: number, settings: AntomReconcileRuntimeConfig): 'check' | 'prune' | 'keep' {
  if (!settled(payment)) {
    return now - Date.parse(payment.createdAt) >= settings.minAgeMinutes * MINUTE_MS ? 'check' : 'keep'
  }
  return now - Date.parse(payment.updatedAt) > settings.retentionDays * DAY_MS ? 'prune' : 'keep'
}

/** A number from runtime config or an option (env vars arrive as strings); `fallback` when it is not one. */
function setting(value: unknown, fallback: number): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : fallback
}

function settingsFor(options: AntomReconcileOptions): AntomReconcileRuntimeConfig {
  // Env vars arrive as strings; a runtime config written before the option existed has none.
  const configured: Partial<AntomReconcileRuntimeConfig> = useRuntimeConfig(options.event).antom.reconcile ?? {}
  return {
    minAgeMinutes: setting(options.minAgeMinutes, setting(configured.minAgeMinutes, RECONCILE_DEFAULTS.minAgeMinutes)),
    retentionDays: setting(options.retentionDays, setting(configured.retentionDays, RECONCILE_DEFAULTS.retentionDays)),
  }
}

/** A request for the handlers when the run has none (the scheduled task): POST /_antom/reconcile, no client. */
function standInEvent(): H3Event {
  // Plain objects, not Node's classes: the task runs on every Nitro runtime. Handlers read method, path and headers.
  const request = { method: 'POST', url: '/_antom/reconcile', headers: {} }
  const event = createEvent(request as Parameters<typeof createEvent>[0], {} as Parameters<typeof createEvent>[1])
  event.context.nitro = { errors: [] }
  event.waitUntil = (promise: Promise<unknown>) => {
    promise.catch?.(error => console.error('[nuxt-antom] A task a payment handler left running failed:', error))
  }
  return event
}

/** What examining one payment came to. */
type CheckOutcome = 'skipped' | 'unchanged' | 'updated' | 'cancelled'

interface RunContext {
  now: number
  event: () => H3Event
  client: () => Promise<AntomClient>
}

function isResult(error: unknown, resultCode: string): boolean {
  return error instanceof AntomError && error.kind === 'result' && error.resultCode === resultCode
}

/**
 * Examines one payment the way the status route refreshes one: it claims the inquiry under the payment's lock (at
 * most one every 2 s, whoever asks), asks Antom without holding the lock, and records what Antom says through
 * `applyReportedState`, which runs the handlers once per change. An unpaid payment whose session expired is closed
 * with Antom's `cancel` and recorded CANCELLED. A final payment whose handler failed has its handler run again.
 */
async function checkPayment(paymentRequestId: string, run: RunContext): Promise<CheckOutcome> {
  const claimed = await withPaymentLock(paymentRequestId, async () => {
    const payment = await getPaymentRecord(paymentRequestId)
    if (!payment) return undefined
    const final = isFinal(payment.status)
    if (final && payment.handledStatus !== payment.status) return { payment, step: 'handlers' as const }
    if (final && captureHandlersDue(payment)) return { payment, step: 'capture-handlers' as const }
    if (final && !captureAwaited(payment)) return undefined
    if (Date.now() - (payment.lastInquiryAt ?? 0) < INQUIRY_INTERVAL_MS) return undefined
    payment.lastInquiryAt = Date.now()
    await savePaymentRecord(payment)
    return { payment, step: 'inquire' as const }
  })
  if (!claimed) return 'skipped'
  const { step } = claimed
  if (step === 'handlers') {
    // Stored, but its handler threw: run it again, as Antom's next try of the notification would.
    const { outcome } = await applyReportedState({ paymentRequestId, status: claimed.payment.status, source: 'reconcile' }, run.event())
    return outcome === 'applied' ? 'updated' : 'unchanged'
  }
  if (step === 'capture-handlers') {
    // The capture is stored but its handler threw, or the CAPTURE_RESULT after captureAntomPayment was lost.
    return await runPendingCaptureHandlers(paymentRequestId, run.event()) ? 'updated' : 'unchanged'
  }
  const claimedPayment = claimed.payment

  const client = await run.client()
  let reported: AntomPaymentState | 'UNKNOWN' | undefined
  let answer: Awaited<ReturnType<AntomClient['inquiryPayment']>> | undefined
  try {
    answer = await client.inquiryPayment({ paymentRequestId })
    reported = answer.paymentStatus
  }
  catch (error) {
    if (!isResult(error, 'ORDER_NOT_EXIST')) throw error
    reported = 'UNKNOWN'
  }
  // An authorised payment whose capture result is awaited: its capture among the inquiry's transactions.
  const capture = answer && reported === 'SUCCESS' ? captureReportFromInquiry(answer, 'reconcile') : undefined
  if (isFinal(claimedPayment.status)) {
    if (!capture) return 'unchanged'
    const { outcome } = await applyCaptureReport(paymentRequestId, capture, run.event())
    return outcome === 'applied' ? 'updated' : 'unchanged'
  }
  if (reported && reported !== 'PROCESSING' && reported !== 'UNKNOWN') {
    const { outcome } = await applyReportedState({ paymentRequestId, status: reported, amount: answer?.paymentAmount, paymentId: answer?.paymentId, ...(answer?.paymentMethodType ? { paymentMethodType: answer.paymentMethodType } : {}), source: 'reconcile' }, run.event())
    if (outcome === 'amount-mismatch') console.warn(`[nuxt-antom] Antom reports ${paymentRequestId} as ${reported} with another amount than the session's; recorded as a mismatch, not applied.`)
    if (capture && outcome !== 'amount-mismatch') await applyCaptureReport(paymentRequestId, capture, run.event())
    return outcome === 'applied' ? 'updated' : 'unchanged'
  }
  // Antom has no result. Once the session has expired the buyer cannot pay through it any more: close it the way
  // Antom asks merchants to, with cancel, so it can never be paid later. A PENDING payment is left to Antom.
  if (reported === undefined || claimedPayment.status !== 'PROCESSING' || run.now < sessionExpiresAt(claimedPayment)) return 'unchanged'
  try {
    await client.cancelPayment({ paymentRequestId })
  }
  catch (error) {
    // A payment Antom never created (the buyer never submitted) cannot be paid either.
    if (!(reported === 'UNKNOWN' && isResult(error, 'ORDER_NOT_EXIST'))) throw error
  }
  const { outcome } = await applyReportedState({ paymentRequestId, status: 'CANCELLED', source: 'reconcile' }, run.event())
  return outcome === 'applied' ? 'cancelled' : 'unchanged'
}

/** Deletes a final payment past its retention, with its refund index keys; re-checked under the payment's lock. */
function prunePayment(paymentRequestId: string, now: number, settings: AntomReconcileRuntimeConfig): Promise<boolean> {
  return withPaymentLock(paymentRequestId, async () => {
    const payment = await getPaymentRecord(paymentRequestId)
    if (!payment || reconcileAction(payment, now, settings) !== 'prune') return false
    const storage = useAntomStorage()
    for (const refundRequestId of Object.keys(payment.refunds ?? {})) {
      await storage.removeItem(`refund-ids:${refundRequestId}`)
    }
    if (payment.paymentId) await storage.removeItem(`payment-ids:${payment.paymentId}`)
    if (payment.capture?.captureRequestId) await storage.removeItem(`capture-ids:${payment.capture.captureRequestId}`)
    await storage.removeItem(`payments:${paymentRequestId}`)
    return true
  })
}

/**
 * One reconciliation run over every stored payment (read 100 at a time, worked on one at a time):
 * - a payment that is not final and older than `minAgeMinutes` is asked about at Antom, and what Antom says is
 *   recorded as a notification would be (handlers once per change); still unpaid after its session expired, it is
 *   cancelled at Antom and recorded CANCELLED (failure handler once);
 * - a final payment unchanged for `retentionDays` is deleted; a payment that is not final never is; so are disputes
 *   that are over, handled notifications of kinds nuxt-antom does not process and capture results whose payment
 *   never became known (`pruneAgedRecords`);
 * - an authorised payment whose capture result is awaited is asked about too (the capture among the inquiry's
 *   transactions), capture handlers that are due run, and authorisations not captured yet are counted (`uncaptured`).
 * An error with one payment is logged and counted in `failed`; the run goes on. Two runs at once (two instances,
 * or the schedule and a manual call) are safe: every change is made under the payment's lock.
 */
export async function reconcilePayments(options: AntomReconcileOptions, dependencies: ReconcileDependencies): Promise<AntomReconcileSummary> {
  const started = Date.now()
  const now = options.now === undefined ? started : new Date(options.now).getTime()
  if (Number.isNaN(now)) throw new TypeError(`[nuxt-antom] reconcileAntomPayments: now must be a Date or epoch milliseconds, got ${String(options.now)}.`)
  const settings = settingsFor(options)
  const summary: AntomReconcileSummary = { checked: 0, updated: 0, cancelled: 0, pruned: 0, prunedRecords: 0, failed: 0, uncaptured: 0 }
  let event: H3Event | undefined = options.event
  let client: Promise<AntomClient> | undefined
  let clientProblem: unknown
  const run: RunContext = {
    now,
    event: () => (event ??= standInEvent()),
    // One client per run. The run is itself the retry: a call that fails is tried again by the next run.
    client: () => (client ??= dependencies.client().catch((error) => {
      clientProblem = error
      console.error('[nuxt-antom] Reconciliation cannot call Antom:', (error as Error).message)
      throw error
    })),
  }

  const keys = (await useAntomStorage().getKeys('payments')).filter(key => key.startsWith('payments:'))
  for (let start = 0; start < keys.length; start += BATCH_SIZE) {
    const ids = keys.slice(start, start + BATCH_SIZE).map(key => key.slice('payments:'.length))
    const records = await Promise.all(ids.map(id => getPaymentRecord(id).catch((error: unknown) => error as Error)))
    // One payment at a time: background work should not compete with buyers for Antom's rate limit or the server.
    for (const [index, paymentRequestId] of ids.entries()) {
      const payment = records[index]
      let action: ReturnType<typeof reconcileAction> = 'keep'
      try {
        if (payment instanceof Error) throw payment
        action = payment ? reconcileAction(payment, now, settings) : 'keep'
        if (action === 'prune' && await prunePayment(paymentRequestId, now, settings)) summary.pruned++
        if (action !== 'check') {
          if (action === 'keep' && payment && isUncaptured(payment)) summary.uncaptured++
          continue
        }
        const outcome = await checkPayment(paymentRequestId, run)
        const after = outcome === 'skipped' ? payment : await getPaymentRecord(paymentRequestId)
        if (after && isUncaptured(after)) summary.uncaptured++
        if (outcome === 'skipped') continue
        summary.checked++
        if (outcome === 'updated') summary.updated++
        if (outcome === 'cancelled') summary.cancelled++
      }
      catch (error) {
        if (action === 'check') summary.checked++
        summary.failed++
        if (error !== clientProblem) console.error(`[nuxt-antom] Reconciling ${paymentRequestId} failed; the next run tries again:`, (error as Error)?.message ?? error)
      }
    }
  }

  try {
    summary.prunedRecords = await pruneAgedRecords(now, settings.retentionDays)
  }
  catch (error) {
    summary.failed++
    console.error('[nuxt-antom] Pruning disputes and kept notifications failed; the next run tries again:', (error as Error)?.message ?? error)
  }

  const line = `[nuxt-antom] Reconciled payments in ${Date.now() - started} ms: checked ${summary.checked}, updated ${summary.updated}, cancelled ${summary.cancelled}, pruned ${summary.pruned} (and ${summary.prunedRecords} other records), failed ${summary.failed}, uncaptured ${summary.uncaptured}.`
  if (summary.failed) console.warn(line)
  else console.info(line)
  return summary
}
