import type { H3Event } from 'h3'
import type { AntomAmount, AntomDisputeState, AntomGoods, AntomNotification, DisputeNotification } from './antom'
import type { AntomPaymentState, AntomProduct } from './routes'

/** A price the server decided: what `resolveOrder` returns. The browser never supplies these values. */
export interface AntomResolvedOrder {
  /** Your order id (≤ 64 characters, ASCII). Antom shows it in the dashboard. */
  referenceOrderId: string
  /** Shown to the buyer (≤ 256 characters, ASCII: some methods break on Chinese characters). */
  orderDescription: string
  /** The total to charge, in Antom's minor units; build it with `toAntomAmount('10.99', 'USD')`. */
  amount: AntomAmount
  /** Line items, if you want them on the Antom order. */
  goods?: AntomGoods[]
  /** Buyer details Antom may use for risk checks. */
  buyer?: { referenceBuyerId?: string, buyerEmail?: string, buyerPhoneNo?: string, [field: string]: unknown }
  /** Forces the payment method for this order (otherwise the request's choice within the allow-list). */
  paymentMethodType?: string
  /** Anything your handlers need later (kept on the payment record, never sent to Antom or the browser). */
  metadata?: Record<string, unknown>
  /**
   * How a card payment's money is taken after it is authorised: `AUTOMATIC` (Antom captures it at once) or `MANUAL`
   * (you capture it with `captureAntomPayment`, e.g. when you ship). Wins over `defineAntomCheckout({ captureMode })`.
   * Only methods with a separate capture (cards, Apple Pay, Google Pay) use it.
   */
  captureMode?: AntomCaptureMode
}

/** Who takes the money of an authorised card payment: Antom at once (`AUTOMATIC`, Antom's default) or you (`MANUAL`). */
export type AntomCaptureMode = 'AUTOMATIC' | 'MANUAL'

/**
 * Where the capture of an authorised payment stands. Only moves forward: `PENDING` (authorised, not captured: Antom's
 * automatic capture has not reported yet, or you have not called `captureAntomPayment`) → `PROCESSING` (you asked,
 * Antom has not answered for sure) → `SUCCESS` (the money is taken) | `FAIL` (it will not be: open a new payment).
 */
export type AntomCaptureStatus = 'PENDING' | 'PROCESSING' | 'SUCCESS' | 'FAIL'

/** The capture of an authorised payment, on its record (`payment.capture`); only methods with a separate capture have one. */
export interface AntomCaptureRecord {
  status: AntomCaptureStatus
  /** The session's capture mode. */
  mode: AntomCaptureMode
  /** The capture's idempotency key: yours (manual), or Antom's (automatic, known from its CAPTURE_RESULT). */
  captureRequestId?: string
  /** Antom's id of the capture. */
  captureId?: string
  /** What was (or is being) captured; at most the authorised amount. */
  amount?: AntomAmount
  capturedAt?: string
  /** Antom's result code when the capture failed. */
  resultCode?: string
  /** The status whose handlers (`onPaymentCaptured`, `onCaptureFailed`, the `antom:payment` hook) last completed. */
  handledStatus?: 'SUCCESS' | 'FAIL'
  updatedAt: string
}

/** One refund as the payment record keeps it. */
export interface AntomRefundRecord {
  refundRequestId: string
  refundId?: string
  amount: AntomAmount
  status: 'PROCESSING' | 'SUCCESS' | 'FAIL'
  /** The status the refund handler last completed for. */
  handledStatus?: 'SUCCESS' | 'FAIL'
  createdAt: string
  updatedAt: string
}

/** A notification or inquiry whose amount did not match the session: kept for review, never turned into paid. */
export interface AntomAmountMismatch {
  at: string
  /**
   * What reported it: the payment (default) or a capture (`captureAmount` over the authorised amount, or another
   * currency; or a successful capture of a payment that is FAIL or CANCELLED, e.g. voided: `reportedStatus` is then
   * the payment's status here).
   */
  kind?: 'payment' | 'capture'
  /** Where the report came from (`capture`: Antom's answer to this app's capture call). */
  source: 'notification' | 'inquiry' | 'cancel' | 'reconcile' | 'capture'
  /** The state Antom reported. */
  reportedStatus: AntomPaymentState
  /** The amount Antom reported. */
  reportedAmount?: AntomAmount
}

/** A state applied to a payment, and when its handlers completed. */
export interface AntomPaymentHistoryEntry {
  /** When the state was stored (ISO 8601). */
  at: string
  status: AntomPaymentState
  source: AntomAmountMismatch['source']
  /**
   * When the handlers for this state completed, and which `defineAntomCheckout` handler ran (`''`: none is registered
   * for it, only the `antom:payment` hook). Absent while they have not completed: a handler threw, Antom retries.
   */
  handled?: { at: string, handler: string }
}

