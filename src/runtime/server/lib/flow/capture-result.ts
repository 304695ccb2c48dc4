import type { H3Event } from 'h3'
import { useNitroApp } from 'nitropack/runtime'
import type { AntomAmount, CaptureNotification, InquiryPaymentResponse } from '../../../types/antom'
import type { AntomPaymentEvent, AntomPaymentRecord } from '../../../types/payments'
import { checkoutOptions } from '../checkout'
import { captureCanMoveTo, captureHandlersDue } from '../payment-state'
import { getPaymentRecord, savePaymentRecord, useAntomStorage, withPaymentLock } from '../store'
import type { ApplyOutcome } from './transitions'

/** A capture result Antom reported: its CAPTURE_RESULT, an inquiry's `transactions`, or its answer to `capture`. */
export interface CaptureReport {
  status: 'SUCCESS' | 'FAIL'
  captureRequestId?: string
  captureId?: string
  amount?: AntomAmount
  capturedAt?: string
  resultCode?: string
  source: 'notification' | 'inquiry' | 'reconcile' | 'capture'
  notification?: CaptureNotification
}

/** What applying a capture report did; `deferred`: recorded, its handlers wait for the payment's own (authorisation) handlers. */
export type CaptureOutcome = ApplyOutcome | 'deferred'

/** Storage key of a CAPTURE_RESULT that arrived before its payment's id was known (the PAYMENT_RESULT comes later). */
export const pendingCaptureKey = (paymentId: string) => `pending-captures:${paymentId}`

/** The report a CAPTURE_RESULT notification makes. */
export function captureReportFromNotification(notification: CaptureNotification): CaptureReport {
  const succeeded = notification.result.resultStatus === 'S'
  return {
    status: succeeded ? 'SUCCESS' : 'FAIL',
    captureRequestId: notification.captureRequestId,
    ...(notification.captureId ? { captureId: notification.captureId } : {}),
    amount: notification.captureAmount,
    ...(notification.captureTime ? { capturedAt: notification.captureTime } : {}),
    ...(succeeded ? {} : { resultCode: notification.result.resultCode }),
    source: 'notification',
    notification,
  }
}

/** The capture result in an inquiryPayment answer (its `transactions`), when final. */
export function captureReportFromInquiry(answer: InquiryPaymentResponse, source: 'inquiry' | 'reconcile'): CaptureReport | undefined {
  const capture = answer.transactions?.find(item => item.transactionType === 'CAPTURE' && (item.transactionStatus === 'SUCCESS' || item.transactionStatus === 'FAIL'))
  if (!capture) return undefined
  return {
    status: capture.transactionStatus as 'SUCCESS' | 'FAIL',
    ...(capture.transactionRequestId ? { captureRequestId: capture.transactionRequestId } : {}),
    ...(capture.transactionId ? { captureId: capture.transactionId } : {}),
    ...(capture.transactionAmount ? { amount: capture.transactionAmount } : {}),
    ...(capture.transactionTime ? { capturedAt: capture.transactionTime } : {}),
    source,
  }
}

/**
 * Records a capture report on a payment record whose lock the caller holds; does not save. A capture only moves
 * forward (a late FAIL never undoes SUCCESS), only one capture per payment is followed (another `captureRequestId`
 * is stale), and a captured amount over the authorised one, or in another currency, or a capture of a payment that is
 * FAIL or CANCELLED (voided), is recorded as a mismatch.
 */
export function recordCapture(payment: AntomPaymentRecord, report: CaptureReport): 'applied' | 'duplicate' | 'stale' | 'amount-mismatch' {
  const now = new Date().toISOString()
  // Money taken for a payment that failed or that this app voided: never recorded as paid; kept for review, loudly.
  if (report.status === 'SUCCESS' && (payment.status === 'CANCELLED' || payment.status === 'FAIL')) {
    payment.mismatches.push({ at: now, kind: 'capture', source: report.source, reportedStatus: payment.status, ...(report.amount ? { reportedAmount: report.amount } : {}) })
    console.error(`[nuxt-antom] Antom reports a capture of ${payment.paymentRequestId}, which is ${payment.status} here: check it in Antom's dashboard and refund the money if it was taken. Recorded in its mismatches.`)
    return 'amount-mismatch'
  }
  if (report.amount && (report.amount.currency !== payment.amount.currency || BigInt(report.amount.value) > BigInt(payment.amount.value))) {
    payment.mismatches.push({ at: now, kind: 'capture', source: report.source, reportedStatus: payment.status, reportedAmount: report.amount })
    return 'amount-mismatch'
  }
  const capture = payment.capture ??= { status: 'PENDING', mode: payment.captureMode ?? 'AUTOMATIC', updatedAt: now }
  if (report.captureRequestId && capture.captureRequestId && report.captureRequestId !== capture.captureRequestId) return 'stale'
  if (capture.status === report.status) return 'duplicate'
  if (!captureCanMoveTo(capture.status, report.status)) return 'stale'
  capture.status = report.status
  capture.captureRequestId ??= report.captureRequestId
  capture.captureId ??= report.captureId
  capture.amount = report.amount ?? capture.amount ?? payment.amount
  if (report.status === 'SUCCESS') {
    capture.capturedAt = report.capturedAt ?? now
    payment.paidAt = now
  }
  else if (report.resultCode) {
    capture.resultCode = report.resultCode
  }
  capture.updatedAt = now
  return 'applied'
}

