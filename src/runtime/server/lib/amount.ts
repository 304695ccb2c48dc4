import type { AntomAmount } from '../../types/antom'
import { currencyExponent } from '../../shared/currency'

export { currencyExponent, fromAntomAmount } from '../../shared/currency'

/** What {@link amountProblem} says for zero and negative amounts: a buyer's mistake (empty cart), not a bug. */
export const NOT_POSITIVE = 'value must be greater than zero'

/** Why an amount is not acceptable to Antom, or undefined when it is. */
export function amountProblem(amount: { currency?: unknown, value?: unknown }): string | undefined {
  if (typeof amount.currency !== 'string' || !/^[A-Z]{3}$/.test(amount.currency)) {
    return 'currency must be a 3-letter upper-case ISO-4217 code'
  }
  if (typeof amount.value === 'string' && /^(?:-\d+|0+)$/.test(amount.value)) return NOT_POSITIVE
  if (typeof amount.value !== 'string' || !/^\d{1,16}$/.test(amount.value)) {
    return 'value must be a string of 1 to 16 digits in minor units'
  }
  if (amount.currency === 'IDR' && !amount.value.endsWith('00')) {
    return 'IDR values must end in 00 (Antom counts IDR in hundredths but only whole rupiah are payable)'
  }
  return undefined
}

/**
 * Converts a decimal major-unit amount (`"10.99"` or `10.99`) to Antom's amount object, exactly
 * (string arithmetic, no floating point). Zero and negative totals convert too (`value: '0'`, `'-500'`):
 * the session route answers them with a 400 ("The order total must be greater than zero"), not a 500.
 * @example toAntomAmount('10.99', 'USD') // { currency: 'USD', value: '1099' }
 * @example toAntomAmount(500, 'JPY') // { currency: 'JPY', value: '500' }
 * @throws Error when the text is not a decimal number, has more decimals than the currency allows, or is too large for Antom.
 */
export function toAntomAmount(major: string | number, currency: string): AntomAmount {
  const code = currency.toUpperCase()
  const exponent = currencyExponent(code)
  const text = typeof major === 'number' ? major.toFixed(exponent) : major.trim()
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match) throw new Error(`[nuxt-antom] "${text}" is not a decimal amount`)
  const fraction = (match[3] ?? '').replace(/0+$/, '')
  if (fraction.length > exponent) {
    throw new Error(`[nuxt-antom] ${code} has ${exponent} decimal places; "${text}" has more`)
  }
  const digits = (match[2]! + fraction.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '')
  const amount = { currency: code, value: match[1] && digits !== '0' ? `-${digits}` : digits }
  const problem = amountProblem(amount)
  if (problem && problem !== NOT_POSITIVE) throw new Error(`[nuxt-antom] Invalid amount ${code} ${text}: ${problem}`)
  return amount
}

/** True when both amounts are the same currency and the same number of minor units. */
export function sameAmount(a: AntomAmount | undefined, b: AntomAmount | undefined): boolean {
  if (!a || !b) return false
  return a.currency === b.currency && BigInt(a.value) === BigInt(b.value)
}
