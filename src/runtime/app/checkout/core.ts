import type { AntomCheckoutError, AntomSubmitResult, AntomValidateResult } from '../../types/events'
import type { AntomSessionResponse } from '../../types/routes'
import { toCheckoutError } from '../lib/errors'
import { buyerPartDone } from '../lib/poll'
import { followRedirect } from '../lib/redirect'
import type { CheckoutDriver, DriverEvent } from './driver'
import { driverContext, loadDriver, preloadDriver } from './driver'
import type { CheckoutEvent } from './machine'
import { createConfirmation } from './confirm'
import { accepts, transition } from './machine'
import { createSessionStore } from './session'
import type { CheckoutOptions, CheckoutState } from './types'

export type { CheckoutOptions, CheckoutState } from './types'
// The locale files are reached through this chunk, itself downloaded on mount: no page prefetches them.
export { loadTexts } from '../i18n/load'

/**
 * One attempt to show the payment UI; aborting it silences its driver. `renewal` is a new session on its way into
 * the UI already shown (a Payment Element after an order change or a spent session).
 */
interface Attempt { controller: AbortController, driver?: CheckoutDriver, redirectUrl?: string, renewal?: AbortController }

/** The framework-free checkout `useAntomCheckout` and `<AntomPay>` adapt: session store, drivers, transition table, confirmation. */
export type Checkout = ReturnType<typeof createCheckout>

/**
 * One checkout in the browser: creates the session through the module's route, shows it with the driver
 * the session needs, and confirms every result with the server before calling it paid. Moves only through
 * the transition table; `onChange` receives every new state.
 */
