export default defineNitroPlugin(() => {
  defineAntomCheckout({
    resolveOrder: () => ({ referenceOrderId: `bench-${Date.now()}`, orderDescription: 'One mug', amount: { currency: 'USD', value: '1200' } }),
    onPaymentSucceeded: () => {},
    // The element, checkout-page and hosted bench shops extend this one with their own checkout page.
    products: ['cashier', 'element', 'checkout-page'],
  })
})
