import { describe, expect, it } from 'vitest'
import { checkProduct, PRODUCT_SCENES } from '../../src/runtime/server/lib/products'

describe('products', () => {
  it('maps each product to the productScene Antom needs', () => {
    expect(PRODUCT_SCENES).toEqual({ 'cashier': undefined, 'element': 'ELEMENT_PAYMENT', 'checkout-page': 'CHECKOUT_PAYMENT' })
  })

  it('takes the cashier by default, and only what the shop allows', () => {
    expect(checkProduct(undefined)).toBe('cashier')
    expect(checkProduct('element', ['cashier', 'element'])).toBe('element')
    expect(() => checkProduct('element')).toThrow(/this shop takes product cashier, not element/)
    expect(() => checkProduct('checkout-page', ['element'])).toThrow(/this shop takes product element, not checkout-page/)
    expect(() => checkProduct('stripe', ['cashier', 'element', 'checkout-page'])).toThrow(/product must be one of cashier, element, checkout-page/)
    expect(() => checkProduct(3)).toThrow(/product must be one of/)
  })
})
