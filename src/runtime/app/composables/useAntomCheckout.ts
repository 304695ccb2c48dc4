import type { MaybeRefOrGetter, Ref } from '#imports'
import { computed, getCurrentScope, navigateTo, onScopeDispose, shallowRef, toValue, useNuxtApp, watch } from '#imports'
import type { AntomCheckoutError, AntomCheckoutStatus, AntomPaymentResult, AntomSdkEvent, AntomSubmitResult, AntomValidateResult } from '../../types/events'
import type { AntomPaymentStatusResponse, AntomProduct, AntomSessionResponse } from '../../types/routes'
import type { CheckoutState } from '../checkout/core'
import { IDLE, lazyCheckout } from '../checkout/lazy'
import { followTexts, i18nLocaleOf } from '../i18n'
import { resolveAntomLocale } from '../lib/locale'

/** Options of {@link useAntomCheckout}. Reactive values are read when a payment starts. */
export interface UseAntomCheckoutOptions {
  /**
   * The order payload POSTed to `<prefix>/session`, e.g. `{ items: [{ sku, quantity }] }`. The server
   * prices it; the browser never sends amounts it could tamper with. Changing it drops a session that
   * has not been paid yet at once, and opens a new one when the order has settled (`orderDebounceMs`).
   */
  order: MaybeRefOrGetter<Record<string, unknown>>
  /**
   * Which Antom integration shows the payment (allowed by the shop's `defineAntomCheckout({ products })`):
   * `cashier` (`AMSCashierPayment`), `element` (Payment Element, `AMSElement`, in `container`; pay with `submit()`),
   * `checkout-page` (Antom's Checkout Page: embedded in `container` with `AMSCheckoutPage`, or without a container
   * the hosted page, to which `start()` sends the buyer after one session call).
   * @default 'cashier'
   */
  product?: MaybeRefOrGetter<AntomProduct | undefined>
  /**
   * Payment method to create the session for, e.g. `ALIPAY_CN`; sent as `paymentMethodType` (the cashier only).
   * @default undefined (the server decides)
   */
  paymentMethodType?: MaybeRefOrGetter<string | undefined>
  /**
   * SDK locale such as `en_US` or a BCP-47 tag such as `de-DE`; also picks the built-in texts (error messages,
   * the simulated cashier).
   * @default the module's `locale` option, else @nuxtjs/i18n's current locale, else the browser's language mapped
   * to an SDK locale, else `en_US`
   */
  locale?: MaybeRefOrGetter<string | undefined>
  /**
   * `appearance` for the SDK's `createComponent` (`themeType`, `accentColor`, …).
   * @default {}
   */
  appearance?: MaybeRefOrGetter<Record<string, unknown> | undefined>
  /**
   * Whether the SDK draws its own loading animation (`appearance.showLoading`).
   * @default true
   */
  showLoading?: MaybeRefOrGetter<boolean | undefined>
  /**
   * Keep the buyer on the page after the payment instead of letting the cashier redirect to the
   * session's `paymentRedirectUrl`. The cashier is unmounted once the server confirms a final result.
   * @default false
   */
  notRedirectAfterComplete?: MaybeRefOrGetter<boolean | undefined>
  /**
   * CSS selector of an element the payment UI renders into (the cashier's `mountComponent`, the Payment Element,
   * the embedded Checkout Page, and the simulator's). Without it the cashier opens the SDK's pop-up over the page
   * (`createComponent`) and the Checkout Page is Antom's hosted page; the Payment Element needs one.
   * @default undefined
   */
  container?: MaybeRefOrGetter<string | undefined>
  /**
   * Milliseconds the order (and payment method) must stay unchanged before a change opens a new
   * session, so a buyer clicking "+" five times creates one session, not five. The old session's
   * cashier is removed at the first change (status `creating-session`): the stale amount can never be
   * paid while waiting. `0` opens the new session at once.
   * @default 400
   */
  orderDebounceMs?: number
  /**
   * Milliseconds between two status requests while confirming a payment.
   * @default 2000
   */
  pollInterval?: number
  /**
   * Status requests before a payment that is not final yet is reported as `pending`.
   * @default 30
   */
  maxPollAttempts?: number
  /**
   * Milliseconds to wait for the SDK download before showing a retryable `SDK_LOAD_TIMEOUT` error.
   * @default 30000
   */
  sdkLoadTimeout?: number
  /** Called with every SDK event, including codes this module does not know, and the simulator's. */
  onSdkEvent?: (event: AntomSdkEvent) => void
  /** Called with the SDK's `onLog` entries. */
  onLog?: (log: { code: string, message: string }) => void
  /** Called with every error: failures that stop the checkout and SDK errors reported in passing. */
  onError?: (error: AntomCheckoutError) => void
  /** Called when the server created a session. */
  onSession?: (session: AntomSessionResponse) => void
  /** Called with the server-confirmed outcome of a payment. */
  onResult?: (result: AntomPaymentResult) => void
}

/** Buttons of the simulator's cashier. */
export type AntomSimulatorAction = 'pay' | 'fail' | 'cancel'

