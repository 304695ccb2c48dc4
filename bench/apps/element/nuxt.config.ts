// The bench shop whose checkout page pays with Payment Element: the <AntomPay> shop's config, this checkout page.
export default defineNuxtConfig({
  extends: ['../antom'],
})
