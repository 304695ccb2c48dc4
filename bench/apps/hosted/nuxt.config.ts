// The bench shop whose checkout page sends the buyer to the hosted Checkout Page: the <AntomPay> shop's config, this checkout page.
export default defineNuxtConfig({
  extends: ['../antom'],
})
