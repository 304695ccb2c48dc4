/** One cart line: a SKU and how many. The browser never holds a price the server trusts. */
export interface CartLine {
  sku: string
  quantity: number
}

/** The cart, kept in a cookie so the checkout page renders it on the server too, shared by every component. */
export function useCart() {
  const cookie = useCookie<CartLine[]>('cart', { default: () => [], sameSite: 'lax' })
  const lines = useState<CartLine[]>('cart', () => cookie.value)
  watch(lines, (value) => {
    cookie.value = value
  })
  function add(sku: string) {
    const line = lines.value.find(item => item.sku === sku)
    lines.value = line
      ? lines.value.map(item => (item.sku === sku ? { ...item, quantity: Math.min(20, item.quantity + 1) } : item))
      : [...lines.value, { sku, quantity: 1 }]
  }
  function clear() {
    lines.value = []
  }
  const count = computed(() => lines.value.reduce((sum, line) => sum + line.quantity, 0))
  return { lines, add, clear, count }
}
