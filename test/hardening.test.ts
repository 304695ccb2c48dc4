import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AntomSessionResponse } from '../src/runtime/types/routes'
import { generateTestKeyPair } from './helpers/keys'
import { report } from './helpers/report'
import { prebuilt } from './helpers/builds'
import { startServer, type RunningServer } from './helpers/server'
import { call } from './helpers/shop'
import { operator, SIMULATOR_TOKEN } from './helpers/site'

const PREFIX = '/api/_antom'
const ORDER = JSON.stringify({ items: [{ sku: 'mug', quantity: 1 }] })

interface GatewayCall { api: string, paymentRequestId?: string, paymentNotifyUrl?: string, paymentRedirectUrl?: string, clientIp?: string }

/** A request with headers fetch() will not send as given (Host), over node:http. */
function rawRequest(base: string, path: string, init: { method?: string, headers?: Record<string, string>, body?: string }): Promise<{ status: number, headers: Record<string, string | string[] | undefined>, text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: init.method ?? 'POST', headers: { 'content-type': 'application/json', ...init.headers } }, (res) => {
      let text = ''
      res.on('data', (chunk) => {
        text += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }))
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

/**
 * Starts a chunked upload with no content-length, sends 80 KiB of it and never finishes: only a server that counts
 * while reading, and answers as soon as the limit is passed, can answer at all. Resolves with that answer's status.
 */
function unfinishedUpload(base: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers: { ...operator, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume()
      resolve(res.statusCode!)
      req.destroy()
    })
    req.on('error', reject)
    for (let chunk = 0; chunk < 5; chunk++) req.write('x'.repeat(16 * 1024))
  })
}

/**
 * Declares a 1 MiB body and sends none of it: only a server that refuses on the declared length, before reading, can
 * answer at all. (Sending the whole body races the server's early answer: the client may still be writing when the
 * server closes the socket, EPIPE.) Resolves with the answer's status and body.
 */
function declaredUpload(base: string, path: string): Promise<{ status: number, text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers: { ...operator, 'content-type': 'application/json', 'content-length': String(1024 * 1024) } }, (res) => {
      let text = ''
      res.on('data', (chunk) => {
        text += chunk
      })
      res.on('end', () => {
        resolve({ status: res.statusCode!, text })
        req.destroy()
      })
    })
    req.on('error', reject)
    req.flushHeaders()
  })
}

