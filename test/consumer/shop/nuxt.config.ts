// A shop written from nuxt-antom's README, as a user would: the module by its package name, nothing from the repository.
export default defineNuxtConfig({
  modules: ['nuxt-antom'],
  devtools: { enabled: false },
  runtimeConfig: {
    antom: {
      // A path: resolved against NUXT_PUBLIC_SITE_URL, the shop's public origin, when a session is created.
      redirectUrl: '/result?paymentRequestId={paymentRequestId}',
    },
  },
  compatibilityDate: '2026-11-01',
  // No Antom account here: the production build carries the simulator (it warns at start).
  antom: { simulator: true },
})
