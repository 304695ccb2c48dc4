import { $fetch, fetch, setup } from '@nuxt/test-utils/e2e'
import { beforeAll, describe, expect, it } from 'vitest'
import { formatSignatureHeader, signMessage } from '../src/runtime/server/lib/signature'
import type { AntomSessionResponse } from '../src/runtime/types/routes'
import { generateTestKeyPair } from './helpers/keys'
import { ACK, paymentResult, signedNotification } from './helpers/notifications'
import { report } from './helpers/report'
import { shopCredentials } from './helpers/shop'
import { operator } from './helpers/site'
import { prebuiltSetup } from './helpers/builds'

const PREFIX = '/api/_antom'
const credentials = shopCredentials('SANDBOX_SHOP_FORGERY')
const stranger = generateTestKeyPair()
type Handled = Array<{ paymentRequestId: string }>
type Init = { method: string, body: string, headers: Record<string, string> | Array<[string, string]> }

describe('forged and tampered notifications', async () => {
  await setup(await prebuiltSetup('shop', { env: credentials.env }))
  beforeAll(() => $fetch(`${PREFIX}/simulator/faults`, { headers: operator, method: 'POST', body: { faults: [{ type: 'lost-notification', times: 0 }] } }))

  const sign = (body: string | object, options: { key?: typeof stranger.privateKey, clientId?: string, path?: string, requestTime?: string } = {}) =>
    signedNotification(body, { key: options.key ?? credentials.antom.privateKey, clientId: options.clientId ?? credentials.clientId, path: options.path ?? `${PREFIX}/notify`, requestTime: options.requestTime })
  const newSession = () => $fetch<AntomSessionResponse>(`${PREFIX}/session`, { method: 'POST', body: { items: [{ sku: 'tee', quantity: 2 }] } })

  it('accepts none of 28 variants, and none reaches the handler', async () => {
    const target = await newSession()
    const other = await newSession()
    const body = paymentResult(target.paymentRequestId, target.amount)
    const signatureOf = (init: { headers: Record<string, string> }) => init.headers.signature!.split('signature=')[1]!
    // The form-decoding variant differs from the valid message only if the base64 holds a '+' (about 1 signature
    // in 200 holds none), so the valid message takes the first request-time, a second apart, whose signature has one.
    const signedAt = (secondsAgo: number) => sign(body, { requestTime: new Date(Date.now() - secondsAgo * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') })
    let valid = signedAt(0)
    for (let secondsAgo = 1; !decodeURIComponent(signatureOf(valid)).includes('+'); secondsAgo++) valid = signedAt(secondsAgo)
    const rawBase64 = decodeURIComponent(signatureOf(valid))
    expect(rawBase64).toContain('+')
    const withHeaders = (headers: Record<string, string>) => ({ ...valid, headers: { ...valid.headers, ...headers } })
    const without = (name: string) => ({ ...valid, headers: Object.fromEntries(Object.entries(valid.headers).filter(([key]) => key !== name)) })
    const tamper = (from: string, to: string) => {
      const changed = valid.body.replace(from, to)
      expect(changed, `${from} -> ${to}`).not.toBe(valid.body)
      return { ...valid, body: changed }
    }
    const contentSignature = async (content: { path: string, time: string, body: string, method?: string }) =>
      formatSignatureHeader(await signMessage({ ...content, clientId: credentials.clientId }, credentials.antom.privateKey))

    const variants: Record<string, Init> = {
      'random signature': withHeaders({ signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(Buffer.alloc(256, 7).toString('base64'))}` }),
      'signed by a stranger': sign(body, { key: stranger.privateKey }),
      'signed by the merchant key': sign(body, { key: credentials.merchant.privateKey }),
      'amount changed': tamper(`"value":"${target.amount.value}"`, '"value":"1"'),
      'currency changed': tamper('"currency":"USD"', '"currency":"JPY"'),
      'paymentRequestId switched to another payment': tamper(target.paymentRequestId, other.paymentRequestId),
      'result F turned S': { ...sign(paymentResult(target.paymentRequestId, target.amount, 'F')), body: JSON.stringify(body) },
      'notifyType changed': tamper('"PAYMENT_RESULT"', '"PAYMENT_PENDING"'),
      'body re-serialised with spaces': { ...valid, body: JSON.stringify(body, null, 1) },
      'signed for another client id': sign(body, { clientId: 'SANDBOX_SOMEONE_ELSE' }),
      'client-id header changed': withHeaders({ 'client-id': 'SANDBOX_SOMEONE_ELSE' }),
      'request-time header changed': withHeaders({ 'request-time': '2026-01-01T00:00:00Z' }),
      'request-time as epoch ms': withHeaders({ 'request-time': String(Date.now()) }),
      'signed over the path with query': sign(body, { path: `${PREFIX}/notify?x=1` }),
      'signed over another path': sign(body, { path: '/api/back' }),
      'signed as GET': withHeaders({ signature: await contentSignature({ method: 'GET', path: `${PREFIX}/notify`, time: valid.headers['request-time']!, body: valid.body }) }),
      'no signature header': without('signature'),
      'no client-id header': without('client-id'),
      'no request-time header': without('request-time'),
      'signature header doubled': { ...valid, headers: [...Object.entries(valid.headers), ['signature', sign(body, { key: stranger.privateKey }).headers.signature!]] },
      'client-id header doubled': { ...valid, headers: [...Object.entries(valid.headers), ['client-id', credentials.clientId]] },
      'form-decoded signature (+ became space)': withHeaders({ signature: `algorithm=RSA256,keyVersion=1,signature=${rawBase64.replace(/\+/g, ' ')}` }),
      'signature URL-encoded twice': withHeaders({ signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signatureOf(valid))}` }),
      'signature truncated': withHeaders({ signature: `algorithm=RSA256,keyVersion=1,signature=${signatureOf(valid).slice(0, -12)}` }),
      'another algorithm named': withHeaders({ signature: valid.headers.signature!.replace('RSA256', 'RSA512') }),
      'signature of another notification replayed': withHeaders({ signature: sign(paymentResult(other.paymentRequestId, other.amount)).headers.signature! }),
      'foreign payment signed by a stranger': sign(paymentResult('pr_attacker_000000000000', { currency: 'USD', value: '1' }), { key: stranger.privateKey }),
      'empty body with valid headers': { ...valid, body: '' },
    }
    expect(Object.keys(variants).length).toBeGreaterThanOrEqual(20)
    const accepted: string[] = []
    for (const [name, init] of Object.entries(variants)) {
      const response = await fetch(`${PREFIX}/notify`, init as RequestInit)
      const text = await response.text()
      if (response.status === 200 || text.includes('"resultStatus":"S"')) accepted.push(name)
      expect(response.status, name).toBeGreaterThanOrEqual(400)
      expect(response.status, name).toBeLessThan(500)
    }
    const handled = (await $fetch<Handled>('/api/test/handled')).filter(item => [target.paymentRequestId, other.paymentRequestId].includes(item.paymentRequestId))
    expect(accepted).toEqual([])
    expect(handled).toEqual([])
    expect((await $fetch<{ status: string }>(`${PREFIX}/payments/${target.paymentRequestId}`)).status).toBe('PROCESSING')
    // The genuine notification still goes through afterwards.
    expect(await (await fetch(`${PREFIX}/notify`, valid)).text()).toBe(ACK)
    report(`[reliability] forged and tampered notifications: ${Object.keys(variants).length} variants, ${accepted.length} accepted, ${handled.length} handler runs (the genuine one afterwards: accepted once)`)
  })
})
