// <AntomPay>'s public surface: props, events and slots.
import type { PropType, VNodeArrayChildren } from 'vue'
import type { AntomCheckoutError, AntomCheckoutStatus, AntomPaymentResult, AntomSdkEvent, AntomSubmitResult, AntomValidateResult } from '../../types/events'
import type { AntomProduct, AntomSessionResponse } from '../../types/routes'
import type { AntomTexts } from '../i18n'
import type { AntomPreloadStrategy } from '../lib/preload'

type Slot<P = object> = (props: P) => VNodeArrayChildren

/** The props of `<AntomPay>`. */
export const PROPS = {
  /**
   * The order payload POSTed to the session route, e.g. `{ items: [{ sku: 'tee', quantity: 1 }] }`; the server
   * prices it. A change removes an unpaid cashier at once and opens a new session once it settles (`orderDebounceMs`).
   */
  order: { type: Object as PropType<Record<string, unknown>>, required: true },
  /**
   * Which Antom integration shows the payment (the shop allows it with `defineAntomCheckout({ products })`):
   * - `cashier`: Antom's cashier for one `paymentMethodType` (`AMSCashierPayment`);
   * - `element`: Payment Element (`AMSElement`) on this page, the buyer picks the method; paid with the default
   *   slot's button, or the shop's own calling `submit()`;
   * - `checkout-page`: Antom's Checkout Page, hosted (`display="redirect"`, the default: the buyer leaves for
   *   `normalUrl`) or embedded (`display="embedded"`, `AMSCheckoutPage`).
   * @default 'cashier'
   */
  product: { type: String as PropType<AntomProduct>, default: 'cashier' },
  /**
   * Payment method to create the session for, e.g. `ALIPAY_CN` (the cashier only).
   * @default undefined (the server decides)
   */
  paymentMethodType: { type: String, default: undefined },
  /**
   * SDK locale (`en_US`) or BCP-47 tag (`de-DE`) for the cashier and the built-in texts.
   * @default the module's `locale`, else @nuxtjs/i18n's current locale, else the browser's language, else `en_US`
   */
  locale: { type: String, default: undefined },
  /**
   * `appearance` passed to the SDK (`themeType`, `accentColor`, …).
   * @default {}
   */
  appearance: { type: Object as PropType<Record<string, unknown>>, default: () => ({}) },
  /**
   * Whether the SDK shows its own loading animation; when false, the `loading` slot stays until the cashier
   * is ready.
   * @default true
   */
  showLoading: { type: Boolean, default: true },
  /**
   * Stay on the page after paying instead of following the session's redirect URL; the cashier is unmounted
   * once the server confirms a final result.
   * @default false
   */
  notRedirectAfterComplete: { type: Boolean, default: false },
  /**
   * Where the payment UI is shown. Cashier: `inline` inside this component, or `popup` (the SDK's overlay).
   * Checkout Page: `redirect` (Antom's hosted page; a form that also works without JavaScript) or `embedded`
   * (inside this component). The Payment Element is always inline.
   * @default 'redirect' for the Checkout Page, else 'inline'
   */
  display: { type: String as PropType<'inline' | 'popup' | 'redirect' | 'embedded'>, default: undefined },
  /**
   * Create the session and show the payment UI on mount; when false, a "Pay" button (slot `idle`) starts it.
   * The hosted Checkout Page always waits for the buyer's button (it leaves the page).
   * @default true
   */
  immediate: { type: Boolean, default: true },
  /**
   * Download the SDK before it is needed: when the component becomes `visible`, when the browser is `idle`,
   * or on first `interaction` (pointer or focus).
   * @default 'none'
   */
  preload: { type: String as PropType<AntomPreloadStrategy>, default: 'none' },
  /**
   * Milliseconds the order and method must stay unchanged before a change creates a new session (status
   * `creating-session` meanwhile, the old cashier gone, so the old amount cannot be paid). `0`: at once.
   * @default 400
   */
  orderDebounceMs: { type: Number, default: 400 },
  /**
   * Milliseconds between status requests while confirming a payment with the server.
   * @default 2000
   */
  pollInterval: { type: Number, default: 2_000 },
  /**
   * Status requests before an unfinished payment is reported as `pending`.
   * @default 30
   */
  maxPollAttempts: { type: Number, default: 30 },
  /**
   * Milliseconds before a slow SDK download becomes a retryable error.
   * @default 30000
   */
  sdkLoadTimeout: { type: Number, default: 30_000 },
} as const

