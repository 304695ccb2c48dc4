import { randomBytes } from 'node:crypto'
import type { H3Event } from 'h3'
import { createError } from 'h3'
import type { AntomAmount } from '../../types/antom'
import type { AntomPaymentRecord, AntomRefundRecord } from '../../types/payments'
import type { AntomSessionResponse } from '../../types/routes'
import { amountProblem } from '../lib/amount'
import { createSession, type CreateSessionInput } from '../lib/flow/session'
import { processNotification, type NotificationOutcome } from '../lib/flow/notification'
import { refreshPayment } from '../lib/flow/status'
import { applyReportedState } from '../lib/flow/transitions'
import { getPaymentRecord, savePaymentRecord, useAntomStorage, withPaymentLock } from '../lib/store'
import { useAntomClient, toAntomHttpError } from './antom'

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
  if (!payment) throw createError({ statusCode: 404, message: `No payment ${paymentRequestId}.` })
  return payment
}

/**
 * Cancels (closes) an unpaid payment at Antom and records it as CANCELLED, running `onPaymentFailed` once.
 * @param event the request
 * @param paymentRequestId the payment to cancel
 */
export async function cancelAntomPayment(event: H3Event, paymentRequestId: string): Promise<AntomPaymentRecord> {
  await requirePayment(paymentRequestId)
  try {
    await (await useAntomClient(event)).cancelPayment({ paymentRequestId })
  }
  catch (error) {
    throw toAntomHttpError(error)
  }
  const { payment } = await applyReportedState({ paymentRequestId, status: 'CANCELLED', source: 'cancel' }, event)
  return payment!
}

/** What to refund. */
export interface AntomRefundInput {
  /** The paid payment to refund. */
  paymentRequestId: string
  /** How much, in the payment's currency; at most what is left. */
  amount: AntomAmount
  /** Your id for this refund; reuse it to retry the same refund. @default a new random id */
  refundRequestId?: string
  /** Shown to the buyer by some methods. */
  reason?: string
}

/**
 * Refunds all or part of a paid payment. The refund is recorded before Antom is called, so a retry with
 * the same `refundRequestId` cannot refund twice; `onRefund` runs when Antom's REFUND_RESULT arrives.
 * @param event the request
 * @param input which payment, how much, and optionally your refund id
 */
export async function refundAntomPayment(event: H3Event, input: AntomRefundInput): Promise<AntomRefundRecord> {
  const payment = await requirePayment(input.paymentRequestId)
  if (payment.status !== 'SUCCESS' || !payment.paymentId) {
    throw createError({ statusCode: 409, message: `Payment ${payment.paymentRequestId} is ${payment.status}; only paid payments can be refunded.` })
  }
  const problem = amountProblem(input.amount)
  if (problem || input.amount.currency !== payment.amount.currency) {
    throw createError({ statusCode: 400, message: `Invalid refund amount: ${problem ?? 'the currency must be the payment currency'}.` })
  }
  const refundRequestId = input.refundRequestId ?? `rf_${randomBytes(16).toString('hex')}`
  await withPaymentLock(payment.paymentRequestId, async () => {
    const current = (await getPaymentRecord(payment.paymentRequestId))!
    const now = new Date().toISOString()
    current.refunds[refundRequestId] ??= { refundRequestId, amount: input.amount, status: 'PROCESSING', createdAt: now, updatedAt: now }
    await savePaymentRecord(current)
    await useAntomStorage().setItem(`refund-ids:${refundRequestId}`, payment.paymentRequestId)
  })
  let answer
  try {
    answer = await (await useAntomClient(event)).refund({ refundRequestId, paymentId: payment.paymentId, refundAmount: input.amount, ...(input.reason ? { refundReason: input.reason } : {}) })
  }
  catch (error) {
    throw toAntomHttpError(error)
  }
  return withPaymentLock(payment.paymentRequestId, async () => {
    const current = (await getPaymentRecord(payment.paymentRequestId))!
    const refund = current.refunds[refundRequestId]!
    refund.refundId ??= answer.refundId
    // Antom: "if the API call succeeds the refund also succeeded".
    if (refund.status === 'PROCESSING') refund.status = 'SUCCESS'
    refund.updatedAt = new Date().toISOString()
    await savePaymentRecord(current)
    return refund
  })
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
