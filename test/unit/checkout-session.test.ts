import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSessionStore } from '../../src/runtime/app/checkout/session'
import type { AntomSessionResponse } from '../../src/runtime/types'

const requests: Array<{ url: string, body: Record<string, unknown> }> = []
let expiresInMs = 60 * 60_000

function session(n: number): AntomSessionResponse {
  return {
    paymentRequestId: `pr_${n}`,
    paymentSessionData: `data-${n}`,
    paymentSessionExpiryTime: new Date(Date.now() + expiresInMs).toISOString(),
    amount: { currency: 'USD', value: '100' },
    paymentMethodType: 'ALIPAY_CN',
    product: 'cashier',
    simulated: false,
  }
}

function store(orderDebounceMs = 400, order: Record<string, unknown> = { sku: 'tee' }) {
  return createSessionStore({ prefix: '/api/_antom/', order: () => order, paymentMethodType: () => 'GCASH', orderDebounceMs })
}

const live = () => new AbortController().signal

beforeEach(() => {
  requests.length = 0
  expiresInMs = 60 * 60_000
  vi.stubGlobal('$fetch', vi.fn(async (url: string, options: { body: Record<string, unknown> }) => {
    requests.push({ url, body: options.body })
    return session(requests.length)
  }))
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('session store', () => {
  it('creates a session from the order through the session route, then reuses it while it is unpaid and valid', async () => {
    const sessions = store()
    expect(sessions.usable()).toBe(false)
    const first = await sessions.obtain(live())
    expect(first).toMatchObject({ session: { paymentRequestId: 'pr_1' }, fresh: true })
    expect(requests).toEqual([{ url: '/api/_antom/session', body: { terminalType: 'WEB', sku: 'tee', paymentMethodType: 'GCASH' } }])
    expect(await sessions.obtain(live())).toEqual({ session: first.session, fresh: false })
    expect(requests).toHaveLength(1)
  })

  it('replaces a spent session (a payment was attempted with it)', async () => {
    const sessions = store()
    await sessions.obtain(live())
    sessions.spend()
    expect(sessions.usable()).toBe(false)
    expect((await sessions.obtain(live())).session.paymentRequestId).toBe('pr_2')
    expect(sessions.current?.paymentRequestId).toBe('pr_2')
  })

  it('replaces a session that expires within 30 seconds', async () => {
    expiresInMs = 29_000
    const sessions = store()
    await sessions.obtain(live())
    expect(sessions.usable()).toBe(false)
    expiresInMs = 31_000
    await sessions.obtain(live())
    expect(sessions.usable()).toBe(true)
    expect(requests).toHaveLength(2)
  })

  it('does not keep a session that arrives after its checkout moved on', async () => {
    const sessions = store()
    const moved = new AbortController()
    const request = sessions.obtain(moved.signal)
    expect(sessions.pending).toBeDefined()
    moved.abort()
    await request
    expect(sessions.current).toBeNull()
    expect(sessions.pending).toBeUndefined()
  })

  it('spends the session on an order change and settles once the order stops changing', () => {
    vi.useFakeTimers()
    const sessions = store(400)
    const settled = vi.fn()
    sessions.changed(settled)
    vi.advanceTimersByTime(300)
    sessions.changed(settled)
    vi.advanceTimersByTime(399)
    expect(settled).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(settled).toHaveBeenCalledTimes(1)

    sessions.changed(settled)
    sessions.cancelChange()
    vi.advanceTimersByTime(1_000)
    expect(settled).toHaveBeenCalledTimes(1)
  })

  it('settles at once without a debounce', () => {
    const settled = vi.fn()
    store(0).changed(settled)
    expect(settled).toHaveBeenCalledTimes(1)
  })
})
