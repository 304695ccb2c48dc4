import type { H3Event } from 'h3'
import { useNitroApp } from 'nitropack/runtime'
import { randomHex } from '../bytes'
import type { AntomAmount, RefundNotification } from '../../../types/antom'
import type { AntomPaymentRecord, AntomRefundRecord } from '../../../types/payments'
import { checkoutOptions } from '../checkout'
import { amountProblem } from '../amount'
import type { AntomContext } from '../context'
import { AntomError } from '../errors'
import { httpError } from '../http'
import { publicOrigin, resolvePublicUrl } from '../origin'
import { hasSeparateCapture } from '../payment-state'
import { getPaymentRecord, savePaymentRecord, useAntomStorage, withPaymentLock } from '../store'

/** What to refund. */
export interface AntomRefundInput {
  /** The paid payment to refund. */
  paymentRequestId: string
  /** How much, in the payment's currency; at most what is left after earlier refunds. */
  amount: AntomAmount
  /** Your id for this refund; reuse it to retry the same refund. @default a new random id */
  refundRequestId?: string
  /** Shown to the buyer by some methods. */
  reason?: string
  /**
   * Where Antom sends this refund's REFUND_RESULT (`refundNotifyUrl`; a path resolves against the site URL). A route of
   * your own there answers with `acknowledgeAntomNotification`.
   * @default the URL in Antom's dashboard (the simulator: the session's notify URL)
   */
  notifyUrl?: string
}

/** Minor units refunded or being refunded, other than `except` (failed refunds gave nothing back). */
function refundedMinorUnits(payment: AntomPaymentRecord, except: string): bigint {
  return Object.values(payment.refunds)
    .filter(refund => refund.refundRequestId !== except && refund.status !== 'FAIL')
    .reduce((sum, refund) => sum + BigInt(refund.amount.value), BigInt(0))
}

/**
 * Records a refund under the payment's lock, after checking it against what is left: the payment must be paid,
 * and this refund plus every earlier one that did not fail must not exceed the amount paid. Checking and
 * recording under one lock means two refunds racing each other cannot both pass.
 */
