import type { H3Event } from 'h3'
import { useNitroApp } from 'nitropack/runtime'
import type { AntomAmount, AntomNotification } from '../../../types/antom'
import type { AntomPaymentEvent, AntomPaymentRecord } from '../../../types/payments'
import type { AntomPaymentState } from '../../../types/routes'
import { checkoutOptions } from '../checkout'
import { sameAmount } from '../amount'
import { canMoveTo } from '../payment-state'
import { getPaymentRecord, savePaymentRecord, withPaymentLock } from '../store'

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
 * Reports whose amount differs from the stored one are recorded and never change the state.
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
    if (payment.status !== report.status && !canMoveTo(payment.status, report.status)) return { outcome: 'stale', payment }

    const previousStatus = payment.handledStatus ?? 'PROCESSING'
    if (payment.status !== report.status) {
      payment.status = report.status
      if (report.status === 'SUCCESS') payment.paidAt = new Date().toISOString()
    }
    payment.paymentId ??= report.paymentId
    if (!payment.paymentMethodType && report.paymentMethodType) payment.paymentMethodType = report.paymentMethodType
    await savePaymentRecord(payment)

    await runPaymentHandlers({ payment, previousStatus, source: report.source, notification: report.notification, event })
    payment.handledStatus = report.status
    await savePaymentRecord(payment)
    return { outcome: 'applied', payment }
  })
}

async function runPaymentHandlers(change: AntomPaymentEvent): Promise<void> {
  const options = checkoutOptions()
  const handler = {
    SUCCESS: options?.onPaymentSucceeded,
    FAIL: options?.onPaymentFailed,
    CANCELLED: options?.onPaymentFailed,
    PENDING: options?.onPaymentPending,
    PROCESSING: undefined,
  }[change.payment.status]
  await handler?.(change)
  await useNitroApp().hooks.callHook('antom:payment', change)
}
