/**
 * Where the shop's order stands. A card payment is `authorised` first and `paid` once its money is captured (the
 * signal to ship); other methods go straight to `paid`.
 */
export type ShopOrderStatus = 'awaiting-payment' | 'authorised' | 'paid' | 'payment-failed' | 'capture-failed'

/** A chargeback on the order's payment, as the shop follows it. */
export interface ShopDispute {
  disputeId: string
  /** Antom's `disputeNotificationType` the dispute is at, e.g. `DISPUTE_CREATED`. */
  status: string
  amount?: { currency: string, value: string }
  reason?: string
  /** Until when the shop may defend it (ISO 8601). */
  defenseDueTime?: string
  /** Once judged: who won (`ACCEPT_BY_CUSTOMER`: the shop keeps the money). */
  judgedResult?: string
}

/** One line of the order's history: what happened and when, as the order page shows it. */
export interface ShopOrderEvent {
  at: string
  what: string
}

/** The shop's own order, kept next to (not inside) the payment records of nuxt-antom. */
export interface ShopOrder {
  id: string
  lines: Array<{ sku: string, name: string, quantity: number, unitPrice: string }>
  total: { currency: string, value: string }
  status: ShopOrderStatus
  paymentRequestIds: string[]
  createdAt: string
  /** When the card payment was authorised (methods with a separate capture only). */
  authorisedAt?: string
  /** When the money was taken. */
  paidAt?: string
  /** Chargebacks on the order's payment, by dispute id. */
  disputes: Record<string, ShopDispute>
  /** Oldest first; each entry is written by a handler that runs once per change, so none is repeated. */
  events: ShopOrderEvent[]
}

const orders = () => useStorage('data:shop-orders')

export function getOrder(id: string) {
  return orders().getItem<ShopOrder>(id)
}

export async function saveOrder(order: ShopOrder) {
  await orders().setItem(order.id, order)
}

/**
 * Changes an order and records what happened, if the order exists.
 * @param id the order id (the payment's `referenceOrderId`)
 * @param what the history line
 * @param change what to set on the order
 */
export async function updateOrder(id: string, what: string, change: (order: ShopOrder) => void): Promise<void> {
  const order = await getOrder(id)
  if (!order) return
  change(order)
  order.events.push({ at: new Date().toISOString(), what })
  await saveOrder(order)
}
