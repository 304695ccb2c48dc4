// The module's own development app: `nuxt-module-build prepare` reads it to generate .nuxt types.
export default defineNuxtConfig({
  modules: ['./src/module'],
  compatibilityDate: '2026-11-01',
})
