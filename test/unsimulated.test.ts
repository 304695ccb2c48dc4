import { fetch, setup } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { shopDir } from './helpers/shop'

describe('a production build without the simulator and without keys', async () => {
  await setup({
    rootDir: shopDir,
    nuxtConfig: { antom: { simulator: false } },
    // Runtime config cannot switch the simulator on: it is decided when the app is built.
    env: { NUXT_ANTOM_SIMULATOR_ENABLED: 'true', NUXT_ANTOM_SIMULATOR_TIME_SCALE: '100' },
  })

  it('never simulates: the session route answers 500 naming the three env vars to set', async () => {
    const response = await fetch('/api/_antom/session', { method: 'POST', body: JSON.stringify({ items: [{ sku: 'mug', quantity: 1 }] }), headers: { 'content-type': 'application/json' } })
    expect(response.status).toBe(500)
    const { message } = await response.json()
    expect(message).toMatch(/NUXT_ANTOM_CLIENT_ID, NUXT_ANTOM_MERCHANT_PRIVATE_KEY, NUXT_ANTOM_ALIPAY_PUBLIC_KEY/)
    expect(message).not.toMatch(/simulat/i)
  })

  it('answers notifications with 500 too, so Antom keeps them until the keys are set', async () => {
    const response = await fetch('/api/_antom/notify', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'client-id': 'X', 'request-time': '1', 'signature': 'algorithm=RSA256,keyVersion=1,signature=AAAA' } })
    expect(response.status).toBe(500)
  })
})
