export default defineNitroPlugin(() => {
  defineAntomCheckout({
    resolveOrder: () => ({ referenceOrderId: `bench-${Date.now()}`, orderDescription: 'One mug', amount: { currency: 'USD', value: '1200' } }),
    onPaymentSucceeded: () => {},
  })
})
