// @ts-check
import { createConfigForNuxt } from '@nuxt/eslint-config/flat'

export default createConfigForNuxt({
  features: {
    // Rules for module authors
    tooling: true,
    // Rules for formatting
    stylistic: true,
  },
  dirs: {
    src: ['./playground', './test/fixtures/*', './bench/apps/*', './test/consumer/shop/app'],
  },
}).append({
  ignores: ['.data/**', 'bench/results/**'],
})
