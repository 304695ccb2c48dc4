import type { AntomAmount } from '../types/antom'

const SUCCESS = { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success.' } as const
const FAILURE = { resultCode: 'PROCESS_FAIL', resultStatus: 'F', resultMessage: 'General business failure.' } as const
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00')

/** What every payment-side builder needs. */
export interface PaymentNotificationInput {
  /** The id the shop's session answered. */
  paymentRequestId: string
  /** The amount the session was for (a different one is recorded as a mismatch, never paid). */
  amount: AntomAmount
  /** @default a fixed-looking id derived from paymentRequestId */
  paymentId?: string
  /** @default 'ALIPAY_CN' */
  paymentMethodType?: string
  /** For results: the outcome. @default 'SUCCESS' */
  result?: 'SUCCESS' | 'FAIL'
}

const paymentIdOf = (input: PaymentNotificationInput) => input.paymentId ?? `20261128${input.paymentRequestId.replace(/\W/g, '').slice(-16).padStart(16, '0')}`

/**
 * A `PAYMENT_RESULT` notification (notifyPayment): the payment succeeded (`S`) or failed (`F`).
 * @param input the payment, and `result`
 */
export function paymentResultNotification(input: PaymentNotificationInput) {
  const succeeded = (input.result ?? 'SUCCESS') === 'SUCCESS'
  return {
    notifyType: 'PAYMENT_RESULT',
    result: succeeded ? SUCCESS : FAILURE,
    paymentRequestId: input.paymentRequestId,
    paymentId: paymentIdOf(input),
    paymentAmount: input.amount,
    paymentMethodType: input.paymentMethodType ?? 'ALIPAY_CN',
    paymentCreateTime: now(),
    ...(succeeded ? { paymentTime: now() } : {}),
  }
}

/**
 * A `PAYMENT_PENDING` notification: the buyer finished, the result is not final yet. Not paid.
 * @param input the payment
 */
export function paymentPendingNotification(input: PaymentNotificationInput) {
  return { ...paymentResultNotification(input), notifyType: 'PAYMENT_PENDING', paymentTime: undefined }
}

/** A capture's ids, amount and outcome. */
export interface CaptureNotificationInput extends PaymentNotificationInput {
  captureRequestId: string
  /** @default derived from captureRequestId */
  captureId?: string
  /** @default the payment's amount */
  captureAmount?: AntomAmount
  /** @default 'SUCCESS' */
  result?: 'SUCCESS' | 'FAIL'
}

/**
 * A `CAPTURE_RESULT` notification (notifyCapture): the authorised card payment was captured (`S`) or not (`F`).
 * @param input the payment, the capture's ids and amount, and the outcome
 */
export function captureResultNotification(input: CaptureNotificationInput) {
  const succeeded = (input.result ?? 'SUCCESS') === 'SUCCESS'
  // Antom names the payment by its own id only: no paymentRequestId in a capture notification.
  return {
    notifyType: 'CAPTURE_RESULT',
    result: succeeded ? SUCCESS : FAILURE,
    captureRequestId: input.captureRequestId,
    paymentId: paymentIdOf(input),
    captureId: input.captureId ?? `cap_${input.captureRequestId}`,
    captureAmount: input.captureAmount ?? input.amount,
    ...(succeeded ? { captureTime: now() } : {}),
  }
}

/** A refund's ids, amount and outcome. */
export interface RefundNotificationInput {
  /** The id the shop's refund used. */
  refundRequestId: string
  /** @default derived from refundRequestId */
  refundId?: string
  refundAmount: AntomAmount
  /** @default 'SUCCESS' */
  refundStatus?: 'SUCCESS' | 'FAIL'
}

/**
 * A `REFUND_RESULT` notification (notifyRefund) for a refund the shop requested.
 * @param input the refund's ids, amount and status
 */
export function refundResultNotification(input: RefundNotificationInput) {
  const succeeded = (input.refundStatus ?? 'SUCCESS') === 'SUCCESS'
  return {
    notifyType: 'REFUND_RESULT',
    result: succeeded ? SUCCESS : FAILURE,
    refundRequestId: input.refundRequestId,
    refundId: input.refundId ?? `rfd_${input.refundRequestId}`,
    refundStatus: succeeded ? 'SUCCESS' : 'FAIL',
    refundAmount: input.refundAmount,
    ...(succeeded ? { refundTime: now() } : {}),
  }
}

/** The dispute notification kinds Antom sends (notifyDispute). */
export type AntomDisputeNotificationType = 'DISPUTE_CREATED' | 'DISPUTE_JUDGED' | 'DISPUTE_CANCELLED' | 'DEFENSE_SUPPLIED' | 'DEFENSE_DUE_ALERT' | 'RDR_RESOLVED'

/** A dispute's id, kind and amount. */
export interface DisputeNotificationInput extends PaymentNotificationInput {
  disputeId: string
  /** Which dispute notification. */
  type: AntomDisputeNotificationType
  /** For `DISPUTE_JUDGED`, e.g. `ACCEPT_BY_MERCHANT` or `ACCEPT_BY_CUSTOMER`. */
  disputeJudgedResult?: string
  /** @default the payment's amount */
  disputeAmount?: AntomAmount
}

/**
 * A dispute notification (notifyDispute): it has `disputeNotificationType` and no `notifyType`.
 * @param input the disputed payment, the dispute id and kind, and optionally the judgement
 */
export function disputeNotification(input: DisputeNotificationInput) {
  const at = Date.now()
  return {
    disputeNotificationType: input.type,
    paymentRequestId: input.paymentRequestId,
    paymentId: paymentIdOf(input),
    disputeId: input.disputeId,
    disputeTime: now(),
    disputeAmount: input.disputeAmount ?? input.amount,
    disputeReasonCode: '4853',
    defenseDueTime: new Date(at + 7 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    ...(input.disputeJudgedResult ? { disputeJudgedResult: input.disputeJudgedResult } : {}),
  }
}