export function createCheckout(options: CheckoutOptions, onChange: (state: CheckoutState) => void) {
  const { config } = options
  const sessions = createSessionStore({ prefix: config.prefix, order: options.order, product: options.product, paymentMethodType: options.paymentMethodType, orderDebounceMs: options.orderDebounceMs })
  let state: CheckoutState = { status: 'idle', session: null, payment: null, error: null, sdkLoading: false, busy: false }
  let attempt: Attempt | undefined
  let running: Promise<void> | undefined
  let confirming: Promise<void> | undefined

  const set = (patch: Partial<CheckoutState>) => onChange(state = { ...state, ...patch })
  const move = (event: CheckoutEvent) => set({ status: transition(state.status, event) })
  const confirmation = createConfirmation(config.prefix, { interval: options.pollInterval, maxAttempts: options.maxPollAttempts, onStatus: payment => set({ payment }) })
  const { texts } = options

  function teardown(): void {
    const current = attempt
    attempt = undefined
    running = undefined
    current?.renewal?.abort()
    current?.controller.abort()
    current?.driver?.unmount()
    if (state.sdkLoading || state.busy) set({ sdkLoading: false, busy: false })
  }

  function fail(error: AntomCheckoutError): void {
    teardown()
    set({ error, status: transition(state.status, 'fail') })
    options.onError?.(error)
  }

  /** A failure stops the checkout before a payment; later it is only reported. */
  function report(error: AntomCheckoutError): void {
    if (transition(state.status, 'fail') === 'error' && state.status !== 'error') fail(error)
    else if (state.status !== 'error') options.onError?.({ ...error, retryable: false })
  }

  function handle(event: DriverEvent, current: Attempt): void {
    if (event.type === 'cancel' || event.type === 'close') {
      // The pop-up's close button is a cancel only before a payment; a real SDK_PAYMENT_CANCEL is always reported.
      if (event.type === 'cancel' || accepts(state.status, 'close')) options.onSdkEvent?.(event.sdk)
      if (!accepts(state.status, event.type)) return
      teardown()
      return move(event.type)
    }
    if ('sdk' in event && event.sdk) options.onSdkEvent?.(event.sdk)
    if (event.type === 'queue' || event.type === 'load') move(event.type)
    else if (event.type === 'loading') set({ sdkLoading: true })
    else if (event.type === 'ready') set({ sdkLoading: event.sdk ? false : state.sdkLoading, status: transition(state.status, 'ready') })
    else if (event.type === 'attempt') {
      sessions.spend()
      if (event.redirectUrl) current.redirectUrl = event.redirectUrl
      if (event.error) options.onError?.(event.error)
      void confirm('attempt')
    }
    else if (event.type === 'fail') report(event.error)
    else if (event.type === 'warn') options.onError?.(event.error)
    else if (event.type === 'declined') {
      options.onError?.(event.error)
      if (event.renew) void renew(current)
    }
    else if (event.type === 'busy') set({ busy: event.busy })
    else if (event.type === 'log') options.onLog?.(event.log)
  }

  /**
   * Hands a new session to the UI already shown, which keeps the buyer's input (a Payment Element's
   * `updatePayment()`): after an order change, or when a declined payment spent the session. The status passes
   * through `creating-session` and `loading-sdk` back to `ready`; a UI that cannot take it is mounted anew.
   */
  async function renew(current: Attempt): Promise<void> {
    current.renewal?.abort()
    const controller = current.renewal = new AbortController()
    const gone = () => controller.signal.aborted || attempt !== current
    sessions.spend()
    if (state.status !== 'creating-session') move('change')
    const obtained = await obtain(controller.signal, gone)
    if (!obtained) return
    const { session } = obtained
    set({ session, status: transition(state.status, 'session') })
    options.onSession?.(session)
    const updated = await current.driver!.update!(session).catch(() => false)
    if (gone()) return
    current.renewal = undefined
    if (updated) move('ready')
    else void launch()
  }

  /** The usable session or a new one; a failed request stops the checkout unless it moved on meanwhile (`gone`). */
  async function obtain(signal: AbortSignal, gone: () => boolean): Promise<{ session: AntomSessionResponse, fresh: boolean } | undefined> {
    try {
      const obtained = await sessions.obtain(signal)
      return gone() ? undefined : obtained
    }
    catch (caught) {
      const message = (await texts()).sessionFailed
      if (!gone()) fail(toCheckoutError('SESSION_ERROR', caught, message))
      return undefined
    }
  }

  async function run(): Promise<void> {
    teardown()
    const current: Attempt = { controller: new AbortController() }
    const { signal } = current.controller
    attempt = current
    set({ error: null, payment: null, ...(sessions.usable() ? {} : { status: transition(state.status, 'start') }) })
    const obtained = await obtain(signal, () => signal.aborted)
    if (!obtained) return
    const { session } = obtained
    set({ session, status: transition(state.status, obtained.fresh ? 'session' : 'resume') })
    if (obtained.fresh) options.onSession?.(session)
    let driver: CheckoutDriver
    try {
      driver = (await loadDriver(session)).createDriver(driverContext(options, signal, (event) => {
        if (!signal.aborted) handle(event, current)
      }))
    }
    catch (caught) {
      const message = (await texts()).sdkLoadFailed
      if (!signal.aborted) fail(toCheckoutError('SDK_LOAD_ERROR', caught, message))
      return
    }
    if (signal.aborted) return
    current.driver = driver
    await driver.mount(session, options.target())
  }

  function start(): Promise<void> {
    // An explicit start uses the current order: a pending restart would only repeat it.
    sessions.cancelChange()
    if (running) return running
    const next = transition(state.status, sessions.usable() ? 'resume' : 'start')
    if (next === 'confirming') return confirm()
    if (next === state.status && next !== 'creating-session') return Promise.resolve()
    return launch()
  }

  /** Runs one attempt; `start()` joins it while it runs. */
  function launch(): Promise<void> {
    const promise: Promise<void> = run().finally(() => {
      if (running === promise) running = undefined
    })
    running = promise
    return promise
  }

  function confirm(event: 'confirm' | 'attempt' = 'confirm'): Promise<void> {
    const session = sessions.current
    if (!session || !accepts(state.status, event)) return Promise.resolve()
    if (confirming) return confirming
    move(event)
    const promise: Promise<void> = (async () => {
      const result = await confirmation.run(session.paymentRequestId)
      if (!result) return
      move(result.outcome)
      options.onResult?.({ ...result, simulated: session.simulated })
      const url = attempt?.redirectUrl
      // Still pending: the buyer stays. An authorised card payment is pending too, but the buyer is done: go on.
      if (result.outcome === 'pending' && !buyerPartDone(result.payment)) return
      if (options.notRedirectAfterComplete()) teardown()
      else if (url) await followRedirect(url, options.navigate)
    })().finally(() => {
      if (confirming === promise) confirming = undefined
    })
    confirming = promise
    return promise
  }

  /** Ends the attempt, a pending restart and the confirmation; the status is the caller's. */
  function halt(): void {
    sessions.cancelChange()
    teardown()
    confirmation.stop()
    confirming = undefined
  }

  return {
    get state(): CheckoutState {
      return state
    },
    start,
    confirm: () => confirm(),
    stop(): void {
      halt()
      move('stop')
    },
    /**
     * The order or payment method changed: an unpaid session is dropped at once (nothing can be submitted until
     * the new one is shown), a new one follows when it settles. A UI that can take it in place keeps the buyer's
     * input (a Payment Element: `updatePayment()`); any other is removed at once and mounted again.
     */
    orderChanged(): void {
      if (!accepts(state.status, 'change')) return sessions.spend()
      const current = attempt
      const sameProduct = (options.product() ?? 'cashier') === sessions.current?.product
      if (current?.driver?.update && sameProduct && !running && (state.status === 'ready' || current.renewal)) {
        current.renewal?.abort()
        current.renewal = new AbortController()
        sessions.cancelChange()
        move('change')
        sessions.changed(() => void renew(current))
        return
      }
      halt()
      move('change')
      sessions.changed(() => void start())
    },
    /**
     * The shop's Pay button: a Payment Element's `submitPayment()` (its answer is returned), the simulated cashier's
     * `pay` / `fail` / `cancel`. `undefined` unless the UI is `ready` and not busy.
     */
    async submit(action?: string): Promise<AntomSubmitResult | undefined> {
      if (state.status !== 'ready' || state.busy) return undefined
      return (await attempt?.driver?.submit?.(action)) ?? undefined
    },
    /** Checks the buyer's input without paying (`validateFields()`); false while no UI is `ready`. */
    async validate(): Promise<AntomValidateResult> {
      if (state.status !== 'ready' || !attempt?.driver?.validate) return { isValid: false }
      return attempt.driver.validate().catch(() => ({ isValid: false }))
    },
    /** Downloads what the session's driver needs (waits for a session being created). */
    async preload(): Promise<void> {
      await sessions.pending?.catch(() => {})
      await preloadDriver(sessions.current, config, options.product())
    },
  }
}
