// The bench shop with nuxt-antom whose checkout page draws its own UI with useAntomCheckout(): the <AntomPay>
// shop's config, with this app's checkout page in place of that one.
export default defineNuxtConfig({
  extends: ['../antom'],
})
