import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { playgroundDir } from './helpers/browser'
import { report } from './helpers/report'
import { buildFixture, startServer, type RunningServer } from './helpers/server'
import { call, paymentResult, postNotification, shopCredentials } from './helpers/shop'
import type { AntomSessionResponse } from '../src/runtime/types/routes'

const credentials = shopCredentials('SANDBOX_SECRET_CLIENT_9Z')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** Every 40-character slice of a secret (every 50 characters), so a partial leak is found too. */
function fragments(secret: string): string[] {
  const pieces: string[] = []
  for (let offset = 0; offset + 40 <= secret.length; offset += 50) pieces.push(secret.slice(offset, offset + 40))
  return pieces
}

describe('no secret leaves the server', () => {
  let server: RunningServer
  let publicDir: string
  const seen: Array<{ where: string, text: string }> = []

  beforeAll(async () => {
    const entry = await buildFixture(playgroundDir, { antom: { storage: { driver: 'memory' } } })
    publicDir = join(dirname(dirname(entry)), 'public')
    server = await startServer(entry, credentials.env)
  }, 240_000)
  afterAll(() => server?.kill())

  it('a full run: pages, payloads, API answers and error bodies', async () => {
    const record = async (where: string, path: string, init: { method?: string, body?: unknown } = {}) => {
      const { status, body } = await call<unknown>(server.url, path, init)
      seen.push({ where: `${where} (${status})`, text: typeof body === 'string' ? body : JSON.stringify(body) })
      return body
    }
    for (const page of ['/', '/checkout', '/result?paymentRequestId=pr_x', '/_payload.json', '/no-such-page']) await record('page', page)
    const session = await record('session', '/api/_antom/session', { body: { items: [{ sku: 'mug', quantity: 1 }] } }) as AntomSessionResponse
    await record('complete', `/api/_antom/simulator/payments/${session.paymentRequestId}/complete`, { body: { result: 'SUCCESS' } })
    await expect.poll(async () => (await call<{ status: string }>(server.url, `/api/_antom/payments/${session.paymentRequestId}`)).body.status).toBe('SUCCESS')
    await record('status', `/api/_antom/payments/${session.paymentRequestId}`)
    await record('result page', `/result?paymentRequestId=${session.paymentRequestId}`)
    const errors: Array<[string, { method?: string, body?: unknown }]> = [
      ['/api/_antom/session', { body: { items: [] } }],
      ['/api/_antom/session', { body: 'not json' }],
      ['/api/_antom/session', { body: { items: [{ sku: 'yacht', quantity: 1 }] } }],
      ['/api/_antom/notify', { body: { notifyType: 'PAYMENT_RESULT' } }],
      ['/api/_antom/payments/pr_unknown', {}],
      ['/api/_antom/payments/bad%20id', {}],
      ['/api/_antom/simulator/payments/pr_unknown/complete', { body: { result: 'SUCCESS' } }],
      ['/api/_antom/simulator/faults', { body: { faults: 'all' } }],
    ]
    for (const [path, init] of errors) await record('error', path, init)
    // Like Antom, the simulated gateway answers an unsigned call with HTTP 200 and an F result.
    await record('gateway refusal', '/api/_antom/simulator/ams/api/v1/payments/inquiryPayment', { body: {} })
    const forged = await postNotification(server.url, paymentResult(session.paymentRequestId, session.amount), credentials.merchant.privateKey, credentials.clientId)
    seen.push({ where: `forged notification (${forged.status})`, text: await forged.text() })
    expect(seen.filter(item => item.where.startsWith('error')).map(item => item.where)).toEqual(errors.map(() => expect.stringMatching(/\(4\d\d\)$/)))
  })

  it('holds no key material and no client id in the client bundle, pages, bodies or the server log', () => {
    const bundle = filesUnder(publicDir).map(path => ({ where: path.slice(publicDir.length), text: readFileSync(path, 'latin1') }))
    const haystacks = [...bundle, ...seen, { where: 'server log', text: server.log() }]
    const needles = [
      credentials.clientId,
      ...fragments(credentials.merchant.privateBase64),
      ...fragments(credentials.antom.privateBase64),
      ...fragments(credentials.antom.publicBase64),
      'PRIVATE KEY-----',
    ]
    const leaks = haystacks.flatMap(haystack => needles.filter(needle => haystack.text.includes(needle)).map(needle => `${haystack.where}: ${needle.slice(0, 12)}…`))
    report(`[reliability] secrets: ${bundle.length} client bundle files, ${seen.length} pages and bodies, and the server log (${server.log().length} bytes) searched for ${needles.length} key fragments and the client id: ${leaks.length} found`)
    expect(leaks).toEqual([])
    expect(bundle.length).toBeGreaterThan(3)
  })
})
