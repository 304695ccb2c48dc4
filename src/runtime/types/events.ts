import type { AntomPaymentStatusResponse } from './routes'

/**
 * Every event code `@alipay/ams-checkout` 1.47.2 can hand to `onEventCallback`, plus the codes its
 * Payment Element and embedded checkout page forward.
 * - `SDK_START_OF_LOADING` / `SDK_END_OF_LOADING`: the SDK's loading animation starts / ends.
 * - `SDK_INTERNAL_ERROR`: unexpected failure inside the SDK.
 * - `SDK_CREATEPAYMENT_PARAMETER_ERROR`: unusable component parameters, e.g. broken session data.
 * - `SDK_INIT_PARAMETER_ERROR`: invalid constructor options.
 * - `SDK_CREATECOMPONENT_ERROR` (Payment Element: `SDK_CREATE_COMPONENT_ERROR`): the component could
 *   not be created, e.g. "Only one component can be rendered simultaneously".
 * - `SDK_LAUNCH_PAYMENT_APP_ERROR` (deprecated twin `SDK_CALL_URL_ERROR`) / `SDK_CALL_URL_SUCCESS`:
 *   the payment method's app or page could not be / was opened.
 * - `SDK_PAYMENT_SUCCESSFUL`, `SDK_PAYMENT_FAIL`, `SDK_PAYMENT_ERROR`, `SDK_PAYMENT_PROCESSING`: what
 *   the cashier believes happened. Display hints only: the server's status is the proof.
 * - `SDK_PAYMENT_CANCEL`: the buyer left without paying; the session is reusable until it expires.
 * - `SDK_PAYMENT_WARN`: a non-fatal warning.
 * - `SDK_PAYMENT_SHIPPINGCHANGE`, `SDK_PAYMENT_APPROVE`: express checkout steps.
 * - `SDK_REDIRECT`: EasySafePay in a native app web view must open a URL.
 * - `SDK_PAYMENT_CLICK_BACK_TO_MERCHANT`: embedded checkout page, "back to merchant" clicked.
 * @see https://docs.antom.com/ac/sdks/ref
 */
export type AntomSdkEventCode
  = | 'SDK_START_OF_LOADING'
    | 'SDK_END_OF_LOADING'
    | 'SDK_INTERNAL_ERROR'
    | 'SDK_CREATEPAYMENT_PARAMETER_ERROR'
    | 'SDK_INIT_PARAMETER_ERROR'
    | 'SDK_CREATECOMPONENT_ERROR'
    | 'SDK_CREATE_COMPONENT_ERROR'
    | 'SDK_LAUNCH_PAYMENT_APP_ERROR'
    | 'SDK_CALL_URL_SUCCESS'
    | 'SDK_CALL_URL_ERROR'
    | 'SDK_PAYMENT_SUCCESSFUL'
    | 'SDK_PAYMENT_FAIL'
    | 'SDK_PAYMENT_ERROR'
    | 'SDK_PAYMENT_CANCEL'
    | 'SDK_PAYMENT_PROCESSING'
    | 'SDK_PAYMENT_WARN'
    | 'SDK_PAYMENT_SHIPPINGCHANGE'
    | 'SDK_PAYMENT_APPROVE'
    | 'SDK_REDIRECT'
    | 'SDK_PAYMENT_CLICK_BACK_TO_MERCHANT'

/** An event as the SDK reports it. Codes this module does not know are passed through unchanged. */
export interface AntomSdkEvent {
  /** One of {@link AntomSdkEventCode}, or a newer code the SDK added. */
  code: AntomSdkEventCode | (string & {})
  /** Explanation from the SDK, mostly on errors. */
  message?: string
  /** Extra data some events carry (card or risk information). */
  result?: unknown
}

/**
 * What `<AntomPay>` and `useAntomCheckout()` are doing:
 * - `idle`: nothing started yet, or torn down after a route change.
 * - `creating-session`: waiting for `POST <prefix>/session`, or, after the order or payment method
 *   changed, for it to settle (`orderDebounceMs`) before the new session is requested. The old
 *   session's cashier is already gone then: a stale amount can never be paid.
 * - `queued`: another `<AntomPay>` on the page holds the SDK (it renders one component at a time).
 * - `loading-sdk`: downloading the SDK and creating its component.
 * - `ready`: the cashier (or the simulator's cashier) waits for the buyer.
 * - `confirming`: the cashier reported a result; asking the server for the real one.
 * - `paid`: the server confirmed the payment (status `SUCCESS`).
 * - `failed`: the server reports the payment failed or was cancelled.
 * - `pending`: no final status before the polling limit; the result arrives later. Also a card (Apple Pay, Google
 *   Pay) payment that is authorised and waits for its capture (`payment.captureStatus` is set): the buyer's part is
 *   done, and the checkout goes on to the redirect URL as for `paid`.
 * - `cancelled`: the buyer left the cashier without paying.
 * - `error`: something failed outside a payment; `retry()` starts again.
 */
