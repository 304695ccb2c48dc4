import type { AntomPaymentRecord } from '../../../types/payments'
import type { AntomPaymentStatusResponse } from '../../../types/routes'
import type { AntomContext } from '../context'
import { buyerStatus, captureAwaited, isFinal } from '../payment-state'
import { getPaymentRecord, savePaymentRecord, withPaymentLock } from '../store'
import { applyCaptureReport, captureReportFromInquiry } from './capture-result'
import { applyReportedState } from './transitions'

/** Antom's advice for polling: no more often than every 2 s. */
const INQUIRY_INTERVAL_MS = 2000

/** True when Antom has news the record may lack: the payment is not final, or its capture result is awaited. */
export function awaitingAntom(payment: AntomPaymentRecord): boolean {
  return !isFinal(payment.status) || captureAwaited(payment)
}

/**
 * Returns the stored payment, refreshed with inquiryPayment when it is not final (or its capture result is awaited)
 * and Antom was not asked in the last 2 s. What the inquiry finds (the payment's status, and a capture among its
 * `transactions`) goes through the same once-per-change path as a notification, so a lost notification still runs
 * the handlers. If Antom cannot be reached, the stored state is returned.
 * @param paymentRequestId the payment
 * @param context builds the flow's context, only when Antom is to be asked
 * @returns null when this app never created the payment
 */
export async function refreshPayment(paymentRequestId: string, context: () => Promise<AntomContext>): Promise<AntomPaymentRecord | null> {
  const stored = await getPaymentRecord(paymentRequestId)
  if (!stored || !awaitingAntom(stored)) return stored
  const due = await withPaymentLock(paymentRequestId, async () => {
    const payment = await getPaymentRecord(paymentRequestId)
    if (!payment || Date.now() - (payment.lastInquiryAt ?? 0) < INQUIRY_INTERVAL_MS) return false
    payment.lastInquiryAt = Date.now()
    await savePaymentRecord(payment)
    return true
  })
  if (!due) return getPaymentRecord(paymentRequestId)
  try {
    const { event, client } = await context()
    const answer = await client({ retry: false, timeout: 5000 }).inquiryPayment({ paymentRequestId })
    const status = answer.paymentStatus
    if (status && status !== 'PROCESSING') {
      await applyReportedState({ paymentRequestId, status, amount: answer.paymentAmount, paymentId: answer.paymentId, ...(answer.paymentMethodType ? { paymentMethodType: answer.paymentMethodType } : {}), source: 'inquiry' }, event)
    }
    const capture = status === 'SUCCESS' ? captureReportFromInquiry(answer, 'inquiry') : undefined
    if (capture) await applyCaptureReport(paymentRequestId, capture, event)
  }
  catch (error) {
    console.warn(`[nuxt-antom] Refreshing ${paymentRequestId} from Antom failed; answering with the stored status:`, (error as Error).message)
  }
  return getPaymentRecord(paymentRequestId)
}

/**
 * The buyer-safe view of a payment record. `status` is the buyer's view (`buyerStatus`): SUCCESS only once the money
 * is taken; for a method with a separate capture the capture's status and the authorisation time are added.
 */
export function toStatusResponse(payment: AntomPaymentRecord): AntomPaymentStatusResponse {
  const status = buyerStatus(payment)
  return {
    paymentRequestId: payment.paymentRequestId,
    status,
    final: isFinal(status),
    amount: payment.amount,
    paymentMethodType: payment.paymentMethodType,
    createdAt: payment.createdAt,
    updatedAt: payment.updatedAt,
    ...(status === 'SUCCESS' && payment.paidAt ? { paidAt: payment.paidAt } : {}),
    ...(payment.capture && payment.status === 'SUCCESS' ? { captureStatus: payment.capture.status, ...(payment.authorizedAt ? { authorizedAt: payment.authorizedAt } : {}) } : {}),
  }
}
