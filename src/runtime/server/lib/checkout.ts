import type { AntomCheckoutOptions } from '../../types/payments'

const registry: { options?: AntomCheckoutOptions<never> } = {}

/** Stores the app's checkout options (what `defineAntomCheckout` registers). */
export function setCheckoutOptions(options: AntomCheckoutOptions<never>): void {
  registry.options = options
}

/** The registered checkout options (order resolver and handlers), if any. */
export function checkoutOptions(): AntomCheckoutOptions<unknown> | undefined {
  return registry.options as AntomCheckoutOptions<unknown> | undefined
}
