import type { AntomAmount } from '../../types/antom'

/** Antom's zero-decimal currencies. */
const ZERO_DECIMALS = new Set(['CLP', 'JPY', 'KRW', 'VND'])
/** ISO-4217 three-decimal currencies (Antom's table lists none; ISO-4217 decides). */
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'])

/** Decimal places of a currency's minor unit as Antom counts them. */
export function currencyDecimals(currency: string): number {
  const code = currency.toUpperCase()
  if (ZERO_DECIMALS.has(code)) return 0
  if (THREE_DECIMALS.has(code)) return 3
  return 2
}

/**
 * Formats Antom's minor-unit amount for display, with string arithmetic so no float rounding creeps in.
 * @example formatAntomAmount({ currency: 'USD', value: '1099' }) // 'USD 10.99'
 * @example formatAntomAmount({ currency: 'JPY', value: '500' }) // 'JPY 500'
 */
export function formatAntomAmount(amount: AntomAmount): string {
  const decimals = currencyDecimals(amount.currency)
  const digits = amount.value.replace(/^0+(?=\d)/, '')
  if (decimals === 0) return `${amount.currency} ${digits}`
  const padded = digits.padStart(decimals + 1, '0')
  return `${amount.currency} ${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`
}
