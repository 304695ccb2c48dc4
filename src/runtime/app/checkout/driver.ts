import type { AntomCheckoutError, AntomSdkEvent, AntomSubmitResult, AntomValidateResult } from '../../types/events'
import type { AntomProduct, AntomSessionResponse } from '../../types/routes'
import type { AntomTexts } from '../i18n'
import type { CheckoutOptions } from './types'

/**
 * What a driver reports while its payment UI lives; `sdk` is the SDK event behind it (or one shaped like
 * it), handed to `onSdkEvent` unchanged.
 * - `queue` / `load`: waits for the page's single SDK slot / downloads and creates its UI.
 * - `loading`: the UI draws its own loading animation (`SDK_START_OF_LOADING`).
 * - `ready`: the UI is shown (`SDK_END_OF_LOADING`, or the mount finished).
 * - `attempt`: a payment was attempted; the server's status decides. `error` is reported in passing;
 *   `redirectUrl` is where to send the buyer after a final result, for UIs that cannot do it themselves.
 * - `cancel` / `close`: the buyer left; `close` is the pop-up's close button, which has no event code of its own.
 * - `fail`: the UI cannot go on; `warn`: an error the buyer can recover from inside the UI.
 * - `declined`: a payment attempt did not go through and the buyer may try again in the UI; with `renew` the
 *   session cannot be paid any more, and the checkout hands the UI a new one (`update`).
 * - `busy`: the UI talks to the server (its buttons are disabled meanwhile).
 * - `log`: the SDK's `onLog` entries. `event`: anything else, passed through.
 */
export type DriverEvent
  = | { type: 'queue' | 'load' }
    | { type: 'loading' | 'ready' | 'event', sdk?: AntomSdkEvent }
    | { type: 'attempt', sdk?: AntomSdkEvent, error?: AntomCheckoutError, redirectUrl?: string }
    | { type: 'cancel' | 'close', sdk: AntomSdkEvent }
    | { type: 'fail' | 'warn', error: AntomCheckoutError, sdk?: AntomSdkEvent }
    | { type: 'declined', error: AntomCheckoutError, renew: boolean, sdk?: AntomSdkEvent }
    | { type: 'busy', busy: boolean }
    | { type: 'log', log: { code: string, message: string } }

/** Where a driver draws its UI. */
export interface DriverTarget {
  /** CSS selector of the element to render into; none: the driver's own overlay (the SDK's pop-up). */
  selector?: string
  /** The element itself, for drivers that draw plain DOM; falls back to `selector`, then `document.body`. */
  element?: HTMLElement
}

/** What a driver is given when it is created; everything is read when it is needed. */
export interface DriverContext {
  /** `runtimeConfig.public.antom`. */
  config: { environment: string, analytics?: boolean, prefix: string }
  /** The SDK locale (`en_US`, …). */
  locale: string
  /** Built-in texts in the buyer's language (slot overrides applied), once downloaded. */
  texts: () => Promise<AntomTexts>
  /** `appearance` for the SDK, `showLoading` included. */
  appearance: () => Record<string, unknown>
  notRedirectAfterComplete: () => boolean
  /** Milliseconds before a slow SDK download becomes a retryable `SDK_LOAD_TIMEOUT`. */
  sdkLoadTimeout: number
  /** Aborted when the checkout moves on: the driver stops waiting and ignores late callbacks. */
  signal: AbortSignal
  emit: (event: DriverEvent) => void
}

/**
 * One way of showing the payment UI for a session. The checkout knows nothing else about it:
 * a new integration (Antom's Payment Element, the embedded Checkout Page) is a new file in
 * `drivers/` and a line in {@link DRIVERS}.
 */
