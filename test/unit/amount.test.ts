import { describe, expect, it } from 'vitest'
import { amountProblem, currencyExponent, NOT_POSITIVE, fromAntomAmount, sameAmount, toAntomAmount } from '../../src/runtime/server/lib/amount'

describe('amounts', () => {
  it('uses Antom\'s minor units per currency', () => {
    expect(toAntomAmount('10.99', 'USD')).toEqual({ currency: 'USD', value: '1099' })
    expect(toAntomAmount(500, 'JPY')).toEqual({ currency: 'JPY', value: '500' })
    expect(toAntomAmount('1000', 'KRW')).toEqual({ currency: 'KRW', value: '1000' })
    expect(toAntomAmount('15000', 'IDR')).toEqual({ currency: 'IDR', value: '1500000' })
    expect(toAntomAmount('1.5', 'twd')).toEqual({ currency: 'TWD', value: '150' })
    expect(toAntomAmount('1.234', 'KWD')).toEqual({ currency: 'KWD', value: '1234' })
    expect(toAntomAmount('0.01', 'EUR')).toEqual({ currency: 'EUR', value: '1' })
    expect(currencyExponent('VND')).toBe(0)
    expect(currencyExponent('CLP')).toBe(0)
  })

  it('is exact where floating point is not', () => {
    expect(toAntomAmount('0.29', 'USD').value).toBe('29')
    expect(toAntomAmount('1234567890123.45', 'USD').value).toBe('123456789012345')
    expect(toAntomAmount(0.1 + 0.2, 'USD').value).toBe('30')
  })

  it('refuses amounts Antom would refuse', () => {
    expect(() => toAntomAmount('10.999', 'USD')).toThrow(/2 decimal places/)
    expect(() => toAntomAmount('1.5', 'JPY')).toThrow(/0 decimal places/)
    expect(() => toAntomAmount('1e3', 'USD')).toThrow(/not a decimal amount/)
    expect(() => toAntomAmount('--1', 'USD')).toThrow(/not a decimal amount/)
    expect(() => toAntomAmount('99999999999999999', 'JPY')).toThrow(/1 to 16 digits/)
    expect(amountProblem({ currency: 'usd', value: '1' })).toMatch(/3-letter/)
    expect(amountProblem({ currency: 'USD', value: 100 })).toMatch(/string of 1 to 16 digits/)
    expect(amountProblem({ currency: 'IDR', value: '150050' })).toMatch(/end in 00/)
    expect(amountProblem({ currency: 'USD', value: '100' })).toBeUndefined()
  })

  it('converts zero and negative totals, which amountProblem then calls not positive (a 400 at the session route)', () => {
    expect(toAntomAmount('0', 'USD')).toEqual({ currency: 'USD', value: '0' })
    expect(toAntomAmount('-0.00', 'USD')).toEqual({ currency: 'USD', value: '0' })
    expect(toAntomAmount('-5', 'USD')).toEqual({ currency: 'USD', value: '-500' })
    expect(amountProblem({ currency: 'USD', value: '0' })).toBe(NOT_POSITIVE)
    expect(amountProblem({ currency: 'USD', value: '-500' })).toBe(NOT_POSITIVE)
    expect(amountProblem({ currency: 'USD', value: '1' })).toBeUndefined()
  })

  it('formats back for display and compares exactly', () => {
    expect(fromAntomAmount({ currency: 'USD', value: '1099' })).toBe('10.99')
    expect(fromAntomAmount({ currency: 'USD', value: '5' })).toBe('0.05')
    expect(fromAntomAmount({ currency: 'JPY', value: '500' })).toBe('500')
    expect(sameAmount({ currency: 'USD', value: '100' }, { currency: 'USD', value: '0100' })).toBe(true)
    expect(sameAmount({ currency: 'USD', value: '100' }, { currency: 'EUR', value: '100' })).toBe(false)
    expect(sameAmount({ currency: 'USD', value: '100' }, undefined)).toBe(false)
  })
})
