import type { H3Event } from 'h3'
import { useNitroApp } from 'nitropack/runtime'
import type { AntomAmount, AntomNotification, CaptureNotification } from '../../../types/antom'
import type { AntomPaymentEvent, AntomPaymentHistoryEntry, AntomPaymentRecord } from '../../../types/payments'
import type { AntomPaymentState } from '../../../types/routes'
import { checkoutOptions } from '../checkout'
import { sameAmount } from '../amount'
import { canMoveTo, hasSeparateCapture, isVoidable } from '../payment-state'
import { getPaymentRecord, savePaymentRecord, useAntomStorage, withPaymentLock } from '../store'
import { captureReportFromNotification, pendingCaptureKey, recordCapture, runDueCaptureHandlers } from './capture-result'

/** A state Antom reported, by notification or inquiry. */
export interface ReportedState {
  paymentRequestId: string
  status: AntomPaymentState
  amount?: AntomAmount
  paymentId?: string
  /** The method the buyer paid with, when Antom says (Payment Element and the Checkout Page let the buyer pick). */
  paymentMethodType?: string
  source: 'notification' | 'inquiry' | 'cancel' | 'reconcile'
  notification?: AntomNotification
}

/** What applying a report did. */
export type ApplyOutcome
  = | 'unknown-payment'
    | 'amount-mismatch'
    | 'stale'
    | 'duplicate'
    | 'applied'

/**
 * Applies a verified report to the stored payment, exactly once per state change: the new state is
 * stored first, then the app's handlers run, then the change is marked handled. A report for a state
 * that is stored but not yet handled (a handler threw last time) runs the handlers again.
 * Reports whose amount differs from the stored one are recorded and never change the state. States only move forward,
 * but for this app's cancel of an uncaptured card authorisation (SUCCESS → CANCELLED, see `voids`).
 * For a method with a separate capture, SUCCESS is the authorisation: the record gets its `capture` (PENDING), and a
 * capture result that overtook this report (kept by the payment's Antom id) is applied, its handlers after these.
 * @throws whatever a handler throws, after the state is stored (the caller answers 500 so Antom retries)
 */
export function applyReportedState(report: ReportedState, event: H3Event): Promise<{ outcome: ApplyOutcome, payment?: AntomPaymentRecord }> {
  return withPaymentLock(report.paymentRequestId, async () => {
    const payment = await getPaymentRecord(report.paymentRequestId)
    if (!payment) return { outcome: 'unknown-payment' }
    if (report.amount && !sameAmount(report.amount, payment.amount)) {
      payment.mismatches.push({ at: new Date().toISOString(), source: report.source, reportedStatus: report.status, reportedAmount: report.amount })
      await savePaymentRecord(payment)
      return { outcome: 'amount-mismatch', payment }
    }
    if (payment.status === report.status && payment.handledStatus === report.status) return { outcome: 'duplicate', payment }
    if (payment.status !== report.status && !canMoveTo(payment.status, report.status) && !voids(payment, report)) return { outcome: 'stale', payment }

    const previousStatus = payment.handledStatus ?? 'PROCESSING'
    if (!payment.paymentMethodType && report.paymentMethodType) payment.paymentMethodType = report.paymentMethodType
    if (payment.status !== report.status) {
      payment.status = report.status
      if (report.status === 'SUCCESS') authorise(payment)
    }
    const learnedPaymentId = !payment.paymentId && report.paymentId ? report.paymentId : undefined
    payment.paymentId ??= report.paymentId
    const overtaken = learnedPaymentId ? await takePendingCapture(payment, learnedPaymentId) : undefined
    const entry: AntomPaymentHistoryEntry = { at: new Date().toISOString(), status: report.status, source: report.source }
    payment.history = [...(payment.history ?? []), entry].slice(-MAX_HISTORY)
    await savePaymentRecord(payment)
    if (learnedPaymentId) await indexPaymentId(learnedPaymentId, payment.paymentRequestId, !!overtaken)

    const handler = await runPaymentHandlers({ payment, previousStatus, source: report.source, notification: report.notification, event })
    payment.handledStatus = report.status
    entry.handled = { at: new Date().toISOString(), handler }
    await savePaymentRecord(payment)
    await runDueCaptureHandlers(payment, event, overtaken)
    return { outcome: 'applied', payment }
  })
}

/**
 * The one move out of a final state: this app's own cancel of an uncaptured card authorisation (a void), which
 * Antom accepted. SUCCESS (authorised) becomes CANCELLED; nothing else ever leaves a final state.
 */
function voids(payment: AntomPaymentRecord, report: ReportedState): boolean {
  return report.source === 'cancel' && report.status === 'CANCELLED' && isVoidable(payment)
}

/** How many state changes a payment record keeps in `history`. */
const MAX_HISTORY = 20

const HANDLERS = { SUCCESS: 'onPaymentSucceeded', FAIL: 'onPaymentFailed', CANCELLED: 'onPaymentFailed', PENDING: 'onPaymentPending', PROCESSING: undefined } as const

/** Records SUCCESS: paid, or for a method with a separate capture authorised, with its capture PENDING. */
function authorise(payment: AntomPaymentRecord): void {
  const now = new Date().toISOString()
  payment.authorizedAt ??= now
  if (!hasSeparateCapture(payment)) {
    payment.paidAt = now
    return
  }
  payment.capture ??= { status: 'PENDING', mode: payment.captureMode ?? 'AUTOMATIC', updatedAt: now }
  if (payment.capture.status === 'SUCCESS') payment.paidAt ??= now
}

/** A CAPTURE_RESULT kept because it arrived before the payment's Antom id was known: recorded on the payment now. */
async function takePendingCapture(payment: AntomPaymentRecord, paymentId: string): Promise<CaptureNotification | undefined> {
  const pending = await useAntomStorage().getItem<{ notification: CaptureNotification }>(pendingCaptureKey(paymentId))
  if (!pending) return undefined
  recordCapture(payment, captureReportFromNotification(pending.notification))
  return pending.notification
}

/** Indexes the payment by Antom's id (CAPTURE_RESULT names only that), once the record that holds it is saved. */
async function indexPaymentId(paymentId: string, paymentRequestId: string, pendingTaken: boolean): Promise<void> {
  const storage = useAntomStorage()
  await storage.setItem(`payment-ids:${paymentId}`, paymentRequestId)
  if (pendingTaken) await storage.removeItem(pendingCaptureKey(paymentId))
}

/** Runs the state's handler and the `antom:payment` hook; answers the handler's name ('' when none is registered). */
async function runPaymentHandlers(change: AntomPaymentEvent): Promise<string> {
  const name = HANDLERS[change.payment.status]
  const handler = name && checkoutOptions()?.[name]
  if (handler) await handler(change)
  await useNitroApp().hooks.callHook('antom:payment', change)
  return handler ? name : ''
}
