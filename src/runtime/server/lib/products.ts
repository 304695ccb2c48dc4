import type { AntomProduct } from '../../types/routes'
import { httpError } from './http'

/** Every integration the module supports, and the `productScene` Antom's createPaymentSession needs for each. */
export const PRODUCT_SCENES: Record<AntomProduct, 'ELEMENT_PAYMENT' | 'CHECKOUT_PAYMENT' | undefined> = {
  'cashier': undefined,
  'element': 'ELEMENT_PAYMENT',
  'checkout-page': 'CHECKOUT_PAYMENT',
}

/** The products, in the order error messages list them. */
export const ANTOM_PRODUCTS = Object.keys(PRODUCT_SCENES) as AntomProduct[]

/**
 * Checks a requested product against the module's and the shop's lists.
 * @param requested what the request asked for (default `cashier`)
 * @param allowed the shop's `defineAntomCheckout({ products })`
 * @throws H3Error 400 naming the choices
 */
export function checkProduct(requested: unknown, allowed: AntomProduct[] = ['cashier']): AntomProduct {
  const product = requested ?? 'cashier'
  if (!ANTOM_PRODUCTS.includes(product as AntomProduct)) {
    throw httpError(400, `Invalid order: product must be one of ${ANTOM_PRODUCTS.join(', ')}.`)
  }
  if (!allowed.includes(product as AntomProduct)) {
    throw httpError(400, `Invalid order: this shop takes product ${allowed.join(', ')}, not ${String(product)}.`)
  }
  return product as AntomProduct
}