function reserveRefund(input: AntomRefundInput, refundRequestId: string): Promise<AntomPaymentRecord> {
  return withPaymentLock(input.paymentRequestId, async () => {
    const payment = await getPaymentRecord(input.paymentRequestId)
    if (!payment) throw httpError(404, `No payment ${input.paymentRequestId}.`)
    if (payment.status !== 'SUCCESS' || !payment.paymentId) {
      throw httpError(409, `Payment ${payment.paymentRequestId} is ${payment.status}; only paid payments can be refunded.`)
    }
    if (hasSeparateCapture(payment) && payment.capture?.status !== 'SUCCESS') {
      throw httpError(409, `Payment ${payment.paymentRequestId} is authorised but not captured (capture ${payment.capture?.status ?? 'PENDING'}); only captured money can be refunded.`)
    }
    const problem = amountProblem(input.amount)
    if (problem || input.amount.currency !== payment.amount.currency) {
      throw httpError(400, `Invalid refund amount: ${problem ?? `the currency must be the payment's (${payment.amount.currency})`}.`)
    }
    const existing = payment.refunds[refundRequestId]
    if (existing) {
      if (existing.amount.value !== input.amount.value) throw httpError(409, `Refund ${refundRequestId} was requested for another amount.`)
      return payment
    }
    // What was taken: the captured amount for a method with a separate capture (a partial capture takes less).
    const taken = hasSeparateCapture(payment) ? payment.capture?.amount ?? payment.amount : payment.amount
    const left = BigInt(taken.value) - refundedMinorUnits(payment, refundRequestId)
    if (BigInt(input.amount.value) > left) {
      throw httpError(422, `Refund of ${input.amount.value} exceeds what is left to refund on ${payment.paymentRequestId} (${left} ${payment.amount.currency} minor units).`)
    }
    const now = new Date().toISOString()
    payment.refunds[refundRequestId] = { refundRequestId, amount: input.amount, status: 'PROCESSING', createdAt: now, updatedAt: now }
    await savePaymentRecord(payment)
    await useAntomStorage().setItem(`refund-ids:${refundRequestId}`, payment.paymentRequestId)
    return payment
  })
}

/** Stores what Antom's refund answer says: `S` succeeded, `F` failed (nothing was refunded). */
function settleRefund(paymentRequestId: string, refundRequestId: string, outcome: { refundId?: string, status: 'SUCCESS' | 'FAIL' }): Promise<AntomRefundRecord> {
  return withPaymentLock(paymentRequestId, async () => {
    const payment = (await getPaymentRecord(paymentRequestId))!
    const refund = payment.refunds[refundRequestId]!
    refund.refundId ??= outcome.refundId
    if (refund.status === 'PROCESSING') refund.status = outcome.status
    refund.updatedAt = new Date().toISOString()
    await savePaymentRecord(payment)
    return refund
  })
}

/**
 * Refunds all or part of a paid payment. The refund is recorded before Antom is called, so a retry with the same
 * `refundRequestId` cannot refund twice. An `F` answer records the refund as FAIL; `U`, a timeout or a network
 * failure leave it PROCESSING (retry with the same id, or wait for REFUND_RESULT).
 * @throws H3Error 404, 409 (not paid or not captured), 400 (bad amount), 422 (more than is left), or the mapped Antom failure
 */
export async function refundPayment({ client, settings, event }: Pick<AntomContext, 'client' | 'settings' | 'event'>, input: AntomRefundInput): Promise<AntomRefundRecord> {
  const refundRequestId = input.refundRequestId ?? `rf_${randomHex(16)}`
  // Resolved before anything is recorded: a relative URL without a site URL is a configuration error, not a refund.
  const refundNotifyUrl = input.notifyUrl ? resolvePublicUrl(input.notifyUrl, publicOrigin(settings, event), 'the refund\'s notifyUrl') : undefined
  const payment = await reserveRefund(input, refundRequestId)
  try {
    const answer = await client().refund({
      refundRequestId,
      paymentId: payment.paymentId!,
      refundAmount: input.amount,
      ...(input.reason ? { refundReason: input.reason } : {}),
      ...(refundNotifyUrl ? { refundNotifyUrl } : {}),
    })
    // Antom: "if the API call succeeds the refund also succeeded".
    return await settleRefund(payment.paymentRequestId, refundRequestId, { refundId: answer.refundId, status: 'SUCCESS' })
  }
  catch (error) {
    if (error instanceof AntomError && error.kind === 'result' && error.resultStatus === 'F') {
      await settleRefund(payment.paymentRequestId, refundRequestId, { status: 'FAIL' })
    }
    throw error
  }
}

/**
 * Applies a verified REFUND_RESULT under the payment's lock: the refund's status is stored, then `onRefund` and the
 * `antom:refund` hook run, once per refund.
 * @throws whatever a handler throws, after the status is stored (the caller answers 500 so Antom retries)
 */
export async function applyRefundNotification(notification: RefundNotification, event: H3Event): Promise<'applied' | 'duplicate' | 'unknown-payment'> {
  const paymentRequestId = await useAntomStorage().getItem<string>(`refund-ids:${notification.refundRequestId}`)
  if (!paymentRequestId) {
    console.warn(`[nuxt-antom] A REFUND_RESULT notification for refund ${notification.refundRequestId}, which this app did not request, was acknowledged and not processed.`)
    return 'unknown-payment'
  }
  return withPaymentLock(paymentRequestId, async () => {
    const payment = await getPaymentRecord(paymentRequestId)
    const refund = payment?.refunds[notification.refundRequestId]
    if (!payment || !refund) return 'unknown-payment'
    if (refund.handledStatus) return 'duplicate'
    refund.status = notification.refundStatus
    refund.refundId ??= notification.refundId
    refund.updatedAt = new Date().toISOString()
    await savePaymentRecord(payment)
    await checkoutOptions()?.onRefund?.({ payment, refund, notification, event })
    await useNitroApp().hooks.callHook('antom:refund', { payment, refund, notification, event })
    refund.handledStatus = notification.refundStatus
    await savePaymentRecord(payment)
    return 'applied'
  })
}
