import type { Nuxt } from '@nuxt/schema'

/** Nuxt would prefetch the 1.6 MB SDK chunk on every page; it is loaded when a payment component mounts instead. */
export function keepSdkOffOtherPages(nuxt: Nuxt): void {
  nuxt.hook('build:manifest', (manifest) => {
    for (const key in manifest) {
      if (key.includes('@alipay/ams-checkout')) {
        manifest[key]!.prefetch = false
        manifest[key]!.preload = false
      }
    }
  })
}
