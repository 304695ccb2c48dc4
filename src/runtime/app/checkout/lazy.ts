import type { AntomCheckoutError, AntomSubmitResult, AntomValidateResult } from '../../types/events'
import type { AntomSessionResponse } from '../../types/routes'
import type { AntomTexts } from '../i18n'
import type { Checkout, CheckoutOptions, CheckoutState } from './core'

/** A checkout before it starts: idle, nothing downloaded. */
export const IDLE: CheckoutState = Object.freeze({ status: 'idle', session: null, payment: null, error: null, sdkLoading: false, busy: false })

/**
 * The checkout as `<AntomPay>` and `useAntomCheckout` hold it: the core (session store, transition table,
 * drivers, confirmation) is downloaded on first use in the browser, so the server never loads it and a page
 * pays only for this handle until the buyer gets to pay. Drivers and locale files are imported by the core,
 * one step further, and only when a session or a buyer needs them.
 */
export function lazyCheckout(options: CheckoutOptions, onChange: (state: CheckoutState) => void) {
  let instance: Checkout | undefined
  let loading: Promise<typeof import('./core')> | undefined
  // Bumped by stop(): a start() still waiting for the download is dropped.
  let epoch = 0

  function module(): Promise<typeof import('./core')> {
    // Statically false in the server build, which thereby carries none of the checkout's chunks.
    if (!import.meta.client) return Promise.reject(new Error('[nuxt-antom] The checkout runs in the browser only.'))
    return loading ??= import('./core').catch((error: unknown) => {
      loading = undefined
      throw error
    })
  }
  const load = async (): Promise<Checkout> => (instance ??= (await module()).createCheckout(options, onChange))

  /** Runs `action` on the core once downloaded, unless stop() came meanwhile; a failed download is a retryable error. */
  async function whenLoaded(action: (checkout: Checkout) => Promise<void>): Promise<void> {
    const own = epoch
    let checkout: Checkout
    try {
      checkout = await load()
    }
    catch (cause) {
      if (own !== epoch) return
      console.error('[nuxt-antom] SDK_LOAD_ERROR: the checkout code could not be downloaded', cause)
      const error = { code: 'SDK_LOAD_ERROR', message: (await options.texts()).sdkLoadFailed, retryable: true, cause }
      onChange({ ...IDLE, status: 'error', error })
      return options.onError?.(error)
    }
    if (own === epoch) await action(checkout)
  }

  /**
   * The hosted Checkout Page: one session call, then the buyer leaves for Antom's page (`normalUrl`). Nothing else
   * is downloaded, neither the checkout core nor a driver nor the SDK, and this is kept to the few lines it needs
   * (the server tells phones from its user agent; the messages follow `toCheckoutError`'s rule).
   */
  async function redirect(): Promise<void> {
    const own = ++epoch
    onChange({ ...IDLE, status: 'creating-session' })
    let normalUrl: string | undefined
    try {
      const session = await globalThis.$fetch<AntomSessionResponse>(`${options.config.prefix.replace(/\/+$/, '')}/session`, { method: 'POST', body: { ...options.order(), product: 'checkout-page' } })
      if (own !== epoch) return
      options.onSession?.(session)
      normalUrl = session.normalUrl
      if (!normalUrl) throw new Error('The session has no normalUrl: is it a Checkout Page session?')
    }
    catch (caught) {
      if (own !== epoch) return
      const { statusCode, data } = (caught ?? {}) as { statusCode?: number, data?: { message?: unknown } }
      // A 4xx answer's message is written for buyers; anything else is for the console only.
      const buyerFacing = statusCode && statusCode < 500 && typeof data?.message === 'string' ? data.message : undefined
      if (!buyerFacing) console.error('[nuxt-antom] SESSION_ERROR: the Checkout Page session failed', caught)
      const error: AntomCheckoutError = { code: 'SESSION_ERROR', message: buyerFacing ?? (await options.texts()).sessionFailed, ...(statusCode ? { statusCode } : {}), retryable: true, cause: caught }
      onChange({ ...IDLE, status: 'error', error })
      return options.onError?.(error)
    }
    // Back from Antom's page, the browser may show this page from its back/forward cache: ready to pay again.
    window.addEventListener('pageshow', (event) => {
      if (event.persisted && own === epoch) onChange(IDLE)
    }, { once: true })
    await options.navigate(new URL(normalUrl, window.location.href).href, true)
  }

  return {
    start: () => (options.hosted() ? redirect() : whenLoaded(checkout => checkout.start())),
    confirm: () => whenLoaded(checkout => checkout.confirm()),
    stop(): void {
      epoch++
      if (instance) instance.stop()
      else onChange(IDLE)
    },
    /** An order changed before the core was downloaded needs nothing: the core reads the order when it starts. */
    orderChanged: () => instance?.orderChanged(),
    /** The shop's Pay button (see `Checkout.submit`); `undefined` while nothing is shown. */
    submit: async (action?: string): Promise<AntomSubmitResult | undefined> => instance?.submit(action),
    /** Checks the buyer's input in the payment UI; false while nothing is shown. */
    validate: async (): Promise<AntomValidateResult> => (instance ? instance.validate() : { isValid: false }),
    /** A warm-up: its failures stay silent (the real load reports them). Nothing for the hosted page. */
    preload: (): Promise<void> => (options.hosted() ? Promise.resolve() : load().then(checkout => checkout.preload(), () => {})),
    /** The texts of `locale`, downloaded through the core; `undefined` (English) when that fails. */
    texts: (locale: string): Promise<AntomTexts | undefined> => module().then(core => core.loadTexts(locale), () => undefined),
  }
}

/** What {@link lazyCheckout} returns. */
export type LazyCheckout = ReturnType<typeof lazyCheckout>
