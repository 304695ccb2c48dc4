import { afterEach, describe, expect, it, vi } from 'vitest'
import { DRIVERS, driverFor } from '../../src/runtime/app/checkout/driver'
import { fromSubmitResult } from '../../src/runtime/app/checkout/element-events'
import { createSessionStore } from '../../src/runtime/app/checkout/session'
import { EN_TEXTS } from '../../src/runtime/app/i18n'
import type { AntomProduct, AntomSessionResponse } from '../../src/runtime/types'

const session = (product: AntomProduct, simulated: boolean) => ({ product, simulated }) as AntomSessionResponse

afterEach(() => vi.unstubAllGlobals())

describe('drivers', () => {
  it.each([
    ['cashier', false, 'cashier'],
    ['element', false, 'element'],
    ['checkout-page', false, 'checkout-page'],
    ['cashier', true, 'simulated'],
    ['element', true, 'simulated-element'],
    ['checkout-page', true, 'simulated-checkout-page'],
  ] as const)('shows a %s session (simulated: %s) with the %s driver, a file of its own', (product, simulated, name) => {
    expect(driverFor(session(product, simulated))).toBe(name)
    expect(DRIVERS[name]).toBeTypeOf('function')
  })

  it('picks the product\'s driver before any session (preload), the cashier by default', () => {
    expect(driverFor(null)).toBe('cashier')
    expect(driverFor(null, 'element')).toBe('element')
    // The session's word wins over the request's.
    expect(driverFor(session('cashier', false), 'element')).toBe('cashier')
  })
})

describe('Payment Element answers', () => {
  it.each([
    [{ status: 'SUCCESS' }, { type: 'attempt', sdk: { code: 'SDK_PAYMENT_SUCCESSFUL' } }],
    [{ status: 'PROCESSING' }, { type: 'attempt', sdk: { code: 'SDK_PAYMENT_PROCESSING' } }],
    [{ status: 'PENDING' }, { type: 'attempt', sdk: { code: 'SDK_PAYMENT_PROCESSING' } }],
    [
      { status: 'FAIL', error: { code: 'RISK_REJECT', message: 'Rejected.', needChangeSessionForRetry: false } },
      { type: 'declined', sdk: { code: 'SDK_PAYMENT_FAIL', message: 'Rejected.' }, error: { code: 'RISK_REJECT', message: 'Rejected.', retryable: true }, renew: false },
    ],
    [
      { status: 'FAIL', error: { code: 'THREE_D_SECURE_FAILED', message: '', needChangeSessionForRetry: true } },
      { type: 'declined', sdk: { code: 'SDK_PAYMENT_FAIL', message: 'The payment failed.' }, error: { code: 'THREE_D_SECURE_FAILED', message: 'The payment failed.', retryable: true }, renew: true },
    ],
    [
      { status: 'CANCELLED', userCanceled3D: true },
      { type: 'declined', sdk: { code: 'SDK_PAYMENT_CANCEL', message: 'The 3-D Secure check was cancelled.' }, error: { code: 'PAYMENT_DECLINED', message: 'The 3-D Secure check was cancelled.', retryable: true }, renew: false },
    ],
  ])('submitPayment() answering %j is %j', (result, event) => {
    expect(fromSubmitResult(result, EN_TEXTS)).toEqual(event)
  })
})

describe('session store and products', () => {
  it.each([
    [undefined, { terminalType: 'WEB', sku: 'tee', paymentMethodType: 'GCASH' }],
    ['cashier', { terminalType: 'WEB', sku: 'tee', paymentMethodType: 'GCASH' }],
    ['element', { terminalType: 'WEB', sku: 'tee', product: 'element' }],
    ['checkout-page', { terminalType: 'WEB', sku: 'tee', product: 'checkout-page' }],
  ] as const)('asks for product %s with %j (a method only for the cashier)', async (product, body) => {
    const fetch = vi.fn(async () => ({}))
    vi.stubGlobal('$fetch', fetch)
    const sessions = createSessionStore({ prefix: '/api/_antom', order: () => ({ sku: 'tee' }), product: () => product, paymentMethodType: () => 'GCASH', orderDebounceMs: 0 })
    await sessions.obtain(new AbortController().signal)
    expect(fetch).toHaveBeenCalledWith('/api/_antom/session', { method: 'POST', body })
  })
})
