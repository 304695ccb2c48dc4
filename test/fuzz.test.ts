import fc from 'fast-check'
import { fetch, setup } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { report } from './helpers/report'
import { operator } from './helpers/site'
import { prebuiltSetup } from './helpers/builds'

const PREFIX = '/api/_antom'
const RUNS = 80

/** Printable ASCII only: anything else cannot be sent in a header or a URL by fetch at all. */
const ascii = fc.string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index))), maxLength: 80 })
const json = fc.jsonValue({ maxDepth: 4 }).map(value => JSON.stringify(value))
const bodies = fc.oneof(json, ascii, fc.constant(''), fc.record({ items: fc.array(fc.record({ sku: fc.constantFrom('mug', 'tee', 'x', '__proto__'), quantity: fc.oneof(fc.integer(), fc.double(), ascii) }), { maxLength: 3 }) }, { requiredKeys: [] }).map(value => JSON.stringify(value)))

function explanation(text: string): string {
  try {
    const body = JSON.parse(text)
    return body.message ?? body.result?.resultMessage ?? ''
  }
  catch {
    return ''
  }
}

interface Tally { requests: number, serverErrors: string[], unexplained: string[] }

describe('fuzzed input on every route', async () => {
  // Simulated mode: no keys, so every route, the simulator's included, is live.
  await setup(await prebuiltSetup('shop'))
  const tally: Tally = { requests: 0, serverErrors: [], unexplained: [] }

  async function check(label: string, path: string, init: RequestInit) {
    const response = await fetch(path, init)
    const text = await response.text()
    tally.requests++
    if (response.status >= 500) tally.serverErrors.push(`${label} ${response.status} ${text.slice(0, 200)}`)
    if (response.status >= 400 && response.status < 500) {
      // Module routes explain in `message`; the simulated gateway, like Antom, in `result.resultMessage`.
      const message = explanation(text)
      if (!message || message === 'Bad Request') tally.unexplained.push(`${label} ${response.status} ${text.slice(0, 200)}`)
    }
  }
  const post = (body: string, headers: Record<string, string> = {}) => ({ method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })

  it('session route', async () => {
    await fc.assert(fc.asyncProperty(bodies, body => check('session', `${PREFIX}/session`, post(body))), { numRuns: RUNS })
  })

  it('notify route, with arbitrary headers', async () => {
    const headers = fc.record({ 'client-id': ascii, 'request-time': ascii, 'signature': fc.oneof(ascii, ascii.map(value => `algorithm=RSA256,keyVersion=1,signature=${value}`)) }, { requiredKeys: [] })
    await fc.assert(fc.asyncProperty(bodies, headers, (body, extra) => check('notify', `${PREFIX}/notify`, post(body, extra))), { numRuns: RUNS })
  })

  it('status route', async () => {
    await fc.assert(fc.asyncProperty(ascii.filter(id => id.trim().length > 0 && !/^\.+$/.test(id)), id => check('status', `${PREFIX}/payments/${encodeURIComponent(id)}`, { method: 'GET' })), { numRuns: RUNS })
  })

  it('simulator gateway, cashier and fault routes', async () => {
    const apis = fc.constantFrom('createPaymentSession', 'inquiryPayment', 'cancel', 'refund', 'inquiryRefund', 'nope')
    await fc.assert(fc.asyncProperty(apis, bodies, ascii, (api, body, id) => Promise.all([
      check('gateway', `${PREFIX}/simulator/ams/sandbox/api/v1/payments/${api}`, post(body, { 'client-id': 'SANDBOX_X', 'request-time': '1', 'signature': 'algorithm=RSA256,keyVersion=1,signature=AAAA' })),
      check('complete', `${PREFIX}/simulator/payments/${encodeURIComponent(id || 'x')}/complete`, post(body, operator)),
      check('faults', `${PREFIX}/simulator/faults`, post(body, operator)),
    ]).then(() => undefined)), { numRuns: RUNS })
  })

  it('never answered 5xx, and every 4xx said what was wrong', () => {
    report(`[reliability] fuzzing (fast-check): ${tally.requests} requests on 6 routes, ${tally.serverErrors.length} answered 5xx, ${tally.unexplained.length} 4xx without a message`)
    expect(tally.serverErrors).toEqual([])
    expect(tally.unexplained).toEqual([])
    expect(tally.requests).toBe(RUNS * 6)
  })
})
