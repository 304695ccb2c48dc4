// The bench shop whose checkout page embeds the Checkout Page: the <AntomPay> shop's config, this checkout page.
export default defineNuxtConfig({
  extends: ['../antom'],
})
