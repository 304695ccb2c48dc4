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

  return {
    start: () => whenLoaded(checkout => checkout.start()),
    confirm: () => whenLoaded(checkout => checkout.confirm()),
    stop(): void {
      epoch++
      if (instance) instance.stop()
      else onChange(IDLE)
    },
    /** An order changed before the core was downloaded needs nothing: the core reads the order when it starts. */
    orderChanged: () => instance?.orderChanged(),
    submit: (action?: string) => whenLoaded(checkout => checkout.submit(action)),
    /** A warm-up: its failures stay silent (the real load reports them). */
    preload: (): Promise<void> => load().then(checkout => checkout.preload(), () => {}),
    /** The texts of `locale`, downloaded through the core; `undefined` (English) when that fails. */
    texts: (locale: string): Promise<AntomTexts | undefined> => module().then(core => core.loadTexts(locale), () => undefined),
  }
}

/** What {@link lazyCheckout} returns. */
export type LazyCheckout = ReturnType<typeof lazyCheckout>
