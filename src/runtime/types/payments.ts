import type { H3Event } from 'h3'
import type { AntomAmount, AntomGoods, AntomNotification } from './antom'
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
  source: 'notification' | 'inquiry' | 'cancel' | 'reconcile'
  /** The state Antom reported. */
  reportedStatus: AntomPaymentState
  /** The amount Antom reported. */
  reportedAmount?: AntomAmount
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
  /** The server's truth; only moves forward: PROCESSING → PENDING → SUCCESS | FAIL | CANCELLED. */
  status: AntomPaymentState
  /** The status whose handlers last completed; behind `status` while a handler still has to (re)run. */
  handledStatus?: AntomPaymentState
  /** True when the local simulator created the session. */
  simulated: boolean
  createdAt: string
  updatedAt: string
  paidAt?: string
  /**
   * When the payment session expires (ISO 8601, from Antom's `createPaymentSession` answer); the buyer cannot pay
   * through it afterwards. Absent on records written before it was kept: count 1 h after `createdAt`, Antom's default.
   */
  paymentSessionExpiryTime?: string
  /** Epoch ms of the last inquiryPayment, to ask Antom at most once per 2 s. */
  lastInquiryAt?: number
  /** Reports whose amount differed from `amount`. */
  mismatches: AntomAmountMismatch[]
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
   */
  source: 'notification' | 'inquiry' | 'cancel' | 'reconcile'
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
  /** The payment is paid (SUCCESS). Fulfil the order here. */
  onPaymentSucceeded?: (payment: AntomPaymentEvent) => HandlerResult
  /** The payment failed, was closed or was cancelled (FAIL, CANCELLED). */
  onPaymentFailed?: (payment: AntomPaymentEvent) => HandlerResult
  /** The buyer finished but the result is not final yet (PENDING). Not paid. */
  onPaymentPending?: (payment: AntomPaymentEvent) => HandlerResult
  /** A refund reached a final status. */
  onRefund?: (refund: AntomRefundEvent) => HandlerResult
}
