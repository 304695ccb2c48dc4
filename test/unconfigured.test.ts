import { fileURLToPath } from 'node:url'
import { fetch, setup } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { generateTestKeyPair } from './helpers/keys'

describe('missing or broken configuration', async () => {
  const merchant = generateTestKeyPair()
  await setup({
    rootDir: fileURLToPath(new URL('./fixtures/basic', import.meta.url)),
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
})
