import { readFileSync } from 'node:fs'
import { fetch, setup } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { generateTestKeyPair } from './helpers/keys'
import { ACK } from './helpers/notifications'
import { prebuiltSetup } from './helpers/builds'

const vector = JSON.parse(readFileSync(new URL('./vectors/antom-notify-2019.json', import.meta.url), 'utf8'))

describe('the real 2019 Alipay notification at the notify route', async () => {
  await setup(await prebuiltSetup('shop', {
    env: {
      NUXT_ANTOM_CLIENT_ID: vector.clientId,
      NUXT_ANTOM_MERCHANT_PRIVATE_KEY: generateTestKeyPair().privateBase64,
      NUXT_ANTOM_ALIPAY_PUBLIC_KEY: vector.antomPublicKey,
      NUXT_ANTOM_NOTIFY_URL: 'https://local.allpay-test.com/api/back?allPayTn=x',
    },
  }))
  const post = (body: string) => fetch('/api/_antom/notify', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'client-id': vector.clientId, 'request-time': vector.requestTime, 'signature': vector.signatureHeader },
  })

  it('passes signature verification (and is acknowledged: the payment is not this app\'s)', async () => {
    const response = await post(vector.body)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(ACK)
  })

  it('is refused with 401 when one byte changes', async () => {
    const response = await post(vector.body.replace('"currency":"PHP"', '"currency":"PHQ"'))
    expect(response.status).toBe(401)
  })
})