describe('hardening: nothing trusted from the request, the simulator only on purpose, bounded', () => {
  let entry: string
  const servers: RunningServer[] = []
  const start = async (env: Record<string, string> = {}) => {
    const server = await startServer(entry, env)
    servers.push(server)
    return server
  }
  let simulated: RunningServer
  const gatewayCalls = async (server: RunningServer, id: string) => (await call<GatewayCall[]>(server.url, `${PREFIX}/simulator/requests?paymentRequestId=${id}`)).body

  beforeAll(async () => {
    entry = await prebuilt('shop')
    simulated = await start()
  }, 240_000)
  afterAll(() => Promise.all(servers.map(server => server.kill())))

  it('sends Antom notify and redirect URLs from NUXT_PUBLIC_SITE_URL, whatever Host and X-Forwarded-* say', async () => {
    const forged = await rawRequest(simulated.url, `${PREFIX}/session`, {
      headers: { 'host': 'evil.example:9', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'forwarded': 'host=evil.example;proto=https' },
      body: ORDER,
    })
    expect(forged.status).toBe(200)
    const session = JSON.parse(forged.text) as AntomSessionResponse
    const [sent] = (await gatewayCalls(simulated, session.paymentRequestId)).filter(item => item.api === 'createPaymentSession')
    expect(sent).toMatchObject({ paymentNotifyUrl: `${simulated.url}${PREFIX}/notify`, paymentRedirectUrl: `${simulated.url}/result?paymentRequestId=${session.paymentRequestId}` })
    const completed = await call<{ redirectUrl: string }>(simulated.url, `${PREFIX}/simulator/payments/${session.paymentRequestId}/complete`, { body: { result: 'SUCCESS' } })
    expect(completed.body.redirectUrl.startsWith(`${simulated.url}/`)).toBe(true)
    await expect.poll(async () => (await call<Array<{ url: string, state: string }>>(simulated.url, `${PREFIX}/simulator/deliveries?paymentRequestId=${session.paymentRequestId}`)).body)
      .toEqual([expect.objectContaining({ url: `${simulated.url}${PREFIX}/notify`, state: 'acknowledged' })])
    expect(simulated.log()).not.toContain('evil.example')
  })

  it('sends the socket address to Antom, not X-Forwarded-For, unless the proxies are trusted', async () => {
    const spoofed = await rawRequest(simulated.url, `${PREFIX}/session`, { headers: { 'x-forwarded-for': '203.0.113.9' }, body: ORDER })
    const session = JSON.parse(spoofed.text) as AntomSessionResponse
    expect((await gatewayCalls(simulated, session.paymentRequestId))[0]!.clientIp).toBe('127.0.0.1')

    const behindProxy = await start({ NUXT_ANTOM_TRUSTED_PROXIES: '1' })
    const proxied = await rawRequest(behindProxy.url, `${PREFIX}/session`, { headers: { 'x-forwarded-for': '198.51.100.66, 203.0.113.9' }, body: ORDER })
    const viaProxy = JSON.parse(proxied.text) as AntomSessionResponse
    // One trusted proxy appended what it saw last; the entry before it was written by the caller.
    expect((await gatewayCalls(behindProxy, viaProxy.paymentRequestId))[0]!.clientIp).toBe('203.0.113.9')
  })

  it('answers 413 to oversized bodies on every route that reads one: 1 MiB declared, or streamed past 64 KiB', async () => {
    const routes = [`${PREFIX}/session`, `${PREFIX}/notify`, `${PREFIX}/simulator/ams/api/v1/payments/inquiryPayment`, `${PREFIX}/simulator/payments/pr_x/complete`, `${PREFIX}/simulator/faults`]
    const started = performance.now()
    for (const route of routes) {
      const declared = await declaredUpload(simulated.url, route)
      expect(declared.status, route).toBe(413)
      expect(JSON.parse(declared.text).message, route).toMatch(/larger than 65536 bytes/)
      expect(await unfinishedUpload(simulated.url, route), route).toBe(413)
    }
    report(`[reliability] body limit: ${routes.length} routes × (1 MiB declared, chunked upload past 64 KiB) → 413 in ${Math.round(performance.now() - started)} ms`)
    // Still serving.
    expect((await call(simulated.url, `${PREFIX}/session`, { body: JSON.parse(ORDER) })).status).toBe(200)
  })

  it('guards the simulator\'s control routes with the bearer token, in constant time', async () => {
    const session = (await call<AntomSessionResponse>(simulated.url, `${PREFIX}/session`, { body: JSON.parse(ORDER) })).body
    const attempts: Array<[string, string, Record<string, string>]> = [
      ['POST', `${PREFIX}/simulator/payments/${session.paymentRequestId}/complete`, {}],
      ['POST', `${PREFIX}/simulator/faults`, {}],
      ['GET', `${PREFIX}/simulator/deliveries`, {}],
      ['GET', `${PREFIX}/simulator/requests`, {}],
      ['POST', `${PREFIX}/simulator/faults`, { authorization: `Bearer ${SIMULATOR_TOKEN}x` }],
      ['POST', `${PREFIX}/simulator/faults`, { authorization: SIMULATOR_TOKEN }],
    ]
    for (const [method, path, headers] of attempts) {
      const response = await fetch(`${simulated.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: method === 'POST' ? JSON.stringify({ result: 'SUCCESS', faults: [{ type: 'delay', delayMs: 120_000, times: 0 }] }) : undefined })
      expect(response.status, `${method} ${path}`).toBe(401)
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
    }
    // Nothing was armed and nothing was paid.
    expect((await call<{ status: string }>(simulated.url, `${PREFIX}/payments/${session.paymentRequestId}`)).body.status).toBe('PROCESSING')
    expect((await call(simulated.url, `${PREFIX}/session`, { body: JSON.parse(ORDER) })).status).toBe(200)
  })

  it('lets a buyer complete only the payment whose session data it holds', async () => {
    const mine = (await call<AntomSessionResponse>(simulated.url, `${PREFIX}/session`, { body: JSON.parse(ORDER) })).body
    const theirs = (await call<AntomSessionResponse>(simulated.url, `${PREFIX}/session`, { body: JSON.parse(ORDER) })).body
    const complete = (id: string, paymentSessionData: string) => fetch(`${simulated.url}${PREFIX}/simulator/payments/${id}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ result: 'SUCCESS', paymentSessionData }) })
    expect((await complete(theirs.paymentRequestId, mine.paymentSessionData)).status).toBe(404)
    expect((await complete(mine.paymentRequestId, mine.paymentSessionData)).status).toBe(200)
    await expect.poll(async () => (await call<{ status: string }>(simulated.url, `${PREFIX}/payments/${mine.paymentRequestId}`)).body.status).toBe('SUCCESS')
    expect((await call<{ status: string }>(simulated.url, `${PREFIX}/payments/${theirs.paymentRequestId}`)).body.status).toBe('PROCESSING')
  })

  it('limits sessions per client address when asked to (429 with Retry-After), and a spoofed X-Forwarded-For does not reset it', async () => {
    const limited = await start({ NUXT_ANTOM_SESSION_RATE_LIMIT: '2' })
    const open = (forwardedFor: string) => rawRequest(limited.url, `${PREFIX}/session`, { headers: { 'x-forwarded-for': forwardedFor }, body: ORDER })
    expect((await open('198.51.100.1')).status).toBe(200)
    expect((await open('198.51.100.2')).status).toBe(200)
    const refused = await open('198.51.100.3')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(JSON.parse(refused.text)).toMatchObject({ statusMessage: 'Too Many Requests', message: expect.stringMatching(/Too many payment sessions/) })
    // Off by default: the first server never limited (it opened more than two sessions above).
    expect((await call(simulated.url, `${PREFIX}/session`, { body: JSON.parse(ORDER) })).status).toBe(200)
  })

  it('answers 4xx with the status\'s reason phrase and a message saying what is wrong', async () => {
    const empty = await call<{ statusMessage: string, message: string }>(simulated.url, `${PREFIX}/session`, { body: { items: [] } })
    expect(empty.status).toBe(400)
    expect(empty.body).toMatchObject({ statusMessage: 'Bad Request', message: expect.stringMatching(/^Invalid order: items/) })
    const unknown = await call<{ statusMessage: string }>(simulated.url, `${PREFIX}/payments/pr_unknown`)
    expect(unknown.body).toMatchObject({ statusMessage: 'Not Found', message: 'No payment pr_unknown.' })
    const unsigned = await call<{ statusMessage: string }>(simulated.url, `${PREFIX}/notify`, { body: {} })
    expect(unsigned.body).toMatchObject({ statusMessage: 'Unauthorized' })
  })

  it('without NUXT_ANTOM_SIMULATOR_TOKEN, a build with the simulator has none of its routes and never simulates', async () => {
    const keys = { NUXT_ANTOM_CLIENT_ID: 'SANDBOX_HARDENING', NUXT_ANTOM_MERCHANT_PRIVATE_KEY: generateTestKeyPair().privateBase64, NUXT_ANTOM_ALIPAY_PUBLIC_KEY: generateTestKeyPair().publicBase64 }
    const noToken = await start({ NUXT_ANTOM_SIMULATOR_TOKEN: '', ...keys })
    for (const path of ['/simulator/ams/api/v1/payments/inquiryPayment', '/simulator/faults', '/simulator/payments/x/complete']) {
      const response = await fetch(`${noToken.url}${PREFIX}${path}`, { method: 'POST', headers: { ...operator, 'content-type': 'application/json' }, body: '{}' })
      expect(response.status, path).toBe(404)
    }
    expect(noToken.log()).toMatch(/Payments: sandbox, region SG/)
    await expect(startServer(entry, { NUXT_ANTOM_SIMULATOR_TOKEN: '' })).rejects.toThrow(/NUXT_ANTOM_CLIENT_ID, NUXT_ANTOM_MERCHANT_PRIVATE_KEY, NUXT_ANTOM_ALIPAY_PUBLIC_KEY \(or, in a build with antom.simulator: true, NUXT_ANTOM_SIMULATOR_TOKEN/)
    await expect(startServer(entry, { NUXT_ANTOM_SIMULATOR_TOKEN: 'short' })).rejects.toThrow(/NUXT_ANTOM_SIMULATOR_TOKEN must be at least 16 characters/)
  })
})
