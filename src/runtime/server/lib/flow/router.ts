import type { H3Event } from 'h3'
import { z } from 'zod'
import type { CaptureNotification, DisputeNotification, PaymentNotification, RefundNotification } from '../../../types/antom'
import { isDisputeState } from '../dispute-state'
import { httpError } from '../http'
import { stateFromNotification } from '../payment-state'
import { applyCaptureNotification, type CaptureOutcome } from './capture-result'
import { applyDisputeNotification } from './dispute'
import { applyRefundNotification } from './refund'
import { applyReportedState } from './transitions'
import { keepUnknownNotification } from './unknown-notification'

/** What a notification is about, by its shape (several of Antom's carry no `notifyType`). */
export type NotificationKind = 'payment' | 'capture' | 'refund' | 'dispute' | 'unknown'

/** What happened to a notification, for logs and tests. */
export interface NotificationOutcome {
  kind: NotificationKind
  /** Its `notifyType`, or for a dispute its `disputeNotificationType`; `''` when it has neither. */
  notifyType: string
  /** `stored`: kept for the `antom:notification` hook; `deferred`: recorded, waiting for the payment's own notification. */
  outcome: CaptureOutcome | 'stored'
}

const amountShape = z.object({ currency: z.string(), value: z.string() })
const resultShape = z.object({ resultStatus: z.enum(['S', 'F', 'U']), resultCode: z.string(), resultMessage: z.string().optional() })
const SCHEMAS = {
  payment: z.object({ notifyType: z.string(), result: resultShape, paymentRequestId: z.string().min(1), paymentId: z.string().optional(), paymentAmount: amountShape }).loose(),
  capture: z.object({ notifyType: z.literal('CAPTURE_RESULT'), result: resultShape, captureRequestId: z.string().min(1), paymentId: z.string().optional(), captureId: z.string().optional(), captureAmount: amountShape }).loose(),
  refund: z.object({ notifyType: z.literal('REFUND_RESULT'), result: resultShape, refundRequestId: z.string().min(1), refundId: z.string().optional(), refundStatus: z.enum(['SUCCESS', 'FAIL']), refundAmount: amountShape }).loose(),
  dispute: z.object({ disputeId: z.string().min(1).max(64), disputeNotificationType: z.string(), paymentRequestId: z.string().min(1).optional(), paymentId: z.string().optional(), disputeAmount: amountShape.optional() }).loose(),
}

/**
 * The kind of a verified notification, by shape: `notifyType` `PAYMENT_RESULT` / `PAYMENT_PENDING` (payment),
 * `CAPTURE_RESULT` (capture), `REFUND_RESULT` (refund); no `notifyType` and a known `disputeNotificationType`
 * (dispute); anything else is unknown.
 */
export function notificationKind(notification: Record<string, unknown>): NotificationKind {
  const type = notification.notifyType
  if (type === 'PAYMENT_RESULT' || type === 'PAYMENT_PENDING') return 'payment'
  if (type === 'CAPTURE_RESULT') return 'capture'
  if (type === 'REFUND_RESULT') return 'refund'
  if (type === undefined && isDisputeState(notification.disputeNotificationType)) return 'dispute'
  return 'unknown'
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw httpError(400, `The notification is malformed: ${issue.path.join('.') || 'body'}: ${issue.message}`)
  }
  return result.data
}

/**
 * Dispatches a verified notification to what processes its kind; each is idempotent and monotonic and runs its
 * handlers once per change, under the payment's lock. A shape nuxt-antom does not know is stored, logged and handed
 * to the `antom:notification` hook.
 * @param notification the parsed body
 * @param body the raw body (what an unknown notification is stored as)
 * @param event the notification request
 * @throws H3Error 400 for a known kind that lacks what it needs; whatever storing or a handler throws
 */
export async function routeNotification(notification: Record<string, unknown>, body: string, event: H3Event): Promise<NotificationOutcome> {
  const kind = notificationKind(notification)
  const notifyType = typeof notification.notifyType === 'string' ? notification.notifyType : String(notification.disputeNotificationType ?? '')
  switch (kind) {
    case 'payment': {
      const payment = parseOrThrow(SCHEMAS.payment, notification) as unknown as PaymentNotification
      const status = stateFromNotification(payment.notifyType, payment.result.resultStatus)
      // A payment notification that reports nothing nuxt-antom can act on (e.g. a PAYMENT_RESULT with U) is kept as unknown.
      if (!status) return { kind: 'unknown', notifyType, outcome: await keepUnknownNotification(body, notification, event) }
      const { outcome } = await applyReportedState({
        paymentRequestId: payment.paymentRequestId,
        status,
        amount: payment.paymentAmount,
        paymentId: payment.paymentId,
        ...(typeof payment.paymentMethodType === 'string' ? { paymentMethodType: payment.paymentMethodType } : {}),
        source: 'notification',
        notification: payment,
      }, event)
      if (outcome === 'unknown-payment') console.warn(`[nuxt-antom] A ${notifyType} notification for ${payment.paymentRequestId}, which this app did not create, was acknowledged and not processed.`)
      if (outcome === 'amount-mismatch') console.error(`[nuxt-antom] A ${notifyType} notification for ${payment.paymentRequestId} reports another amount than the session; recorded as a mismatch, not applied.`)
      return { kind, notifyType, outcome }
    }
    case 'capture': {
      const capture = parseOrThrow(SCHEMAS.capture, notification) as unknown as CaptureNotification
      const outcome = await applyCaptureNotification(capture, event)
      if (outcome === 'unknown-payment') console.warn(`[nuxt-antom] A CAPTURE_RESULT for capture ${capture.captureRequestId}, of a payment this app does not know, was acknowledged and not processed.`)
      if (outcome === 'amount-mismatch') console.error(`[nuxt-antom] A CAPTURE_RESULT for capture ${capture.captureRequestId} reports more than was authorised, or another currency; recorded as a mismatch, not applied.`)
      return { kind, notifyType, outcome }
    }
    case 'refund':
      return { kind, notifyType, outcome: await applyRefundNotification(parseOrThrow(SCHEMAS.refund, notification) as unknown as RefundNotification, event) }
    case 'dispute':
      return { kind, notifyType, outcome: await applyDisputeNotification(parseOrThrow(SCHEMAS.dispute, notification) as unknown as DisputeNotification, event) }
    default:
      return { kind, notifyType, outcome: await keepUnknownNotification(body, notification, event) }
  }
}
