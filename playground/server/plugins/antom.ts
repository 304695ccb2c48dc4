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
      const createdAt = new Date().toISOString()
      const order: ShopOrder = { id: `ord_${randomUUID()}`, lines, total, status: 'awaiting-payment', paymentRequestIds: [], createdAt, disputes: {}, events: [{ at: createdAt, what: 'Order placed' }] }
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
    // Runs once per payment, after Antom's signed notification (or an inquiry) says it succeeded. A card payment
    // (`payment.capture` set) is only authorised then: its money is taken by the capture, reported below.
    async onPaymentSucceeded({ payment }) {
      const authorised = !!payment.capture
      await updateOrder(payment.referenceOrderId, authorised ? 'Card authorised' : `Paid with ${payment.paymentMethodType}`, (order) => {
        order.paymentRequestIds = [...new Set([...order.paymentRequestIds, payment.paymentRequestId])]
        if (authorised) {
          order.status = 'authorised'
          order.authorisedAt = payment.authorizedAt
        }
        else {
          order.status = 'paid'
          order.paidAt = payment.paidAt
        }
      })
    },
    async onPaymentFailed({ payment }) {
      const order = await getOrder(payment.referenceOrderId)
      // Not after the money was taken: a late failure of an earlier attempt changes nothing. An authorisation the
      // shop voided (cancelAntomPayment before the capture) ends here too.
      if (order && (order.status === 'awaiting-payment' || order.status === 'authorised')) {
        await updateOrder(order.id, `Payment ${payment.status === 'CANCELLED' ? 'cancelled' : 'failed'}`, (order) => {
          order.status = 'payment-failed'
        })
      }
    },
    // The money of an authorised card payment is taken (Antom captures automatically by default): ship now.
    async onPaymentCaptured({ payment }) {
      await updateOrder(payment.referenceOrderId, 'Payment captured', (order) => {
        order.status = 'paid'
        order.paidAt = payment.paidAt
      })
    },
    async onCaptureFailed({ payment }) {
      await updateOrder(payment.referenceOrderId, `Capture failed (${payment.capture?.resultCode ?? 'FAIL'})`, (order) => {
        order.status = 'capture-failed'
      })
    },
    // A chargeback was opened or moved on (once per state). Disputes of payments this app did not create have no payment.
    async onDispute({ dispute, payment }) {
      if (!payment) return
      await updateOrder(payment.referenceOrderId, `Chargeback ${DISPUTE_LABELS[dispute.status] ?? dispute.status}`, (order) => {
        order.disputes[dispute.disputeId] = {
          disputeId: dispute.disputeId,
          status: dispute.status,
          ...(dispute.amount ? { amount: dispute.amount } : {}),
          ...(dispute.reasonMessage ? { reason: dispute.reasonMessage } : {}),
          ...(dispute.defenseDueTime ? { defenseDueTime: dispute.defenseDueTime } : {}),
          ...(dispute.judgedResult ? { judgedResult: dispute.judgedResult } : {}),
        }
      })
    },
  })

  // The same events as a Nitro hook, e.g. for logging or analytics.
  nitroApp.hooks.hook('antom:payment', ({ payment, previousStatus, source }) => {
    console.info(`[shop] payment ${payment.paymentRequestId}: ${previousStatus} -> ${payment.status} (${source})`)
  })
})