/**
 * Runs the capture's handlers if they are due (see `captureHandlersDue`): `onPaymentCaptured` or `onCaptureFailed`,
 * then the `antom:payment` hook with `source: 'capture'`, then marks the capture handled. The caller holds the
 * payment's lock and has saved the record.
 * @returns whether they ran
 * @throws whatever a handler throws (the capture stays recorded; the next report runs them again)
 */
export async function runDueCaptureHandlers(payment: AntomPaymentRecord, event: H3Event, notification?: CaptureNotification): Promise<boolean> {
  if (!captureHandlersDue(payment)) return false
  const capture = payment.capture!
  const change: AntomPaymentEvent = { payment, previousStatus: payment.status, source: 'capture', notification, event }
  const options = checkoutOptions()
  await (capture.status === 'SUCCESS' ? options?.onPaymentCaptured : options?.onCaptureFailed)?.(change)
  await useNitroApp().hooks.callHook('antom:payment', change)
  capture.handledStatus = capture.status as 'SUCCESS' | 'FAIL'
  await savePaymentRecord(payment)
  return true
}

/**
 * Applies a capture report to a payment under its lock, exactly once per change: stored first, then the handlers,
 * which wait until the payment's own SUCCESS was handled (a CAPTURE_RESULT may overtake its PAYMENT_RESULT).
 * @throws whatever a handler throws, after the capture is stored (the caller answers 500 so Antom retries)
 */
export function applyCaptureReport(paymentRequestId: string, report: CaptureReport, event: H3Event): Promise<{ outcome: CaptureOutcome, payment?: AntomPaymentRecord }> {
  return withPaymentLock(paymentRequestId, async () => {
    const payment = await getPaymentRecord(paymentRequestId)
    if (!payment) return { outcome: 'unknown-payment' }
    const recorded = recordCapture(payment, report)
    if (recorded === 'applied' || recorded === 'amount-mismatch') await savePaymentRecord(payment)
    if (recorded === 'amount-mismatch' || recorded === 'stale') return { outcome: recorded, payment }
    if (await runDueCaptureHandlers(payment, event, report.notification)) return { outcome: 'applied', payment }
    return { outcome: recorded === 'applied' ? 'deferred' : 'duplicate', payment }
  })
}

/** The payment a CAPTURE_RESULT is about: by its captureRequestId (manual captures), then its paymentId. */
async function paymentForCapture(notification: CaptureNotification): Promise<string | undefined> {
  const storage = useAntomStorage()
  const byRequest = await storage.getItem<string>(`capture-ids:${notification.captureRequestId}`)
  if (byRequest) return byRequest
  const byPaymentId = notification.paymentId ? await storage.getItem<string>(`payment-ids:${notification.paymentId}`) : null
  if (byPaymentId) return byPaymentId
  // Not Antom's field, but some senders (test kits) name the payment: believed only when the ids agree.
  const named = typeof notification.paymentRequestId === 'string' ? await getPaymentRecord(notification.paymentRequestId) : null
  return named && (!named.paymentId || named.paymentId === notification.paymentId) ? named.paymentRequestId : undefined
}

/**
 * Processes a verified CAPTURE_RESULT. One for a payment whose Antom id is not known yet (its PAYMENT_RESULT is still on
 * the way) is kept until that id is recorded, then applied (see `applyReportedState`).
 */
export async function applyCaptureNotification(notification: CaptureNotification, event: H3Event): Promise<CaptureOutcome> {
  const paymentRequestId = await paymentForCapture(notification)
  if (paymentRequestId) return (await applyCaptureReport(paymentRequestId, captureReportFromNotification(notification), event)).outcome
  if (!notification.paymentId) return 'unknown-payment'
  const storage = useAntomStorage()
  await storage.setItem(pendingCaptureKey(notification.paymentId), { notification, receivedAt: new Date().toISOString() })
  // The payment's id may have been recorded meanwhile, after it looked for kept captures: apply it now (twice is harmless).
  const known = await storage.getItem<string>(`payment-ids:${notification.paymentId}`)
  if (!known) return 'deferred'
  const { outcome } = await applyCaptureReport(known, captureReportFromNotification(notification), event)
  await storage.removeItem(pendingCaptureKey(notification.paymentId))
  return outcome
}

/**
 * Runs a payment's capture handlers if they are due (a handler threw, or the CAPTURE_RESULT that runs them after
 * `captureAntomPayment` recorded the capture was lost), under the payment's lock.
 * @returns whether they ran
 */
export function runPendingCaptureHandlers(paymentRequestId: string, event: H3Event): Promise<boolean> {
  return withPaymentLock(paymentRequestId, async () => {
    const payment = await getPaymentRecord(paymentRequestId)
    return !!payment && runDueCaptureHandlers(payment, event)
  })
}
