import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AntomPaymentStatusResponse, AntomSessionResponse } from '../src/runtime/types/routes'
import { buildForRuntime, KV_BINDING, RUNTIMES, serveOnRuntime, wranglerConfig, type Runtime, type RuntimeServer } from '../scripts/runtimes'
import { generateTestKeyPair } from './helpers/keys'
import { ACK, paymentResult, signedNotification } from './helpers/notifications'
import { report } from './helpers/report'
import { call, shopCredentials } from './helpers/shop'
import { productionSite } from './helpers/site'

const PREFIX = '/api/_antom'
const fixture = fileURLToPath(new URL('./fixtures/runtimes', import.meta.url))
const shop = fileURLToPath(new URL('./fixtures/shop', import.meta.url))

/** What each runtime says it is (`navigator.userAgent`) and where it keeps nuxt-antom's records. */
const EXPECTED: Record<Runtime, { userAgent: RegExp, storage: string }> = {
  workerd: { userAgent: /^Cloudflare-Workers$/, storage: 'cloudflare-kv-binding' },
  bun: { userAgent: /^Bun\/1\./, storage: 'fs' },
  deno: { userAgent: /^Deno\/2\./, storage: 'fs' },
}

type Handled = Array<{ kind: string, paymentRequestId: string, status: string }>
type Change = { paymentRequestId: string, status: string, previousStatus: string, source: string }
type Delivery = { state: string, attempts: Array<{ status?: number, acknowledged: boolean }> }

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`

describe.each(Object.keys(RUNTIMES) as Runtime[])('nuxt-antom on %s', (runtime) => {
  const credentials = shopCredentials(`SANDBOX_SHOP_${runtime.toUpperCase()}`)
  const stranger = generateTestKeyPair()
  let output: string
  let server: RuntimeServer | undefined
  let simulated: RuntimeServer | undefined
  const timings: string[] = []

  const start = async (env: Record<string, string>) => {
    const started = performance.now()
    const site = await productionSite()
    const running = await serveOnRuntime(runtime, output, { port: site.port, env: { ...site.env, ...env } })
    timings.push(`start ${seconds(started)}`)
    return running
  }
  const handledFor = async (base: string, id: string) => (await call<Handled>(base, '/api/test/handled')).body.filter(item => item.paymentRequestId === id)
  const changesFor = async (base: string, id: string) => (await call<Change[]>(base, '/api/runtimes/changes')).body.filter(item => item.paymentRequestId === id)
  const deliveries = async (base: string, id: string) => (await call<Delivery[]>(base, `${PREFIX}/simulator/deliveries?paymentRequestId=${id}`)).body
  const openSession = async (base: string) => {
    const { status, body } = await call<AntomSessionResponse>(base, `${PREFIX}/session`, { body: { items: [{ sku: 'mug', quantity: 2 }] } })
    expect(status, JSON.stringify(body)).toBe(200)
    return body
  }

  beforeAll(async () => {
    const build = await buildForRuntime(fixture, runtime, { cacheDirs: [fixture, shop] })
    output = build.output
    timings.push(build.cached ? 'build cached' : `build ${build.seconds.toFixed(1)} s`)
    // Configured as for Antom (the test plays Antom with its private key); the simulator stands in as the gateway.
    server = await start(credentials.env)
  }, 300_000)
  afterAll(async () => {
    await Promise.all([server?.stop(), simulated?.stop()])
    report(`[runtimes] ${runtime} (${RUNTIMES[runtime]}): ${timings.join(', ')}`)
  })

  it(`answers from ${runtime} itself, with payment records in ${EXPECTED[runtime].storage}`, async () => {
    const { body } = await call<{ userAgent: string, storage: string }>(server!.url, '/api/runtimes/platform')
    expect(body.userAgent).toMatch(EXPECTED[runtime].userAgent)
    expect(body.storage).toBe(EXPECTED[runtime].storage)
    if (runtime === 'workerd') {
      const config = wranglerConfig(output)
      expect(config.kv_namespaces).toEqual([expect.objectContaining({ binding: KV_BINDING })])
      expect(config.triggers?.crons).toEqual(['*/5 * * * *'])
      // The Cron Trigger runs the module's antom:reconcile task in the worker (wrangler's local trigger route).
      expect((await fetch(`${server!.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('*/5 * * * *')}`)).status).toBe(200)
      await expect.poll(() => server!.log()).toMatch(/\[nuxt-antom\] Reconciled payments in \d+ ms: checked \d+/)
    }
  })

  it('pays: session, simulated payment, a notification signed and verified in the runtime, SUCCESS, the handler once', async () => {
    const started = performance.now()
    const session = await openSession(server!.url)
    expect(session).toMatchObject({ simulated: false, amount: { currency: 'USD', value: '2400' } })
    const completed = await call<{ paymentStatus: string }>(server!.url, `${PREFIX}/simulator/payments/${session.paymentRequestId}/complete`, { body: { result: 'SUCCESS' } })
    expect(completed).toMatchObject({ status: 200, body: { paymentStatus: 'SUCCESS' } })
    // The notification goes out after the complete route answered: on Workers only waitUntil lets it finish.
    // Nothing asks about the payment meanwhile, so only the notification can move it.
    await expect.poll(() => deliveries(server!.url, session.paymentRequestId), { timeout: 15_000 })
      .toEqual([expect.objectContaining({ state: 'acknowledged', attempts: [expect.objectContaining({ status: 200, acknowledged: true })] })])
    expect(await changesFor(server!.url, session.paymentRequestId)).toEqual([{ paymentRequestId: session.paymentRequestId, status: 'SUCCESS', previousStatus: 'PROCESSING', source: 'notification' }])
    const status = await call<AntomPaymentStatusResponse>(server!.url, `${PREFIX}/payments/${session.paymentRequestId}`)
    expect(status.body).toMatchObject({ status: 'SUCCESS', final: true })
    expect(await handledFor(server!.url, session.paymentRequestId)).toEqual([{ kind: 'succeeded', paymentRequestId: session.paymentRequestId, status: 'SUCCESS' }])
    timings.push(`paid flow ${seconds(started)}`)
  })

  it('refuses notifications signed with another key or with a tampered body (401); four genuine copies at once run the handler once', async () => {
    const target = await openSession(server!.url)
    const notify = (init: RequestInit) => fetch(`${server!.url}${PREFIX}/notify`, init)
    const body = paymentResult(target.paymentRequestId, target.amount)
    const sign = (key: typeof stranger.privateKey) => signedNotification(body, { key, clientId: credentials.clientId, path: `${PREFIX}/notify` })
    const genuine = sign(credentials.antom.privateKey)
    const tampered = { ...genuine, body: genuine.body.replace(`"value":"${target.amount.value}"`, '"value":"1"') }
    expect(tampered.body).not.toBe(genuine.body)
    for (const [name, init] of Object.entries({ 'wrong key': sign(stranger.privateKey), 'tampered body': tampered })) {
      const response = await notify(init)
      expect(response.status, name).toBe(401)
      expect(await response.text(), name).not.toContain('SUCCESS')
    }
    expect((await call<{ status: string }>(server!.url, `/api/test/payment?paymentRequestId=${target.paymentRequestId}`)).body.status).toBe('PROCESSING')
    expect(await handledFor(server!.url, target.paymentRequestId)).toEqual([])

    // Copies at once (Antom sends duplicates): all acknowledged, the handler runs once (one process or isolate).
    const accepted = await Promise.all([notify(genuine), ...[1, 2, 3].map(() => notify(sign(credentials.antom.privateKey)))])
    expect(accepted.map(response => response.status)).toEqual([200, 200, 200, 200])
    expect(await Promise.all(accepted.map(response => response.text()))).toEqual([ACK, ACK, ACK, ACK])
    expect(await notify(sign(credentials.antom.privateKey)).then(response => response.text())).toBe(ACK)
    expect(await handledFor(server!.url, target.paymentRequestId)).toEqual([{ kind: 'succeeded', paymentRequestId: target.paymentRequestId, status: 'SUCCESS' }])
    expect((await call<AntomPaymentStatusResponse>(server!.url, `${PREFIX}/payments/${target.paymentRequestId}`)).body.status).toBe('SUCCESS')
  })

  it('simulates payments with no keys configured: its own keys generated and kept in the runtime\'s storage', async () => {
    simulated = await start({})
    const session = await openSession(simulated.url)
    expect(session.simulated).toBe(true)
    await call(simulated.url, `${PREFIX}/simulator/payments/${session.paymentRequestId}/complete`, { body: { result: 'SUCCESS' } })
    await expect.poll(() => deliveries(simulated!.url, session.paymentRequestId), { timeout: 15_000 })
      .toEqual([expect.objectContaining({ state: 'acknowledged' })])
    expect(await handledFor(simulated.url, session.paymentRequestId)).toEqual([{ kind: 'succeeded', paymentRequestId: session.paymentRequestId, status: 'SUCCESS' }])
    if (runtime !== 'workerd') {
      // The default file-system storage, relative to the server's working directory.
      expect(existsSync(join(simulated.cwd, '.data/antom/payments', session.paymentRequestId))).toBe(true)
      expect(existsSync(join(simulated.cwd, '.data/antom-simulator/keys'))).toBe(true)
    }
  })
})