/** What the default slot (the Payment Element's Pay button) gets. */
export interface AntomPaySubmitSlotProps {
  /** Submits the payment (`submitPayment()`); `undefined` while the element is not ready. */
  submit: () => Promise<AntomSubmitResult | undefined>
  /** Checks the buyer's input (`validateFields()`). */
  validate: () => Promise<AntomValidateResult>
  /** True unless the element is ready and not busy. */
  disabled: boolean
  /** True while a payment is being submitted. */
  busy: boolean
}

/**
 * Every built-in text can be replaced (the texts follow `locale`, @nuxtjs/i18n or the browser, in 16 locales):
 * - `default` `{ submit, validate, disabled, busy }`: the Payment Element's Pay button (`product="element"`).
 * - `idle` `{ start }`: the "Pay" button before the payment starts (`immediate: false`, or after a route change);
 *   for the hosted Checkout Page it sits inside the form, so a `<button>` there submits it (`start` not needed).
 * - `loading` `{ status, text }`: while the session is created and the SDK loads.
 * - `status` `{ status, text }`: what the polite live region announces for each status.
 * - `error` `{ error, retry }`: a failure outside a payment; `error.message` is safe to show the buyer.
 * - `result` `{ status, text, payment, retry, recheck }`: `paid`, `failed`, `pending` and `cancelled`.
 * - `simulator-title`, `simulator-pay`, `simulator-fail`, `simulator-cancel`: text only (their text content is
 *   used), the simulated cashier's title and buttons.
 */
export type AntomPaySlots = {
  /** The Payment Element's Pay button: `submit()` pays, `disabled` while it cannot. */
  'default'?: Slot<AntomPaySubmitSlotProps>
  /** Before the payment starts: replaces the "Pay" button; `start()` starts the payment. */
  'idle'?: Slot<{ start: () => Promise<void> }>
  /** While the session is created and the SDK loads; `text` is the built-in status text. */
  'loading'?: Slot<{ status: AntomCheckoutStatus, text: string }>
  /** What the polite live region announces for each status (`text`: the built-in one). */
  'status'?: Slot<{ status: AntomCheckoutStatus, text: string }>
  /** A failure outside a payment; `error.message` is safe to show the buyer, `retry()` starts again. */
  'error'?: Slot<{ error: AntomCheckoutError, retry: () => Promise<void> }>
  /** `paid`, `failed`, `pending` and `cancelled`; `retry()` pays again, `recheck()` asks the server again. */
  'result'?: Slot<{ status: AntomCheckoutStatus, text: string, payment: AntomPaymentResult['payment'], retry: () => Promise<void>, recheck: () => Promise<void> }>
  /** Text only: the simulated cashier's title (and accessible name). */
  'simulator-title'?: Slot
  /** Text only: the simulated cashier's "Pay" button. */
  'simulator-pay'?: Slot
  /** Text only: the simulated cashier's "Fail" button. */
  'simulator-fail'?: Slot
  /** Text only: the simulated cashier's "Cancel" button. */
  'simulator-cancel'?: Slot
}

