/** The `@alipay/ams-checkout` module, typed from its own declarations (type-only: nothing is bundled here). */
export type AntomSdkModule = typeof import('@alipay/ams-checkout')

/** One `AMSCashierPayment` instance. */
export type AntomCashier = InstanceType<AntomSdkModule['AMSCashierPayment']>

let loading: Promise<AntomSdkModule> | undefined
let preloaded = false

/**
 * Loads the Antom SDK once per page load; concurrent callers share the download. The import is
 * dynamic because the SDK touches `window` at import time and weighs ~433 KB gzip: it must stay out
 * of the server bundle and out of pages without a cashier. A failed load is forgotten so a retry
 * downloads again.
 */
export function loadAntomSdk(): Promise<AntomSdkModule> {
  // On the server `import.meta.client` is statically false, so the bundler drops the import itself.
  if (import.meta.client) {
    loading ??= import('@alipay/ams-checkout').catch((error: unknown) => {
      loading = undefined
      throw error
    })
    return loading
  }
  return Promise.reject(new Error('[nuxt-antom] The Antom SDK can only be loaded in the browser.'))
}

/**
 * Downloads the SDK ahead of time and lets `AMSCashierPayment.preload` warm up its cashier iframe
 * and security module. Failures are ignored here: the real load reports them.
 */
export async function preloadAntomSdk(environment: string): Promise<void> {
  if (preloaded) return
  preloaded = true
  try {
    const sdk = await loadAntomSdk()
    sdk.AMSCashierPayment.preload({ environment })
  }
  catch {
    preloaded = false
  }
}

/** Forgets the loaded SDK; only tests need this. */
export function resetAntomSdkLoader(): void {
  loading = undefined
  preloaded = false
}

/** Rejects with `onTimeout()` when `promise` has not settled within `ms` (no limit when `ms` ≤ 0). */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  if (!(ms > 0) || !Number.isFinite(ms)) return promise
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

/** One `AMSElement` (Payment Element) instance. */
export type AntomPaymentElement = InstanceType<AntomSdkModule['AMSElement']>

/** One `AMSCheckoutPage` (embedded Checkout Page) instance. */
export type AntomEmbeddedCheckoutPage = InstanceType<AntomSdkModule['AMSCheckoutPage']>

/** Downloads the SDK's code ahead of time without warming anything up (the Payment Element has no preload). */
export async function downloadAntomSdk(): Promise<void> {
  await loadAntomSdk().catch(() => {})
}
