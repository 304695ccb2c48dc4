import type { AntomAmount } from '../types/antom'

/** Zero-decimal currencies: Antom's table names CLP, JPY, KRW and VND; the rest follow ISO-4217. */
const ZERO_DECIMALS = new Set(['CLP', 'JPY', 'KRW', 'VND', 'BIF', 'DJF', 'GNF', 'ISK', 'KMF', 'PYG', 'RWF', 'UGX', 'VUV', 'XAF', 'XOF', 'XPF'])
/** ISO-4217 three-decimal currencies; Antom's table does not list them, ISO-4217 decides. */
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'])

/**
 * How many decimal places a currency's minor unit has, per Antom's amount table
 * (note IDR and TWD are ×100 at Antom although ISO-4217 says otherwise for daily use).
 * Shared by the server (amount checks) and the browser (display).
 * @see https://docs.antom.com/ac/ref/cc
 */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase()
  if (ZERO_DECIMALS.has(code)) return 0
  if (THREE_DECIMALS.has(code)) return 3
  return 2
}

/**
 * Formats an Antom amount back into a decimal major-unit string, with string arithmetic only.
 * @example fromAntomAmount({ currency: 'USD', value: '1099' }) // '10.99'
 */
export function fromAntomAmount(amount: AntomAmount): string {
  const exponent = currencyExponent(amount.currency)
  const digits = amount.value.replace(/^0+(?=\d)/, '')
  if (exponent === 0) return digits
  const padded = digits.padStart(exponent + 1, '0')
  return `${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`
}
