export default defineNuxtConfig({
  modules: ['../src/module'],
  devtools: { enabled: false },
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