/** The events of `<AntomPay>`. */
export type AntomPayEmits = {
  /** Every SDK (or simulator) event, including codes this module does not know. */
  event: (event: AntomSdkEvent) => true
  /** `SDK_START_OF_LOADING`: the cashier starts loading. */
  loadingStart: (event: AntomSdkEvent) => true
  /** `SDK_END_OF_LOADING`: the cashier is shown. */
  loadingEnd: (event: AntomSdkEvent) => true
  /** `SDK_PAYMENT_SUCCESSFUL`: the cashier believes it was paid. A hint only: wait for `paid`. */
  success: (event: AntomSdkEvent) => true
  /** `SDK_PAYMENT_PROCESSING`: submitted, result unknown. Wait for `paid`/`failed`/`pending`. */
  processing: (event: AntomSdkEvent) => true
  /**
   * `SDK_PAYMENT_FAIL`: the cashier reports a failure. Wait for `failed`. From a Payment Element: a declined
   * attempt; the buyer may try again in the element (`error` carries the reason).
   */
  fail: (event: AntomSdkEvent) => true
  /**
   * `SDK_PAYMENT_CANCEL`: the buyer left the cashier; `start()` reuses the session while it is valid. From a Payment
   * Element: a 3-D Secure challenge was left. (The embedded Checkout Page's "back to the shop" comes as `event`
   * `SDK_PAYMENT_CLICK_BACK_TO_MERCHANT`, with status `cancelled`.)
   */
  cancel: (event: AntomSdkEvent) => true
  /**
   * An SDK error (its `SDK_…` code and message) or a failure of this component (`SESSION_ERROR`, `SDK_LOAD_ERROR`, …).
   * `message` is buyer-safe: a 4xx answer's own message, else the built-in text (5xx and network details are in
   * `cause` and logged to the browser console).
   */
  error: (error: AntomCheckoutError) => true
  /** The SDK's `onLog` entries. */
  log: (log: { code: string, message: string }) => true
  /** The server created a payment session. */
  session: (session: AntomSessionResponse) => true
  /** The server confirmed the payment (status `SUCCESS`). */
  paid: (result: AntomPaymentResult) => true
  /** The server reports the payment failed or was cancelled. */
  failed: (result: AntomPaymentResult) => true
  /**
   * The server had no final status within the polling limit; the result will come by notification. Also an
   * authorised card payment waiting for its capture (`result.payment.captureStatus` is set): the checkout goes on
   * to the redirect URL, and `onPaymentCaptured` on the server says when it is paid.
   */
  pending: (result: AntomPaymentResult) => true
}

/** The runtime list of {@link AntomPayEmits} (no validators). */
export const EMITS: Record<keyof AntomPayEmits, null> = {
  event: null, loadingStart: null, loadingEnd: null, success: null, processing: null, fail: null, cancel: null,
  error: null, log: null, session: null, paid: null, failed: null, pending: null,
}

/** SDK event codes re-emitted under a name of their own. */
export const SDK_EMITS: Record<string, keyof AntomPayEmits | undefined> = {
  SDK_START_OF_LOADING: 'loadingStart',
  SDK_END_OF_LOADING: 'loadingEnd',
  SDK_PAYMENT_SUCCESSFUL: 'success',
  SDK_PAYMENT_PROCESSING: 'processing',
  SDK_PAYMENT_FAIL: 'fail',
  SDK_PAYMENT_CANCEL: 'cancel',
}

/** Text-only slots and the built-in text each replaces. */
const TEXT_SLOTS: Record<string, keyof AntomTexts> = {
  'simulator-title': 'simulator',
  'simulator-pay': 'simulatorPay',
  'simulator-fail': 'simulatorFail',
  'simulator-cancel': 'simulatorCancel',
}

function textOf(node: unknown): string {
  if (typeof node === 'string') return node
  if (Array.isArray(node)) return node.map(textOf).join('')
  return node && typeof node === 'object' && 'children' in node ? textOf(node.children) : ''
}

/** The texts the app's text-only slots replace. */
export function slotTexts(slots: Record<string, ((props: object) => unknown) | undefined>): Partial<AntomTexts> {
  const texts: Partial<AntomTexts> = {}
  for (const name in TEXT_SLOTS) {
    const text = slots[name] ? textOf(slots[name]!({})).trim() : ''
    if (text) texts[TEXT_SLOTS[name]!] = text
  }
  return texts
}
