import { z } from 'zod'

// The shop's side of the checkout, as the README's "payment flow" describes it.
export default defineNitroPlugin(() => {
  defineAntomCheckout({
    orderSchema: z.object({
      items: z.array(z.object({ sku: z.string(), quantity: z.number().int().min(1).max(20) })).min(1).max(10),
    }),
    resolveOrder({ body }) {
      let cents = 0
      const names: string[] = []
      for (const item of body.items) {
        const product = findProduct(item.sku)
        if (!product) throw createError({ statusCode: 400, message: `Unknown product ${item.sku}.` })
        cents += Math.round(Number(product.price) * 100) * item.quantity
        names.push(`${item.quantity} x ${product.name}`)
      }
      return {
        referenceOrderId: `order-${crypto.randomUUID()}`,
        orderDescription: names.join(', '),
        amount: toAntomAmount((cents / 100).toFixed(2), 'USD'),
      }
    },
    paymentMethods: ['ALIPAY_CN', 'GCASH'],
    onPaymentSucceeded: ({ payment }) => recordHandled({ handler: 'onPaymentSucceeded', paymentRequestId: payment.paymentRequestId, referenceOrderId: payment.referenceOrderId, status: payment.status }),
    onPaymentFailed: ({ payment }) => recordHandled({ handler: 'onPaymentFailed', paymentRequestId: payment.paymentRequestId, referenceOrderId: payment.referenceOrderId, status: payment.status }),
    onPaymentPending: ({ payment }) => recordHandled({ handler: 'onPaymentPending', paymentRequestId: payment.paymentRequestId, referenceOrderId: payment.referenceOrderId, status: payment.status }),
  })
})
