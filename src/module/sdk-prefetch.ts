import type { Nuxt } from '@nuxt/schema'

/** The checkout core, its drivers and the locale files: downloaded when a payment starts, never prefetched. */
const CHECKOUT_CHUNKS = /runtime\/app\/(?:checkout|i18n\/locales)\//

/**
 * Nuxt would prefetch the 1.6 MB SDK chunk on every page; it is loaded when a payment component mounts instead.
 * Nor are the checkout core and its drivers prefetched: a page with the hosted Checkout Page never runs them, and a
 * component that starts on mount imports them at once anyway.
 */
export function keepSdkOffOtherPages(nuxt: Nuxt): void {
  nuxt.hook('build:manifest', (manifest) => {
    for (const key in manifest) {
      if (key.includes('@alipay/ams-checkout')) {
        manifest[key]!.prefetch = false
        manifest[key]!.preload = false
      }
      else if (CHECKOUT_CHUNKS.test(key)) {
        manifest[key]!.prefetch = false
      }
    }
  })
}
