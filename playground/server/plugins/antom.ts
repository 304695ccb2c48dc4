import { randomUUID } from 'node:crypto'
import { z } from 'zod'

// The shop's side of the checkout: nuxt-antom asks it to price orders and tells it about payments.
export default defineNitroPlugin((nitroApp) => {
  defineAntomCheckout({
    // What the browser may send: SKUs and quantities. Never a price.
    orderSchema: z.object({
      items: z.array(z.object({ sku: z.string(), quantity: z.number().int().min(1).max(20) })).min(1).max(10),
    }),
    async resolveOrder({ body }) {
      const lines = body.items.map((item) => {
        const product = findProduct(item.sku)
        if (!product) throw createError({ statusCode: 400, message: `Unknown product ${item.sku}.` })
        return { sku: product.sku, name: product.name, quantity: item.quantity, unitPrice: product.price }
      })
      const cents = lines.reduce((sum, line) => sum + Math.round(Number(line.unitPrice) * 100) * line.quantity, 0)
      const total = toAntomAmount((cents / 100).toFixed(2), 'USD')
      const order: ShopOrder = { id: `ord_${randomUUID()}`, lines, total, status: 'awaiting-payment', paymentRequestIds: [], createdAt: new Date().toISOString() }
      await saveOrder(order)
      return {
        referenceOrderId: order.id,
        orderDescription: lines.map(line => `${line.quantity} x ${line.name}`).join(', '),
        amount: total,
        goods: lines.map(line => ({ referenceGoodsId: line.sku, goodsName: line.name, goodsQuantity: String(line.quantity), goodsUnitAmount: toAntomAmount(line.unitPrice, 'USD') })),
        metadata: { orderId: order.id },
      }
    },
    paymentMethods: ['ALIPAY_CN', 'GCASH', 'KAKAOPAY'],
    // The checkout page lets the buyer pick: Antom's cashier, Payment Element, or the Checkout Page.
    products: ['cashier', 'element', 'checkout-page'],
    // Runs once per payment, after Antom's signed notification (or an inquiry) says it is paid.
    async onPaymentSucceeded({ payment }) {
      const order = await getOrder(payment.referenceOrderId)
      if (!order) return
      order.status = 'paid'
      order.paidAt = payment.paidAt
      order.paymentRequestIds = [...new Set([...order.paymentRequestIds, payment.paymentRequestId])]
      await saveOrder(order)
    },
    async onPaymentFailed({ payment }) {
      const order = await getOrder(payment.referenceOrderId)
      if (order && order.status !== 'paid') {
        order.status = 'payment-failed'
        await saveOrder(order)
      }
    },
  })

  // The same events as a Nitro hook, e.g. for logging or analytics.
  nitroApp.hooks.hook('antom:payment', ({ payment, previousStatus, source }) => {
    console.info(`[shop] payment ${payment.paymentRequestId}: ${previousStatus} -> ${payment.status} (${source})`)
  })
})