/** A payment as the server stores it (Nitro storage `antom`, key `payments:<paymentRequestId>`). */
export interface AntomPaymentRecord {
  paymentRequestId: string
  /** Antom's id, known after the first notification or inquiry. */
  paymentId?: string
  referenceOrderId: string
  /** What the server priced and Antom was asked to charge. */
  amount: AntomAmount
  /** The method the session was created for; empty when the buyer picks it on Antom's page or element. */
  paymentMethodType: string
  /** The integration the session was created for (absent on records written before there were several: cashier). */
  product?: AntomProduct
  /**
   * Antom's status of the payment; only moves forward: PROCESSING → PENDING → SUCCESS | FAIL | CANCELLED. For methods
   * with a separate capture (cards), SUCCESS means authorised: the money is taken when `capture.status` is SUCCESS;
   * the one move out of a final state is `cancelAntomPayment` voiding such an authorisation before its capture
   * (SUCCESS → CANCELLED).
   * The status route answers the buyer's view of both (see `toStatusResponse`).
   */
  status: AntomPaymentState
  /** The status whose handlers last completed; behind `status` while a handler still has to (re)run. */
  handledStatus?: AntomPaymentState
  /** True when the local simulator created the session. */
  simulated: boolean
  createdAt: string
  updatedAt: string
  /** When the money was taken: at SUCCESS, or for methods with a separate capture when the capture succeeded. */
  paidAt?: string
  /** When Antom reported the payment SUCCESS (for cards: authorised). */
  authorizedAt?: string
  /** The session's capture mode (absent on records written before it was kept: AUTOMATIC). */
  captureMode?: AntomCaptureMode
  /** The capture, for methods with a separate capture (cards, Apple Pay, Google Pay), from the authorisation on. */
  capture?: AntomCaptureRecord
  /** The ids of this payment's disputes (records at `disputes:<disputeId>`), oldest first. */
  disputeIds?: string[]
  /**
   * When the payment session expires (ISO 8601, from Antom's `createPaymentSession` answer); the buyer cannot pay
   * through it afterwards. Absent on records written before it was kept: count 1 h after `createdAt`, Antom's default.
   */
  paymentSessionExpiryTime?: string
  /** Epoch ms of the last inquiryPayment, to ask Antom at most once per 2 s. */
  lastInquiryAt?: number
  /** Reports whose amount differed from `amount`. */
  mismatches: AntomAmountMismatch[]
  /** The last state changes applied (at most 20, oldest first); absent on records written before it was kept. */
  history?: AntomPaymentHistoryEntry[]
  /** Refunds by refundRequestId. */
  refunds: Record<string, AntomRefundRecord>
  /** From `resolveOrder`; server-side only. */
  metadata?: Record<string, unknown>
}

/** What a payment handler receives. */
export interface AntomPaymentEvent {
  /** The record after the change. */
  payment: AntomPaymentRecord
  /** The state before. */
  previousStatus: AntomPaymentState
  /**
   * Where the news came from: a notification, an inquiry, this app's own cancel, or the reconciliation task
   * (`antom:reconcile` / `reconcileAntomPayments`: an inquiry it made, or its cancel of an expired session).
   * `capture`: the change is the capture's (`payment.capture.status` SUCCESS or FAIL), from Antom's CAPTURE_RESULT
   * (then `notification` is it), an inquiry or the reconciliation task; `payment.status` stays SUCCESS.
   */
  source: 'notification' | 'inquiry' | 'cancel' | 'reconcile' | 'capture'
  /** The verified notification, when the news came from one. */
  notification?: AntomNotification
  /**
   * The request being handled (the notification, or a status request). For `source: 'reconcile'` it is the request
   * that called `reconcileAntomPayments`, or, in the scheduled task, a stand-in with no client behind it.
   */
  event: H3Event
}

/** What a refund handler receives. */
export interface AntomRefundEvent {
  payment: AntomPaymentRecord
  refund: AntomRefundRecord
  notification?: AntomNotification
  event: H3Event
}

/**
 * A dispute (chargeback) as the server stores it (Nitro storage `antom`, key `disputes:<disputeId>`), built from
 * Antom's `notifyDispute` notifications. Its state only moves forward (see `AntomDisputeState`).
 */
