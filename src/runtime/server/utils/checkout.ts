import type { AntomCheckoutOptions } from '../../types/payments'
import { setCheckoutOptions } from '../lib/checkout'

/**
 * Registers the app's side of the checkout: how an order is priced on the server, which payment
 * methods a buyer may choose, and what happens when a payment succeeds, fails, is pending or is
 * refunded. Call it once, from a Nitro plugin. The Nitro hooks `antom:payment` and `antom:refund`
 * fire too, after these handlers.
 * @param options the order schema, `resolveOrder` and the handlers
 * @example
 * // server/plugins/antom.ts
 * export default defineNitroPlugin(() => {
 *   defineAntomCheckout({
 *     orderSchema: z.object({ cartId: z.string() }),
 *     resolveOrder: async ({ body }) => priceCart(body.cartId),
 *     onPaymentSucceeded: ({ payment }) => markOrderPaid(payment.referenceOrderId),
 *   })
 * })
 */
export function defineAntomCheckout<TBody>(options: AntomCheckoutOptions<TBody>): AntomCheckoutOptions<TBody> {
  setCheckoutOptions(options as unknown as AntomCheckoutOptions<never>)
  return options
}
