import type { AntomAmount } from '../../types/antom'
import { fromAntomAmount } from '../../shared/currency'

/**
 * Formats Antom's minor-unit amount for display, with string arithmetic so no float rounding creeps in.
 * @example formatAntomAmount({ currency: 'USD', value: '1099' }) // 'USD 10.99'
 * @example formatAntomAmount({ currency: 'JPY', value: '500' }) // 'JPY 500'
 */
export function formatAntomAmount(amount: AntomAmount): string {
  return `${amount.currency} ${fromAntomAmount(amount)}`
}
