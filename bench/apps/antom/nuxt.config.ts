// The bench shop with nuxt-antom: the baseline's pages, and <AntomPay> on the checkout page.
export default defineNuxtConfig({
  extends: ['../baseline'],
  modules: ['../../../src/module'],
  devtools: { enabled: false },
  runtimeConfig: { antom: { redirectUrl: '/checkout' } },
  compatibilityDate: '2026-11-01',
  antom: { simulator: true, storage: { driver: 'memory' } },
})
