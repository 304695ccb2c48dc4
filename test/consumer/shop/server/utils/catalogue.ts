/** The shop's catalogue: the only place prices come from. */
export const CATALOGUE = [
  { sku: 'mug', name: 'Mug', price: '12.00' },
  { sku: 'tee', name: 'T-shirt', price: '25.50' },
] as const

export function findProduct(sku: string) {
  return CATALOGUE.find(product => product.sku === sku)
}
