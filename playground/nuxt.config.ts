import { fileURLToPath } from 'node:url'

export default defineNuxtConfig({
  // An absolute path: Nuxt writes a relative one into .nuxt/nuxt.d.ts as is, where it would miss the module's types.
  modules: [fileURLToPath(new URL('../src/module', import.meta.url))],
  devtools: { enabled: false },
  app: {
    // WCAG 2.1 AA (the browser tests run axe on every page): a language and a title on every page.
    head: { htmlAttrs: { lang: 'en' }, title: 'nuxt-antom shop', titleTemplate: '%s · nuxt-antom shop' },
  },
  runtimeConfig: {
    antom: {
      redirectUrl: '/result?paymentRequestId={paymentRequestId}',
    },
  },
  compatibilityDate: '2026-11-01',
  antom: {
    environment: 'sandbox',
    // A demo: the built playground keeps the simulator, so it works without an Antom account.
    simulator: true,
  },
})
