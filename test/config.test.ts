import { $fetch, fetch, setup } from '@nuxt/test-utils/e2e'
import { afterAll, describe, expect, it } from 'vitest'
import { generateTestKeyPair } from './helpers/keys'
import { startScriptedGateway } from './helpers/gateway'
import { prebuiltSetup } from './helpers/builds'

const merchant = generateTestKeyPair()
const antom = generateTestKeyPair()
const clientId = 'SANDBOX_FROM_ENV_7Q2'
const gateway = await startScriptedGateway({ merchantPublicKey: merchant.publicKey, antomPrivateKey: antom.privateKey, otherPrivateKey: generateTestKeyPair().privateKey })

describe('configuration', async () => {
  await setup(await prebuiltSetup('basic', {
    env: {
      NUXT_ANTOM_CLIENT_ID: clientId,
      NUXT_ANTOM_MERCHANT_PRIVATE_KEY: merchant.privatePemPkcs1,
      NUXT_ANTOM_ALIPAY_PUBLIC_KEY: antom.publicBase64,
      NUXT_ANTOM_GATEWAY_URL: gateway.url,
      NUXT_ANTOM_REDIRECT_URL: '/thanks',
    },
  }))
  afterAll(() => gateway.close())

  it('takes client id, keys and gateway from NUXT_ANTOM_* env vars at runtime', async () => {
    gateway.answer({ body: { result: { resultStatus: 'S', resultCode: 'SUCCESS' }, paymentStatus: 'PROCESSING' } })
    const answer = await $fetch<{ paymentStatus: string }>('/api/inquire', { method: 'POST', body: { paymentRequestId: 'pr-env' } })
    expect(answer.paymentStatus).toBe('PROCESSING')
    const request = gateway.received.at(-1)!
    expect(request.headers['client-id']).toBe(clientId)
    expect(request.path).toBe('/ams/sandbox/api/v1/payments/inquiryPayment')
    expect(request.signatureValid).toBe(true)
  })

  it('turns an Antom F into 422 with Antom\'s result and nothing secret', async () => {
    gateway.answer({ body: { result: { resultStatus: 'F', resultCode: 'ORDER_NOT_EXIST', resultMessage: 'order does not exist' } }, sign: 'none' })
    const response = await fetch('/api/inquire', { method: 'POST', body: JSON.stringify({ paymentRequestId: 'pr-missing' }), headers: { 'content-type': 'application/json' } })
    expect(response.status).toBe(422)
    const text = await response.text()
    expect(JSON.parse(text).data).toMatchObject({ resultStatus: 'F', resultCode: 'ORDER_NOT_EXIST' })
    expect(text).not.toContain(merchant.privateBase64.slice(50, 90))
    expect(text).not.toContain('signature=')
  })

  it('keeps secrets and the client id out of the SSR HTML and payload', async () => {
    const html = await $fetch<string>('/')
    expect(html).toContain('/api/_antom')
    expect(html).toContain('sandbox')
    for (const secret of [clientId, merchant.privateBase64.slice(100, 140), merchant.privatePemPkcs1.split('\n')[3], antom.publicBase64.slice(60, 100)]) {
      expect(html).not.toContain(secret)
    }
    // The payload is inlined in the HTML (no prerendering, so no _payload.json): find it and check it on its own.
    const payload = /<script type="application\/json"[^>]*id="__NUXT_DATA__"[^>]*>([^<]*)<\/script>/.exec(html)?.[1]
    expect(payload).toMatch(/^\[\[/)
    expect(payload).not.toContain(clientId)
  })
})
