import type { H3Event } from 'h3'
import type { AntomPaymentRecord, AntomRefundRecord } from '../../types/payments'
import type { AntomSessionResponse } from '../../types/routes'
import { isFinal } from '../lib/payment-state'
import { createSession, type CreateSessionInput } from '../lib/flow/session'
import { processNotification, type NotificationOutcome } from '../lib/flow/notification'
import { refreshPayment } from '../lib/flow/status'
import { applyReportedState } from '../lib/flow/transitions'
import { refundPayment, type AntomRefundInput } from '../lib/flow/refund'
import { getPaymentRecord } from '../lib/store'
import { useAntomClient, toAntomHttpError } from './antom'
import { httpError } from '../lib/http'

/**
 * Creates an Antom payment session for an order your server priced, and stores the payment record.
 * The built-in `POST <prefix>/session` route is this util behind `resolveOrder`.
 * @param event the request
 * @param input the resolved order, payment method and terminal type
 * @example const session = await createAntomPaymentSession(event, { order: await priceCart(id), paymentMethodType: 'ALIPAY_CN', terminalType: 'WEB' })
 */
export async function createAntomPaymentSession(event: H3Event, input: CreateSessionInput): Promise<AntomSessionResponse> {
  try {
    return await createSession(event, input)
  }
  catch (error) {
    throw toAntomHttpError(error)
  }
}

/**
 * The stored payment record, without asking Antom.
 * @param paymentRequestId the id `createAntomPaymentSession` returned
 * @returns null when this app never created it
 */
export function getAntomPayment(paymentRequestId: string): Promise<AntomPaymentRecord | null> {
  return getPaymentRecord(paymentRequestId)
}

/**
 * The payment record, refreshed with inquiryPayment when not final (at most once per 2 s).
 * A state change found this way runs the handlers once, as a notification would.
 * @param event the request
 * @param paymentRequestId the id `createAntomPaymentSession` returned
 * @returns null when this app never created it
 */
export function inquireAntomPayment(event: H3Event, paymentRequestId: string): Promise<AntomPaymentRecord | null> {
  return refreshPayment(event, paymentRequestId)
}

async function requirePayment(paymentRequestId: string): Promise<AntomPaymentRecord> {
  const payment = await getPaymentRecord(paymentRequestId)
  if (!payment) throw httpError(404, `No payment ${paymentRequestId}.`)
  return payment
}

/**
 * Cancels (closes) an unpaid payment at Antom and records it as CANCELLED, running `onPaymentFailed` once.
 * A payment in a final state is not sent to Antom: a paid one must be refunded instead.
 * @param event the request
 * @param paymentRequestId the payment to cancel
 * @throws H3Error 404 unknown payment, 409 final payment; Antom failures as `toAntomHttpError` maps them
 */
export async function cancelAntomPayment(event: H3Event, paymentRequestId: string): Promise<AntomPaymentRecord> {
  const stored = await requirePayment(paymentRequestId)
  if (isFinal(stored.status)) {
    const advice = stored.status === 'SUCCESS' ? ' A paid payment cannot be cancelled; refund it with refundAntomPayment.' : ''
    throw httpError(409, `Payment ${paymentRequestId} is already ${stored.status}.${advice}`)
  }
  try {
    await (await useAntomClient(event)).cancelPayment({ paymentRequestId })
  }
  catch (error) {
    throw toAntomHttpError(error)
  }
  const { payment } = await applyReportedState({ paymentRequestId, status: 'CANCELLED', source: 'cancel' }, event)
  return payment!
}

export type { AntomRefundInput } from '../lib/flow/refund'

/**
 * Refunds all or part of a paid payment, never more than was paid minus earlier refunds that did not fail.
 * The refund is recorded before Antom is called, so a retry with the same `refundRequestId` cannot refund twice;
 * an `F` answer records it as FAIL; `onRefund` runs when Antom's REFUND_RESULT arrives.
 * @param event the request
 * @param input which payment, how much, and optionally your refund id
 * @throws H3Error 404 unknown payment, 409 not paid, 400 bad amount, 422 more than is left; Antom failures as `toAntomHttpError` maps them
 * @example await refundAntomPayment(event, { paymentRequestId, amount: toAntomAmount('5.00', 'USD') })
 */
export async function refundAntomPayment(event: H3Event, input: AntomRefundInput): Promise<AntomRefundRecord> {
  try {
    return await refundPayment(event, input)
  }
  catch (error) {
    throw toAntomHttpError(error)
  }
}

/**
 * Verifies and processes an Antom notification from this request (what the built-in notify route does).
 * Answer Antom with `ANTOM_NOTIFICATION_ACKNOWLEDGEMENT` after it returns; let its errors through.
 * @param event the notification request
 */
export function handleAntomNotification(event: H3Event): Promise<NotificationOutcome> {
  return processNotification(event)
}

/** The exact body Antom needs (with HTTP 200) to stop retrying a notification. */
export { NOTIFICATION_ACKNOWLEDGEMENT as ANTOM_NOTIFICATION_ACKNOWLEDGEMENT } from '../lib/flow/notification'
