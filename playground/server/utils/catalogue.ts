/** A product the shop sells. Prices live on the server only. */
export interface Product {
  sku: string
  name: string
  /** Price in major units, as a decimal string. */
  price: string
  currency: 'USD'
}

export const CATALOGUE: Product[] = [
  { sku: 'mug', name: 'Antom mug', price: '12.00', currency: 'USD' },
  { sku: 'tee', name: 'Nuxt T-shirt', price: '25.50', currency: 'USD' },
  { sku: 'stickers', name: 'Sticker pack', price: '3.99', currency: 'USD' },
]

/** Finds a product by SKU. */
export function findProduct(sku: string): Product | undefined {
  return CATALOGUE.find(product => product.sku === sku)
}
