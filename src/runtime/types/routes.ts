import type { AntomAmount, AntomDisputeState } from './antom'

/**
 * Which Antom integration renders the payment: `cashier` (the SDK's `AMSCashierPayment`, for one payment method;
 * deprecated by Antom but supported), `element` (Payment Element, `AMSElement`: the buyer picks cards, wallets or
 * local methods on your page; Antom's recommendation), `checkout-page` (Antom's hosted Checkout Page at
 * `normalUrl`, or embedded with `AMSCheckoutPage`).
 */
export type AntomProduct = 'cashier' | 'element' | 'checkout-page'

/** A payment's status as the server knows it. Only `SUCCESS` means paid. */
export type AntomPaymentState = 'PROCESSING' | 'PENDING' | 'SUCCESS' | 'FAIL' | 'CANCELLED'

/** Answer of `POST <prefix>/session`: what the browser needs to start the cashier, nothing more. */
export interface AntomSessionResponse {
  /** The server-generated id of this payment attempt; use it to ask for the status. */
  paymentRequestId: string
  /** Opaque data for `AMSCashierPayment.createComponent({ sessionData })`. */
  paymentSessionData: string
  /** ISO-8601 time after which the session cannot be paid; create a new one then. */
  paymentSessionExpiryTime: string
  /** What the buyer will pay, priced by the server. For display. */
  amount: AntomAmount
  /** The payment method the session was created for, e.g. `ALIPAY_CN`; empty when the buyer picks it (element, checkout page). */
  paymentMethodType: string
  /** The integration the session is for. */
  product: AntomProduct
  /** The hosted Checkout Page to send the buyer to (`checkout-page` only). */
  normalUrl?: string
  /**
   * True when the local Antom simulator created the session: `<AntomPay>` then renders the simulated
   * cashier instead of loading the Antom SDK.
   */
  simulated: boolean
}

/** Answer of `GET <prefix>/payments/:paymentRequestId`: buyer-safe fields only. */
export interface AntomPaymentStatusResponse {
  paymentRequestId: string
  /**
   * The buyer's view of the server's truth, refreshed from Antom with inquiryPayment while not final. `SUCCESS` means
   * paid: the money is taken. For a method with a separate capture (cards, Apple Pay, Google Pay) that is once the
   * capture succeeded; before, an authorised payment answers `PENDING`, and a failed capture `FAIL`.
   */
  status: AntomPaymentState
  /** True for SUCCESS, FAIL and CANCELLED: the status will not change any more. */
  final: boolean
  amount: AntomAmount
  paymentMethodType: string
  /** ISO-8601 times. */
  createdAt: string
  updatedAt: string
  /** When the money was taken (status SUCCESS only). */
  paidAt?: string
  /** Methods with a separate capture, once authorised: when. */
  authorizedAt?: string
  /** Methods with a separate capture, once authorised: where the capture stands (`PENDING`, `PROCESSING`, `SUCCESS`, `FAIL`). */
  captureStatus?: 'PENDING' | 'PROCESSING' | 'SUCCESS' | 'FAIL'
}

/** Body of the simulator's control endpoint `POST <prefix>/simulator/payments/:paymentRequestId/complete`. */
export interface SimulatorCompleteRequest {
  /** The outcome the simulated buyer chose. */
  result: 'SUCCESS' | 'FAIL'
  /**
   * The session data the simulator issued for this payment: the buyer's cashier holds it, and it authorises
   * completing that one payment. Without it, a production build needs `Authorization: Bearer <NUXT_ANTOM_SIMULATOR_TOKEN>`.
   */
  paymentSessionData?: string
  /** The method the buyer paid with in a simulated Payment Element or Checkout Page (`CARD`, `ALIPAY_CN`, …). */
  paymentMethodType?: string
}

/** Answer of the simulator's control endpoint. */
export interface SimulatorCompleteResponse {
  paymentRequestId: string
  /** The simulated payment's status after completion. */
  paymentStatus: 'SUCCESS' | 'FAIL'
  /** Where the real cashier would send the buyer next (the session's `paymentRedirectUrl`). */
  redirectUrl: string
}

/** Body of the simulator's control endpoint `POST <prefix>/simulator/payments/:paymentRequestId/dispute`. */
export interface SimulatorDisputeRequest {
  /** The dispute notification to send next: `DISPUTE_CREATED` opens a dispute on a paid payment; the others move its latest one on. */
  type: AntomDisputeState
  /** For `DISPUTE_JUDGED`: the judgement. @default `ACCEPT_BY_CUSTOMER` after a defense, else `ACCEPT_BY_MERCHANT` */
  disputeJudgedResult?: 'ACCEPT_BY_CUSTOMER' | 'ACCEPT_BY_MERCHANT' | 'VALIDATE_SUCCESS' | 'VALIDATE_FAIL'
  /** For `DISPUTE_CREATED`: the disputed amount in minor units. @default the payment's amount */
  value?: string
}

/** Answer of the simulator's dispute control endpoint. */
export interface SimulatorDisputeResponse {
  disputeId: string
  paymentRequestId: string
  /** The dispute's state in the simulator after this step. */
  status: AntomDisputeState
}
