/** The shop's own order, kept next to (not inside) the payment records of nuxt-antom. */
export interface ShopOrder {
  id: string
  lines: Array<{ sku: string, name: string, quantity: number, unitPrice: string }>
  total: { currency: string, value: string }
  status: 'awaiting-payment' | 'paid' | 'payment-failed'
  paymentRequestIds: string[]
  createdAt: string
  paidAt?: string
}

const orders = () => useStorage('data:shop-orders')

export function getOrder(id: string) {
  return orders().getItem<ShopOrder>(id)
}

export async function saveOrder(order: ShopOrder) {
  await orders().setItem(order.id, order)
}
