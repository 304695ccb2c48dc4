import type { MaybeRefOrGetter, Ref } from '#imports'
import { computed, getCurrentScope, navigateTo, onScopeDispose, readonly, shallowRef, toValue, useRuntimeConfig, watch } from '#imports'
import type { AntomCheckoutError, AntomCheckoutStatus, AntomPaymentOutcome, AntomPaymentResult, AntomSdkEvent } from '../../types/events'
import type { AntomPaymentStatusResponse, AntomSessionResponse } from '../../types/routes'
import { requestAntomPaymentStatus, requestAntomSession, requestSimulatorComplete } from '../lib/api'
import { toCheckoutError } from '../lib/errors'
import { detectAntomLocale, detectTerminalType, toAntomLocale } from '../lib/locale'
import { pollPaymentStatus } from '../lib/poll'
import type { AntomCashier, AntomSdkModule } from '../lib/sdk'
import { loadAntomSdk, preloadAntomSdk, withTimeout } from '../lib/sdk'
import type { ReleaseSdkSlot } from '../lib/slot'
import { acquireSdkSlot, isSdkSlotTaken } from '../lib/slot'

/** Options of {@link useAntomCheckout}. Reactive values are read when a payment starts. */
export interface UseAntomCheckoutOptions {
  /**
   * The order payload POSTed to `<prefix>/session`, e.g. `{ items: [{ sku, quantity }] }`. The server
   * prices it; the browser never sends amounts it could tamper with. Changing it drops a session that
   * has not been paid yet at once, and opens a new one when the order has settled (`orderDebounceMs`).
   */
  order: MaybeRefOrGetter<Record<string, unknown>>
  /**
   * Payment method to create the session for, e.g. `ALIPAY_CN`; sent as `paymentMethodType`.
   * @default undefined (the server decides)
   */
  paymentMethodType?: MaybeRefOrGetter<string | undefined>
  /**
   * SDK locale such as `en_US` or a BCP-47 tag such as `de-DE`.
   * @default the module's `locale` option, else the browser's language mapped to an SDK locale, else `en_US`
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
   * CSS selector of an element the cashier renders into (`mountComponent`). Without it the SDK opens
   * its pop-up over the page (`createComponent`).
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
  /** Drives the simulator's cashier: the same events follow as from the real SDK. */
  simulate: (action: AntomSimulatorAction) => Promise<void>
  /** Downloads the SDK early (waits for a session being created and skips the simulator's). */
  preload: () => Promise<void>
}

/** Event codes after which the outcome is asked from the server. */
const CONFIRM_CODES = new Set(['SDK_PAYMENT_SUCCESSFUL', 'SDK_PAYMENT_PROCESSING', 'SDK_PAYMENT_FAIL', 'SDK_PAYMENT_ERROR'])
/** Event codes that mean the cashier cannot be shown. */
const FATAL_CODES = new Set(['SDK_INTERNAL_ERROR', 'SDK_CREATEPAYMENT_PARAMETER_ERROR', 'SDK_INIT_PARAMETER_ERROR', 'SDK_CREATECOMPONENT_ERROR', 'SDK_CREATE_COMPONENT_ERROR'])
/** Error codes the buyer can recover from inside the cashier (e.g. by picking another method). */
const NON_FATAL_ERROR_CODES = new Set(['SDK_LAUNCH_PAYMENT_APP_ERROR', 'SDK_CALL_URL_ERROR'])
/** Statuses in which an SDK failure ends the attempt; later ones must not interrupt a confirmation. */
const PRE_PAYMENT = new Set<AntomCheckoutStatus>(['queued', 'loading-sdk', 'ready'])
/** Statuses `stop()` keeps, because they describe a payment that happened. */
const RESULTS = new Set<AntomCheckoutStatus>(['paid', 'failed', 'pending'])
/** What the buyer reads when the session route fails without a buyer-facing (4xx) message. */
const SESSION_FAILED = 'The payment could not be started. Please try again in a moment.'
/** A session this close to expiry is replaced rather than shown. */
const EXPIRY_MARGIN_MS = 30_000

function isExpired(session: AntomSessionResponse): boolean {
  const expiry = Date.parse(session.paymentSessionExpiryTime)
  return Number.isFinite(expiry) && expiry - Date.now() < EXPIRY_MARGIN_MS
}

function outcomeOf(payment: AntomPaymentStatusResponse | null): AntomPaymentOutcome {
  if (payment?.status === 'SUCCESS') return 'paid'
  if (payment?.status === 'FAIL' || payment?.status === 'CANCELLED') return 'failed'
  return 'pending'
}

