import type { H3Event } from 'h3'
import { getRequestHeader } from 'h3'
import { useNitroApp } from 'nitropack/runtime'
import { z } from 'zod'
import type { AntomNotification, RefundNotification } from '../../../types/antom'
import { checkoutOptions } from '../checkout'
import type { AntomContext } from '../context'
import { stateFromNotification } from '../payment-state'
import { verifyMessage } from '../signature'
import { getPaymentRecord, savePaymentRecord, useAntomStorage, withPaymentLock } from '../store'
import { applyReportedState, type ApplyOutcome } from './transitions'
import { httpError, readBodyText } from '../http'

/** The only body Antom accepts as "received"; anything else makes it retry. */
export const NOTIFICATION_ACKNOWLEDGEMENT = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}'

const amountShape = z.object({ currency: z.string(), value: z.string() })
const notificationSchema = z.object({
  notifyType: z.string(),
  result: z.object({ resultStatus: z.enum(['S', 'F', 'U']), resultCode: z.string(), resultMessage: z.string().optional() }),
}).loose()
const paymentNotificationSchema = z.object({
  paymentRequestId: z.string().min(1),
  paymentId: z.string().optional(),
  paymentAmount: amountShape,
}).loose()
const refundNotificationSchema = z.object({
  refundRequestId: z.string().min(1),
  refundId: z.string().optional(),
  refundStatus: z.enum(['SUCCESS', 'FAIL']),
  refundAmount: amountShape,
}).loose()

/** What happened to a notification, for logs and tests. */
export interface NotificationOutcome {
  notifyType: string
  outcome: ApplyOutcome | 'ignored-type'
}

/**
 * Verifies and processes an Antom notification: the raw body is read once and its signature checked
 * (over the public notify URL's path without query, the raw `request-time` and the configured client id)
 * before anything is parsed; then the reported state is applied once per change.
 * @throws H3Error 413 for a body over 64 KiB (before it is read further), 401 for anything not signed by Antom,
 *   400 for a signed body that is not a notification,
 *   500 when storing or a handler fails (Antom then retries)
 */
export async function processNotification({ event, settings }: Pick<AntomContext, 'event' | 'settings'>): Promise<NotificationOutcome> {
  const body = await readBodyText(event)
  const clientId = getRequestHeader(event, 'client-id')
  const requestTime = getRequestHeader(event, 'request-time')
  const signature = getRequestHeader(event, 'signature')
  if (!clientId || !requestTime || !signature) {
    throw httpError(401, 'The notification lacks the client-id, request-time or signature header.')
  }
  if (clientId !== settings.clientId) {
    throw httpError(401, 'The notification is for another client id.')
  }
  // Antom signs the path of the notify URL it was given, without the query string; behind a proxy the
  // path this server sees may differ, so the configured URL decides when there is one.
  const path = settings.notifyUrl ? new URL(settings.notifyUrl, 'http://localhost').pathname : event.path.split('?')[0]!
  if (!(await verifyMessage({ path, clientId, time: requestTime, body }, signature, settings.alipayPublicKey))) {
    throw httpError(401, 'The notification signature does not verify with the Antom public key.')
  }

  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  }
  catch {
    throw httpError(400, 'The notification body is not JSON.')
  }
  const notification = parseOrThrow(notificationSchema, parsed) as unknown as AntomNotification
  if (notification.notifyType === 'REFUND_RESULT') {
    return { notifyType: 'REFUND_RESULT', outcome: await applyRefund(parseOrThrow(refundNotificationSchema, parsed) as unknown as RefundNotification, event) }
  }
  const status = stateFromNotification(notification.notifyType, notification.result.resultStatus)
  if (!status) {
    console.info(`[nuxt-antom] Ignored a ${notification.notifyType} notification (${notification.result.resultStatus}): nuxt-antom does not act on it.`)
    return { notifyType: notification.notifyType, outcome: 'ignored-type' }
  }
  const payment = parseOrThrow(paymentNotificationSchema, parsed)
  const { outcome } = await applyReportedState({
    paymentRequestId: payment.paymentRequestId,
    status,
    amount: payment.paymentAmount,
    paymentId: payment.paymentId,
    ...(typeof payment.paymentMethodType === 'string' ? { paymentMethodType: payment.paymentMethodType } : {}),
    source: 'notification',
    notification,
  }, event)
  if (outcome === 'unknown-payment') {
    console.warn(`[nuxt-antom] A ${notification.notifyType} notification for ${payment.paymentRequestId}, which this app did not create, was acknowledged and not processed.`)
  }
  if (outcome === 'amount-mismatch') {
    console.error(`[nuxt-antom] A ${notification.notifyType} notification for ${payment.paymentRequestId} reports another amount than the session; recorded as a mismatch, not applied.`)
  }
  return { notifyType: notification.notifyType, outcome }
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw httpError(400, `The notification is malformed: ${issue.path.join('.') || 'body'}: ${issue.message}`)
  }
  return result.data
}

async function applyRefund(notification: RefundNotification, event: H3Event): Promise<ApplyOutcome> {
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
