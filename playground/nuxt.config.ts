export default defineNuxtConfig({
  modules: ['../src/module'],
  devtools: { enabled: false },
  compatibilityDate: '2026-11-01',
  antom: {
    environment: 'sandbox',
  },
})
