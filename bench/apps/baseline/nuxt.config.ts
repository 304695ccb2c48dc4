// The bench shop without nuxt-antom: the same pages, the checkout holding a plain placeholder.
export default defineNuxtConfig({
  devtools: { enabled: false },
  compatibilityDate: '2026-11-01',
})