export type AntomCheckoutStatus
  = | 'idle'
    | 'creating-session'
    | 'queued'
    | 'loading-sdk'
    | 'ready'
    | 'confirming'
    | 'paid'
    | 'failed'
    | 'pending'
    | 'cancelled'
    | 'error'

/** The server-confirmed outcome of a payment attempt. */
export type AntomPaymentOutcome = 'paid' | 'failed' | 'pending'

/**
 * Error codes of `<AntomPay>` itself; SDK errors keep their SDK code (`SDK_…`).
 * - `SESSION_ERROR`: the session route failed.
 * - `SDK_LOAD_ERROR` / `SDK_LOAD_TIMEOUT`: the SDK chunk failed or took too long to download.
 * - `SDK_MOUNT_ERROR`: the SDK rejected `createComponent`/`mountComponent` without a code.
 * - `SIMULATOR_ERROR`: the simulator's complete endpoint failed.
 * - `CHECKOUT_PAGE_UNREACHABLE`: the embedded Checkout Page's address did not answer (Antom unreachable, or a
 *   Content-Security-Policy without its host in `connect-src`).
 * - `PAYMENT_DECLINED`: a Payment Element payment did not go through; the buyer may try again in the element
 *   (with a new session when Antom asked for one).
 * - `STATUS_NOT_FOUND` / `STATUS_ERROR` (`useAntomPayment`): the status route answered 404 / failed.
 */
export type AntomCheckoutErrorCode
  = | 'SESSION_ERROR'
    | 'SDK_LOAD_ERROR'
    | 'SDK_LOAD_TIMEOUT'
    | 'SDK_MOUNT_ERROR'
    | 'SIMULATOR_ERROR'
    | 'CHECKOUT_PAGE_UNREACHABLE'
    | 'PAYMENT_DECLINED'
    | 'STATUS_NOT_FOUND'
    | 'STATUS_ERROR'

/** An error `<AntomPay>` reports through its `error` event and `error` slot. */
export interface AntomCheckoutError {
  /** {@link AntomCheckoutErrorCode} or the SDK's event code. */
  code: AntomCheckoutErrorCode | AntomSdkEventCode | (string & {})
  /**
   * Text for the buyer. For a module route that answered HTTP 4xx, the server's `message` (e.g.
   * "Invalid order: items: …"); for a 5xx answer, a network error or a failed SDK download, the
   * module's generic text, never the response body (which may hold developer details). Those
   * failures are also logged with `console.error('[nuxt-antom] …', cause)`. SDK errors keep the
   * SDK's message.
   */
  message: string
  /** HTTP status when a module route answered with an error; absent for network errors. */
  statusCode?: number
  /** Whether `retry()` can help. */
  retryable: boolean
  /** The underlying error (a `FetchError` with its `status` and body in `data`, an import error…), for logging. */
  cause?: unknown
}

/** Payload of the `paid`, `failed` and `pending` events. */
export interface AntomPaymentResult {
  /** The server-confirmed outcome. */
  outcome: AntomPaymentOutcome
  /** The last status the server returned; `null` if it could not be asked. */
  payment: AntomPaymentStatusResponse | null
  /** Whether the simulator's cashier was used. */
  simulated: boolean
}

/**
 * What `submit()` of a Payment Element answers: `AMSElement.submitPayment()`'s result as the SDK gives it (the
 * simulated element answers the same). A display hint like the SDK's events: `paid` comes from the server only.
 * - `SUCCESS`, `PROCESSING`, `PENDING`: the payment was sent; the checkout asks the server (status `confirming`).
 * - `FAIL`: it did not go through. With `error.needChangeSessionForRetry` (e.g. a failed 3-D Secure check) the
 *   checkout opens a new session and hands it to the element (`updatePayment`); otherwise the buyer corrects the
 *   details in the element and pays again with the same session.
 * - `CANCELLED` (also `userCanceled3D`): the buyer left a 3-D Secure challenge; the element stays, nothing is paid.
 * `undefined` when the element was not ready to pay (status other than `ready`, or busy).
 */
export interface AntomSubmitResult {
  status: 'SUCCESS' | 'PROCESSING' | 'PENDING' | 'FAIL' | 'CANCELLED' | (string & {})
  /** The buyer closed the 3-D Secure challenge. */
  userCanceled3D?: boolean
  error?: {
    code: string
    message: string
    traceId?: string
    /** The session cannot be paid any more: the checkout opens a new one. */
    needChangeSessionForRetry?: boolean
  }
}

/** What `validate()` of a Payment Element answers (`AMSElement.validateFields()`); `false` while it is not shown. */
export interface AntomValidateResult {
  isValid: boolean
}
