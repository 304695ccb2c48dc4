// The bench shop with nuxt-antom whose checkout page draws its own UI with useAntomCheckout(), without <AntomPay>.
export default defineNuxtConfig({
  extends: ['../baseline'],
  modules: ['../../../src/module'],
  devtools: { enabled: false },
  runtimeConfig: { antom: { redirectUrl: '/checkout' } },
  compatibilityDate: '2026-11-01',
  antom: { simulator: true, storage: { driver: 'memory' } },
})