export interface AntomDisputeRecord {
  disputeId: string
  /** The disputed payment; its record lists the dispute in `disputeIds`. */
  paymentRequestId?: string
  paymentId?: string
  /** The latest state Antom reported. */
  status: AntomDisputeState
  /** The state whose handlers (`onDispute`, the `antom:dispute` hook) last completed. */
  handledStatus?: AntomDisputeState
  /** The disputed amount. */
  amount?: AntomAmount
  reasonCode?: string
  reasonMessage?: string
  /** Until when you may defend it (ISO 8601). */
  defenseDueTime?: string
  defendable?: boolean
  /** Once judged: `ACCEPT_BY_CUSTOMER` (you keep the money), `ACCEPT_BY_MERCHANT` (it goes back to the buyer)… */
  judgedResult?: string
  judgedAmount?: AntomAmount
  /** What you did through the server utils: accepted it, or supplied a defense document (ISO 8601 times). */
  acceptedAt?: string
  defenseSuppliedAt?: string
  /** Every state change applied, oldest first; a notification that would move the state back is not applied. */
  history: Array<{ status: AntomDisputeState, at: string, notifiedAt?: string }>
  createdAt: string
  updatedAt: string
}

/** What a dispute handler receives. */
export interface AntomDisputeEvent {
  /** The dispute after the change. */
  dispute: AntomDisputeRecord
  /** The state before (undefined for a new dispute). */
  previousStatus?: AntomDisputeState
  /** The disputed payment, when this app created it (disputes of other integrations of your account come too). */
  payment: AntomPaymentRecord | null
  /** The verified notification. */
  notification: DisputeNotification
  event: H3Event
}

/** What the `antom:notification` hook receives: a verified notification of a kind nuxt-antom does not process. */
export interface AntomUnknownNotificationEvent {
  /** Its storage key is `notifications:unknown:<id>`; the id is the body's SHA-256, so Antom's retries share it. */
  id: string
  /** The parsed body. */
  notification: Record<string, unknown>
  event: H3Event
}

/** Return type of handlers: they may be async. */
type HandlerResult = void | Promise<void>

/**
 * The app's side of the checkout, registered once with `defineAntomCheckout` in a Nitro plugin.
 * Handlers run exactly once per state change (a duplicate or concurrent notification does not run
 * them again); if one throws, the notification is answered 500 so Antom retries, and it runs again then.
 */
export interface AntomCheckoutOptions<TBody = unknown> {
  /**
   * Validates the body of `POST <prefix>/session` (a zod schema or any `parse` function). What it returns is
   * given to `resolveOrder`. Fields named `amount`, `currency`, `paymentAmount` are never read by the module.
   * @default a JSON object
   */
  orderSchema?: { parse: (input: unknown) => TBody }
  /**
   * Prices the order on the server: from a cart id, SKUs and your database. Throw an h3 error
   * (e.g. 404 for an unknown cart) to refuse.
   */
  resolveOrder: (input: { body: TBody, event: H3Event }) => AntomResolvedOrder | Promise<AntomResolvedOrder>
  /**
   * Payment methods a buyer may ask for; the first is the default.
   * @default ['ALIPAY_CN']
   */
  paymentMethods?: string[]
  /**
   * The integrations a buyer's session may use (`product` in the session request): `cashier`, `element`,
   * `checkout-page`. A product not listed is refused with 400.
   * @default ['cashier']
   */
  products?: AntomProduct[]
  /**
   * The payment succeeded (SUCCESS). Fulfil the order here, unless the method has a separate capture (cards, Apple
   * Pay, Google Pay: `payment.capture` is set): then the payment is authorised, and `onPaymentCaptured` says paid.
   */
  onPaymentSucceeded?: (payment: AntomPaymentEvent) => HandlerResult
  /**
   * The payment failed, was closed or was cancelled (FAIL, CANCELLED), including a card authorisation you voided with
   * `cancelAntomPayment` before its capture (`previousStatus` is then `SUCCESS`).
   */
  onPaymentFailed?: (payment: AntomPaymentEvent) => HandlerResult
  /** The buyer finished but the result is not final yet (PENDING). Not paid. */
  onPaymentPending?: (payment: AntomPaymentEvent) => HandlerResult
  /** A refund reached a final status. */
  onRefund?: (refund: AntomRefundEvent) => HandlerResult
  /**
   * The capture mode of card sessions (`resolveOrder` may return another per order).
   * @default 'AUTOMATIC'
   */
  captureMode?: AntomCaptureMode
  /**
   * The money of an authorised payment was captured (`payment.capture.status` SUCCESS). For methods with a separate
   * capture (cards, Apple Pay, Google Pay), this is when the order is paid: ship here.
   */
  onPaymentCaptured?: (payment: AntomPaymentEvent) => HandlerResult
  /** The capture failed (`payment.capture.status` FAIL): the money will not be taken; the authorisation lapses. */
  onCaptureFailed?: (payment: AntomPaymentEvent) => HandlerResult
  /** A dispute was opened or moved on (once per state; see `AntomDisputeState` for the order). */
  onDispute?: (dispute: AntomDisputeEvent) => HandlerResult
}