export interface CheckoutDriver {
  /**
   * Shows the UI for `session`. Resolves once it is shown or has reported `fail`; it never rejects.
   * Callbacks after `unmount()` or an aborted `signal` are ignored.
   */
  mount: (session: AntomSessionResponse, target: DriverTarget) => Promise<void>
  /** Removes the UI and whatever it holds (the SDK slot, listeners); safe to call twice. */
  unmount: () => void
  /**
   * Submits the payment from the app's own button, for UIs without one: a Payment Element (`submitPayment()`,
   * answered as the SDK answers it), the simulated cashier (`pay` / `fail` / `cancel`).
   */
  submit?: (action?: string) => Promise<AntomSubmitResult | undefined>
  /** Checks the buyer's input without paying (a Payment Element's `validateFields()`). */
  validate?: () => Promise<AntomValidateResult>
  /**
   * Shows another session in the UI already mounted (a Payment Element's `updatePayment()`), after the order
   * changed or a declined payment spent the session. Resolves false when the UI could not take it: the
   * checkout then mounts it anew.
   */
  update?: (session: AntomSessionResponse) => Promise<boolean>
}

/** A driver module: its factory and an optional warm-up before a session exists. */
export interface DriverModule {
  createDriver: (context: DriverContext) => CheckoutDriver
  preload?: (config: DriverContext['config']) => Promise<void>
}

/**
 * Name of a driver in {@link DRIVERS}: the session's `product`, or `simulated` (the cashier's) and
 * `simulated-<product>` for the local simulator's sessions.
 */
export type DriverName = AntomProduct | 'simulated' | 'simulated-element' | 'simulated-checkout-page'

/**
 * Every driver, each in a chunk of its own, downloaded only when a session needs it: a page with the cashier never
 * loads the Payment Element's code, nor the simulator's when it takes real payments. The hosted Checkout Page
 * (redirect) has none: the checkout sends the buyer away before any driver would be needed.
 */
export const DRIVERS: Record<DriverName, () => Promise<DriverModule>> = {
  'cashier': () => import('./drivers/cashier'),
  'element': () => import('./drivers/element'),
  'checkout-page': () => import('./drivers/checkout-page'),
  'simulated': () => import('./drivers/simulated'),
  'simulated-element': () => import('./drivers/simulated-element'),
  'simulated-checkout-page': () => import('./drivers/simulated-checkout-page'),
}

/** The driver a session is shown with; before any session, the one a real payment of `product` would use. */
export function driverFor(session: AntomSessionResponse | null | undefined, product: AntomProduct = 'cashier'): DriverName {
  const name = session?.product ?? product
  if (!session?.simulated) return name
  return name === 'cashier' ? 'simulated' : `simulated-${name}`
}

/** Downloads the driver module `session` needs. */
export async function loadDriver(session: AntomSessionResponse | null | undefined, product?: AntomProduct): Promise<DriverModule> {
  const name = driverFor(session, product)
  const load = DRIVERS[name]
  if (!load) throw new Error(`[nuxt-antom] <AntomPay> has no driver for product "${name}".`)
  return load()
}

/** Downloads the driver `session` (else `product`) needs and lets it warm up (the cashier: the SDK). Failures are left to the real load. */
export async function preloadDriver(session: AntomSessionResponse | null, config: DriverContext['config'], product?: AntomProduct): Promise<void> {
  if (typeof window === 'undefined') return
  const driver = await loadDriver(session, product).catch(() => undefined)
  await driver?.preload?.(config)
}

/** What a driver of the checkout with `options` is given; `emit` is silenced by the caller once `signal` aborts. */
export function driverContext(options: CheckoutOptions, signal: AbortSignal, emit: DriverContext['emit']): DriverContext {
  return {
    config: options.config,
    locale: options.sdkLocale(),
    texts: options.texts,
    appearance: () => ({ ...options.appearance(), showLoading: options.showLoading() ?? true }),
    notRedirectAfterComplete: () => options.notRedirectAfterComplete() ?? false,
    sdkLoadTimeout: options.sdkLoadTimeout,
    signal,
    emit,
  }
}
