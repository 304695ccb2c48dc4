/** The buyer's cart: SKUs and quantities only. Prices live on the server. */
export interface CartLine {
  sku: string
  quantity: number
}

export function useCart() {
  const lines = useState<CartLine[]>('cart', () => [])
  function add(sku: string) {
    const line = lines.value.find(item => item.sku === sku)
    if (line) line.quantity++
    else lines.value.push({ sku, quantity: 1 })
  }
  return { lines, add, clear: () => (lines.value = []) }
}