function sdkError(event: { code?: unknown, message?: unknown }, fallbackCode: string, retryable: boolean): AntomCheckoutError {
  const code = typeof event.code === 'string' && event.code ? event.code : fallbackCode
  const message = typeof event.message === 'string' && event.message ? event.message : `The payment SDK reported ${code}.`
  return { code, message, retryable }
}

/**
 * Drives one Antom checkout in the browser: creates the payment session through the module's route,
 * loads the Antom SDK on demand, shows its cashier (or the simulator's), and confirms every result
 * with the server before calling it paid. `<AntomPay>` is built on it; use it directly for your own UI.
 * Polling stops and the cashier is unmounted when the calling scope is disposed.
 * @example
 * const checkout = useAntomCheckout({ order: { items: [{ sku: 'tee', quantity: 1 }] }, container: '#pay' })
 * await checkout.start()
 */
export function useAntomCheckout(options: UseAntomCheckoutOptions): AntomCheckout {
  const config = useRuntimeConfig().public.antom
  const interval = options.pollInterval ?? 2_000
  const maxAttempts = options.maxPollAttempts ?? 30
  const orderDebounceMs = options.orderDebounceMs ?? 400

  const status = shallowRef<AntomCheckoutStatus>('idle')
  const session = shallowRef<AntomSessionResponse | null>(null)
  const payment = shallowRef<AntomPaymentStatusResponse | null>(null)
  const error = shallowRef<AntomCheckoutError | null>(null)
  const sdkLoading = shallowRef(false)
  const simulating = shallowRef(false)
  const simulated = computed(() => session.value?.simulated === true)

  // Every start()/stop() opens a new generation; work from an older one drops its results.
  let generation = 0
  let controller = new AbortController()
  let cashier: AntomCashier | undefined
  let releaseSlot: ReleaseSdkSlot | undefined
  let sessionSpent = false
  let simulatorRedirect = ''
  let running: { generation: number, promise: Promise<void> } | undefined
  let confirming: { generation: number, promise: Promise<void> } | undefined
  let sessionRequest: Promise<unknown> | undefined
  // The new session after an order change waits for the order to settle.
  let restartTimer: ReturnType<typeof setTimeout> | undefined

  function cancelRestart(): void {
    if (restartTimer !== undefined) clearTimeout(restartTimer)
    restartTimer = undefined
  }

  function nextGeneration(): number {
    controller.abort()
    controller = new AbortController()
    return ++generation
  }

  function unmountSdk(): void {
    const current = cashier
    cashier = undefined
    sdkLoading.value = false
    if (current) {
      try {
        current.unmount()
      }
      catch (caught) {
        console.warn('[nuxt-antom] AMSCashierPayment.unmount() failed', caught)
      }
    }
    releaseSlot?.()
    releaseSlot = undefined
  }

  function fail(failure: AntomCheckoutError): void {
    unmountSdk()
    error.value = failure
    status.value = 'error'
    options.onError?.(failure)
  }

  function cancel(): void {
    if (!PRE_PAYMENT.has(status.value)) return
    // The session stays: start() reuses it until it expires.
    unmountSdk()
    status.value = 'cancelled'
  }

  function dispatch(event: AntomSdkEvent): void {
    options.onSdkEvent?.(event)
    const code = event.code
    if (code === 'SDK_START_OF_LOADING') {
      sdkLoading.value = true
    }
    else if (code === 'SDK_END_OF_LOADING') {
      sdkLoading.value = false
      if (status.value === 'loading-sdk') status.value = 'ready'
    }
    else if (code === 'SDK_PAYMENT_CANCEL') {
      cancel()
    }
    else if (CONFIRM_CODES.has(code)) {
      // A payment was attempted with this session: a retry needs a new paymentRequestId.
      sessionSpent = true
      if (code === 'SDK_PAYMENT_ERROR') options.onError?.(sdkError(event, code, false))
      void confirm()
    }
    else if (FATAL_CODES.has(code)) {
      reportSdkError(sdkError(event, code, true))
    }
    else if (NON_FATAL_ERROR_CODES.has(code)) {
      options.onError?.(sdkError(event, code, false))
    }
  }

  function reportSdkError(failure: AntomCheckoutError): void {
    if (PRE_PAYMENT.has(status.value)) fail(failure)
    else if (status.value !== 'error') options.onError?.({ ...failure, retryable: false })
  }

  function resolveLocale(): string {
    const explicit = toValue(options.locale) || config.locale
    if (explicit) return toAntomLocale(explicit) ?? explicit.replace(/-/g, '_')
    return detectAntomLocale()
  }

  async function createSession(): Promise<AntomSessionResponse> {
    const method = toValue(options.paymentMethodType)
    const body: Record<string, unknown> = {
      terminalType: detectTerminalType(),
      ...toValue(options.order),
      ...(method ? { paymentMethodType: method } : {}),
    }
    const request = requestAntomSession(config.prefix, body)
    sessionRequest = request
    try {
      return await request
    }
    finally {
      if (sessionRequest === request) sessionRequest = undefined
    }
  }

  async function mountCashier(sdk: AntomSdkModule, current: AntomSessionResponse, own: number): Promise<void> {
    let instance: AntomCashier | undefined
    const isCurrent = () => instance !== undefined && cashier === instance && own === generation
    try {
      instance = new sdk.AMSCashierPayment({
        environment: config.environment,
        locale: resolveLocale(),
        analytics: { enabled: config.analytics !== false },
        onLog: (log) => {
          if (isCurrent()) options.onLog?.(log)
        },
        onEventCallback: (event) => {
          if (isCurrent()) dispatch(event)
        },
        onError: (failure) => {
          if (isCurrent()) reportSdkError(sdkError(failure, 'SDK_INTERNAL_ERROR', true))
        },
        // The pop-up's close button reports no event code of its own; to the app it is a cancel.
        onClose: () => {
          if (isCurrent() && PRE_PAYMENT.has(status.value)) dispatch({ code: 'SDK_PAYMENT_CANCEL', message: 'The buyer closed the cashier.' })
        },
      })
    }
    catch (caught) {
      fail(toCheckoutError('SDK_INIT_PARAMETER_ERROR', caught, 'The payment SDK rejected its options.', false))
      return
    }
    cashier = instance
    const params = {
      sessionData: current.paymentSessionData,
      appearance: { ...toValue(options.appearance), showLoading: toValue(options.showLoading) ?? true },
      notRedirectAfterComplete: toValue(options.notRedirectAfterComplete) ?? false,
    }
    const container = toValue(options.container)
    try {
      await (container ? instance.mountComponent(params, container) : instance.createComponent(params))
    }
    catch (caught) {
      if (isCurrent()) reportSdkError(sdkError((caught ?? {}) as { code?: unknown, message?: unknown }, 'SDK_MOUNT_ERROR', true))
      return
    }
    if (isCurrent() && status.value === 'loading-sdk') status.value = 'ready'
  }

  async function run(): Promise<void> {
    const own = nextGeneration()
    const signal = controller.signal
    const stale = () => own !== generation
    unmountSdk()
    error.value = null
    payment.value = null
    simulatorRedirect = ''

    let current = session.value
    if (!current || sessionSpent || isExpired(current)) {
      status.value = 'creating-session'
      try {
        current = await createSession()
      }
      catch (caught) {
        if (!stale()) fail(toCheckoutError('SESSION_ERROR', caught, SESSION_FAILED))
        return
      }
      if (stale()) return
      session.value = current
      sessionSpent = false
      options.onSession?.(current)
    }

    if (current.simulated) {
      // The simulator's cashier is plain markup: no SDK, no slot, the same loading events.
      dispatch({ code: 'SDK_START_OF_LOADING' })
      status.value = 'ready'
      dispatch({ code: 'SDK_END_OF_LOADING' })
      return
    }

    if (isSdkSlotTaken()) status.value = 'queued'
    let release: ReleaseSdkSlot
    try {
      release = await acquireSdkSlot(signal)
    }
    catch {
      return
    }
    if (stale()) {
      release()
      return
    }
    releaseSlot = release
    status.value = 'loading-sdk'

    let sdk: AntomSdkModule
    let timedOut = false
    try {
      sdk = await withTimeout(loadAntomSdk(), options.sdkLoadTimeout ?? 30_000, () => {
        timedOut = true
        return new Error('Loading the payment SDK took too long.')
      })
    }
    catch (caught) {
      if (!stale()) {
        fail(timedOut
          ? toCheckoutError('SDK_LOAD_TIMEOUT', caught, 'Loading the payment SDK took too long.')
          : toCheckoutError('SDK_LOAD_ERROR', caught, 'The payment SDK could not be loaded.'))
      }
      return
    }
    if (stale()) return
    await mountCashier(sdk, current, own)
  }

  function start(): Promise<void> {
    // An explicit start uses the current order: a pending restart would only repeat it.
    cancelRestart()
    if (running?.generation === generation) return running.promise
    if (status.value === 'paid') return Promise.resolve()
    if (status.value === 'pending' || status.value === 'confirming') return confirm()
    // run() opens its generation synchronously, before its first await.
    const promise = run().finally(() => {
      if (running?.promise === promise) running = undefined
    })
    running = { generation, promise }
    return promise
  }

  async function redirect(url: string): Promise<void> {
    const target = new URL(url, window.location.href)
    if (target.origin === window.location.origin) await navigateTo(target.pathname + target.search + target.hash)
    else await navigateTo(target.href, { external: true })
  }

  function confirm(): Promise<void> {
    const current = session.value
    if (!current) return Promise.resolve()
    if (confirming?.generation === generation) return confirming.promise
    const own = generation
    const signal = controller.signal
    status.value = 'confirming'
    const promise = (async () => {
      const result = await pollPaymentStatus(() => requestAntomPaymentStatus(config.prefix, current.paymentRequestId), {
        interval,
        maxAttempts,
        signal,
        onStatus: (answer) => {
          if (own === generation) payment.value = answer
        },
      })
      if (result.aborted || own !== generation) return
      const outcome = outcomeOf(result.status)
      status.value = outcome
      options.onResult?.({ outcome, payment: result.status, simulated: current.simulated })
      if (outcome === 'pending') return
      if (toValue(options.notRedirectAfterComplete)) unmountSdk()
      else if (current.simulated && simulatorRedirect) await redirect(simulatorRedirect)
    })().finally(() => {
      if (confirming?.promise === promise) confirming = undefined
    })
    confirming = { generation: own, promise }
    return promise
  }

  function stop(): void {
    cancelRestart()
    nextGeneration()
    unmountSdk()
    simulating.value = false
    if (!RESULTS.has(status.value)) status.value = 'idle'
  }

  async function simulate(action: AntomSimulatorAction): Promise<void> {
    const current = session.value
    if (!current?.simulated || status.value !== 'ready' || simulating.value) return
    if (action === 'cancel') {
      dispatch({ code: 'SDK_PAYMENT_CANCEL', message: 'The buyer cancelled in the simulator.' })
      return
    }
    const own = generation
    simulating.value = true
    try {
      const answer = await requestSimulatorComplete(config.prefix, current, action === 'pay' ? 'SUCCESS' : 'FAIL')
      if (own !== generation) return
      simulatorRedirect = answer.redirectUrl
      dispatch(answer.paymentStatus === 'SUCCESS'
        ? { code: 'SDK_PAYMENT_SUCCESSFUL', message: 'The simulated payment succeeded.' }
        : { code: 'SDK_PAYMENT_FAIL', message: 'The simulated payment failed.' })
    }
    catch (caught) {
      if (own === generation) fail(toCheckoutError('SIMULATOR_ERROR', caught, 'The simulator could not complete the payment.'))
    }
    finally {
      if (own === generation) simulating.value = false
    }
  }

  async function preload(): Promise<void> {
    if (import.meta.server) return
    if (sessionRequest) await sessionRequest.catch(() => {})
    if (session.value?.simulated) return
    await preloadAntomSdk(config.environment)
  }

  // A changed order or method must not be paid with the old session's amount: the old session is
  // dropped and its cashier unmounted at once; the new session waits until the order settles.
  watch(
    () => JSON.stringify([toValue(options.order), toValue(options.paymentMethodType) ?? null]),
    () => {
      if (RESULTS.has(status.value) || status.value === 'confirming') return
      sessionSpent = true
      if (status.value === 'creating-session' || PRE_PAYMENT.has(status.value)) {
        // stop() also clears an earlier pending restart: only the last change of a burst counts.
        stop()
        if (orderDebounceMs > 0) {
          status.value = 'creating-session'
          restartTimer = setTimeout(() => {
            restartTimer = undefined
            void start()
          }, orderDebounceMs)
        }
        else {
          void start()
        }
      }
    },
  )

  if (getCurrentScope()) onScopeDispose(stop)

  return {
    status: readonly(status),
    session: readonly(session),
    payment: readonly(payment),
    error: readonly(error),
    sdkLoading: readonly(sdkLoading),
    simulating: readonly(simulating),
    simulated,
    start,
    confirm,
    stop,
    simulate,
    preload,
  }
}
