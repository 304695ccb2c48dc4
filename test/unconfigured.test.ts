import { fileURLToPath } from 'node:url'
import { fetch, setup } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { generateTestKeyPair } from './helpers/keys'

describe('a production build without the simulator, half configured', async () => {
  const merchant = generateTestKeyPair()
  await setup({
    rootDir: fileURLToPath(new URL('./fixtures/basic', import.meta.url)),
    // A production build that did not opt in to the simulator.
    nuxtConfig: { antom: { simulator: false } },
    env: {
      NUXT_ANTOM_CLIENT_ID: 'SANDBOX_X',
      NUXT_ANTOM_MERCHANT_PRIVATE_KEY: merchant.privateBase64.slice(0, 300),
      NUXT_ANTOM_ALIPAY_PUBLIC_KEY: '',
    },
  })

  it('answers 500 naming the env vars to set, never a key', async () => {
    const response = await fetch('/api/inquire', { method: 'POST', body: '{"paymentRequestId":"x"}', headers: { 'content-type': 'application/json' } })
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(text).toContain('NUXT_ANTOM_ALIPAY_PUBLIC_KEY')
    expect(text).not.toContain(merchant.privateBase64.slice(100, 140))
  })

  it('has none of the simulator\'s routes', async () => {
    for (const [method, path] of [['POST', '/api/_antom/simulator/ams/api/v1/payments/inquiryPayment'], ['POST', '/api/_antom/simulator/faults'], ['GET', '/api/_antom/simulator/deliveries'], ['POST', '/api/_antom/simulator/payments/x/complete']]) {
      const response = await fetch(path!, { method, body: method === 'POST' ? '{}' : undefined, headers: { 'content-type': 'application/json' } })
      // No route: the request falls through to Nuxt's page renderer (HTML), never a simulator answer.
      expect(response.headers.get('content-type'), path).toMatch(/text\/html/)
      expect(await response.text(), path).not.toMatch(/resultStatus|SIGNATURE_INVALID|"faults"/)
    }
  })

  it('answers 500 saying how to add an order resolver when the app registered none', async () => {
    const response = await fetch('/api/_antom/session', { method: 'POST', body: '{"items":[]}', headers: { 'content-type': 'application/json' } })
    expect(response.status).toBe(500)
    expect((await response.json()).message).toMatch(/defineAntomCheckout\(\{ resolveOrder \}\) in a Nitro plugin/)
  })
})
