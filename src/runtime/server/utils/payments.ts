import type { H3Event } from 'h3'
import { isError, sendRedirect, setResponseHeader } from 'h3'
import type { AntomPaymentRecord, AntomRefundRecord } from '../../types/payments'
import type { AntomSessionResponse } from '../../types/routes'
import { cancelPayment } from '../lib/flow/cancel'
import { NOTIFICATION_ACKNOWLEDGEMENT, processNotification, type NotificationOutcome } from '../lib/flow/notification'
import { refundPayment, type AntomRefundInput } from '../lib/flow/refund'
import { createSession, type CreateSessionInput } from '../lib/flow/session'
import { handleCheckoutForm, handleSessionRequest } from '../lib/flow/session-request'
import { refreshPayment } from '../lib/flow/status'
import { buyerSafeError, httpError } from '../lib/http'
import { getPaymentRecord } from '../lib/store'
import { toAntomHttpError, useAntomContext } from './antom'

/**
 * Creates an Antom payment session for an order your server priced, and stores the payment record.
 * @param event the request
 * @param input the resolved order, payment method and terminal type
 * @throws H3Error 400 for a total of zero or less; Antom failures as `toAntomHttpError` maps them (5xx buyer-safe)
 * @example const session = await createAntomPaymentSession(event, { order: await priceCart(id), paymentMethodType: 'ALIPAY_CN', terminalType: 'WEB' })
 */
export async function createAntomPaymentSession(event: H3Event, input: CreateSessionInput): Promise<AntomSessionResponse> {
  try {
    return await createSession(await useAntomContext(event), input)
  }
  catch (error) {
    throw buyerSafeError(toAntomHttpError(error), 'Opening a payment session')
  }
}

/**
 * What the built-in `POST <prefix>/session` route does: reads the buyer's order (64 KiB at most), validates it with
 * your `orderSchema`, prices it with your `resolveOrder`, checks the payment method and opens the session.
 * @param event the buyer's request
 * @throws H3Error 4xx saying what is wrong with the request; 5xx with a buyer-safe message (the cause is logged)
 * @example export default defineEventHandler(handleAntomSessionRequest)
 */
export async function handleAntomSessionRequest(event: H3Event): Promise<AntomSessionResponse> {
  try {
    return await handleSessionRequest(await useAntomContext(event))
  }
  catch (error) {
    throw buyerSafeError(toAntomHttpError(error), 'Opening a payment session')
  }
}

/**
 * What the built-in `POST <prefix>/checkout` route does: a checkout that works without JavaScript. An HTML form
 * posts the order (as JSON, in a hidden `order` field) and the buyer is sent on to Antom's hosted Checkout Page
 * with a 303. The shop must allow `checkout-page` in `defineAntomCheckout({ products })`.
 * @param event the form's request
 * @throws H3Error 4xx saying what is wrong with the request; 5xx with a buyer-safe message (the cause is logged)
 * @example
 * <form method="post" action="/api/_antom/checkout"><input type="hidden" name="order" :value="JSON.stringify(order)"><button>Pay</button></form>
 */
export async function handleAntomCheckoutForm(event: H3Event): Promise<void> {
  let normalUrl: string
  try {
    normalUrl = await handleCheckoutForm(await useAntomContext(event))
  }
  catch (error) {
    throw buyerSafeError(toAntomHttpError(error), 'Opening a Checkout Page session')
  }
  await sendRedirect(event, normalUrl, 303)
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
  return refreshPayment(paymentRequestId, () => useAntomContext(event))
}

/**
 * Cancels (closes) an unpaid payment at Antom and records it as CANCELLED, running `onPaymentFailed` once. A card
 * (Apple Pay, Google Pay) payment that is authorised and not captured is cancelled too: that voids the authorisation,
 * and `onPaymentFailed` runs with `previousStatus: 'SUCCESS'`. A payment in another final state is not sent to Antom:
 * a paid one (or a card whose capture was asked for) must be refunded instead.
 * @param event the request
 * @param paymentRequestId the payment to cancel
 * @throws H3Error 404 unknown payment, 409 final payment (not an uncaptured authorisation); Antom failures as
 *   `toAntomHttpError` maps them
 * @example await cancelAntomPayment(event, order.paymentRequestId) // out of stock: release the card's hold
 */
export async function cancelAntomPayment(event: H3Event, paymentRequestId: string): Promise<AntomPaymentRecord> {
  try {
    return await cancelPayment(paymentRequestId, () => useAntomContext(event))
  }
  catch (error) {
    throw toAntomHttpError(error)
  }
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
    return await refundPayment(await useAntomContext(event), input)
  }
  catch (error) {
    throw toAntomHttpError(error)
  }
}

/**
 * Verifies and processes an Antom notification from this request. Answer Antom with
 * `ANTOM_NOTIFICATION_ACKNOWLEDGEMENT` after it returns; let its errors through. `acknowledgeAntomNotification`
 * does both.
 * @param event the notification request
 * @throws H3Error 413/401/400 for what Antom did not send; anything else when storing or a handler failed
 */
export async function handleAntomNotification(event: H3Event): Promise<NotificationOutcome> {
  return processNotification(await useAntomContext(event))
}

/**
 * What the built-in notify route does, for a notify route of your own: verifies and processes the notification,
 * then answers Antom's exact acknowledgement (JSON, HTTP 200). A failure to store or a handler that throws is
 * logged and answered 500 with a generic message, so Antom retries; a request Antom did not send gets its 4xx.
 * @param event the notification request
 * @example
 * // server/api/antom/notify.post.ts (set NUXT_ANTOM_NOTIFY_URL to its URL)
 * export default defineEventHandler(acknowledgeAntomNotification)
 */
export async function acknowledgeAntomNotification(event: H3Event): Promise<string> {
  // `nuxt dev` only: the DevTools tab records each notification and the answer it got. A build drops this line.
  if (import.meta.dev) return (await import('../devtools/notifications')).recordNotification(event, acknowledge)
  return acknowledge(event)
}

/** Verifies, processes and answers a notification; `observe` sees what processing gave or threw. */
async function acknowledge(event: H3Event, observe?: (result: { outcome?: NotificationOutcome, error?: unknown }) => void): Promise<string> {
  try {
    const outcome = await handleAntomNotification(event)
    observe?.({ outcome })
  }
  catch (error) {
    observe?.({ error })
    if (isError(error) && error.statusCode < 500) throw error
    console.error('[nuxt-antom] A notification could not be processed; Antom will retry it:', error)
    throw httpError(500, 'The notification could not be processed; retry later.')
  }
  setResponseHeader(event, 'content-type', 'application/json')
  return NOTIFICATION_ACKNOWLEDGEMENT
}

/** The exact body Antom needs (with HTTP 200) to stop retrying a notification. */
export { NOTIFICATION_ACKNOWLEDGEMENT as ANTOM_NOTIFICATION_ACKNOWLEDGEMENT }