/** What {@link useAntomCheckout} returns. */
export interface AntomCheckout {
  /** Where the checkout is; see {@link AntomCheckoutStatus}. */
  status: Readonly<Ref<AntomCheckoutStatus>>
  /** The current payment session, kept after a cancel for a retry. */
  session: Readonly<Ref<AntomSessionResponse | null>>
  /** The last payment status the server returned. */
  payment: Readonly<Ref<AntomPaymentStatusResponse | null>>
  /** The error that stopped the checkout (status `error`). */
  error: Readonly<Ref<AntomCheckoutError | null>>
  /** True between the SDK's `SDK_START_OF_LOADING` and `SDK_END_OF_LOADING`. */
  sdkLoading: Readonly<Ref<boolean>>
  /** True while the simulator's cashier talks to the server. */
  simulating: Readonly<Ref<boolean>>
  /** True while a Payment Element (real or simulated) submits a payment. */
  submitting: Readonly<Ref<boolean>>
  /** Whether the local Antom simulator created the session. */
  simulated: Readonly<Ref<boolean>>
  /**
   * Starts a payment, or retries after an error, cancel or failure: creates a session (reusing an
   * unpaid, unexpired one), loads the SDK and shows the cashier. After `pending` it checks the status
   * again instead, and after `paid` it does nothing, so a buyer is never charged twice.
   */
  start: () => Promise<void>
  /** Asks the server for the payment's status until it is final or the polling limit is reached. */
  confirm: () => Promise<void>
  /** Unmounts the SDK and stops polling; a final result stays, anything else returns to `idle`. */
  stop: () => void
  /** Presses a button of the simulated cashier: the same events follow as from the real SDK. */
  simulate: (action: AntomSimulatorAction) => Promise<void>
  /**
   * The shop's Pay button for a Payment Element: `submitPayment()`, answered as the SDK answers
   * (`{ status, userCanceled3D?, error? }`); `undefined` while the element is not `ready`. A display hint: `paid`
   * comes from the server (`onResult`). A spent session (`error.needChangeSessionForRetry`) is replaced in the element.
   */
  submit: () => Promise<AntomSubmitResult | undefined>
  /** Checks what the buyer entered in the Payment Element (`validateFields()`) without paying. */
  validate: () => Promise<AntomValidateResult>
  /** Downloads the SDK early (waits for a session being created and skips the simulator's). */
  preload: () => Promise<void>
}

/**
 * Drives one Antom checkout in the browser: creates the payment session through the module's route,
 * shows it with the driver the session needs (the Antom SDK's cashier, downloaded on demand, or the
 * simulated cashier), and confirms every result with the server before calling it paid. `<AntomPay>`
 * runs on the same checkout core, which is downloaded on the first `start()`; use this composable for
 * your own UI. Polling stops and the cashier is unmounted when the calling scope is disposed.
 * @example
 * const checkout = useAntomCheckout({ order: { items: [{ sku: 'tee', quantity: 1 }] }, container: '#pay' })
 * await checkout.start()
 */
export function useAntomCheckout(options: UseAntomCheckoutOptions): AntomCheckout {
  const nuxtApp = useNuxtApp()
  const config = nuxtApp.$config.public.antom
  const state = shallowRef<CheckoutState>(IDLE)
  const locale = () => toValue(options.locale) || config.locale || undefined
  const checkout = lazyCheckout({
    config,
    order: () => toValue(options.order),
    product: () => toValue(options.product),
    hosted: () => toValue(options.product) === 'checkout-page' && !toValue(options.container),
    paymentMethodType: () => toValue(options.paymentMethodType),
    sdkLocale: () => resolveAntomLocale(locale(), i18nLocaleOf(nuxtApp)),
    appearance: () => toValue(options.appearance),
    showLoading: () => toValue(options.showLoading),
    notRedirectAfterComplete: () => toValue(options.notRedirectAfterComplete),
    target: () => ({ selector: toValue(options.container) }),
    texts: () => follow.ready(),
    orderDebounceMs: options.orderDebounceMs ?? 400,
    pollInterval: options.pollInterval ?? 2_000,
    maxPollAttempts: options.maxPollAttempts ?? 30,
    sdkLoadTimeout: options.sdkLoadTimeout ?? 30_000,
    navigate: (url, external) => navigateTo(url, external ? { external: true } : undefined),
    onSdkEvent: options.onSdkEvent,
    onLog: options.onLog,
    onError: options.onError,
    onSession: options.onSession,
    onResult: options.onResult,
  }, (next) => {
    state.value = next
  })
  // The composable draws no text of its own: the texts are for error messages and the simulated cashier.
  const follow = followTexts(() => [locale(), i18nLocaleOf(nuxtApp)], checkout.texts, () => {})
  const simulated = computed(() => state.value.session?.simulated === true)

  // A changed order or method must not be paid with the old session's amount.
  watch(() => JSON.stringify([toValue(options.order), toValue(options.paymentMethodType) ?? null, toValue(options.product) ?? null]), checkout.orderChanged)
  // Error messages and the simulated cashier speak the buyer's language.
  if (import.meta.client) watch(() => [toValue(options.locale), i18nLocaleOf(nuxtApp)], follow.update, { immediate: true })
  if (getCurrentScope()) onScopeDispose(checkout.stop)

  return {
    status: computed(() => state.value.status),
    session: computed(() => state.value.session),
    payment: computed(() => state.value.payment),
    error: computed(() => state.value.error),
    sdkLoading: computed(() => state.value.sdkLoading),
    simulating: computed(() => simulated.value && state.value.busy),
    submitting: computed(() => state.value.session?.product === 'element' && state.value.busy),
    simulated,
    start: checkout.start,
    confirm: checkout.confirm,
    stop: checkout.stop,
    simulate: async (action) => {
      await checkout.submit(action)
    },
    submit: () => checkout.submit(),
    validate: checkout.validate,
    preload: checkout.preload,
  }
}
