import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateTestKeyPair } from './helpers/keys'
import { prebuilt } from './helpers/builds'
import { startServer, type RunningServer } from './helpers/server'

describe('start-up checks of a production build without the simulator', () => {
  let entry: string
  const merchant = generateTestKeyPair()
  const antom = generateTestKeyPair()
  const keys = {
    NUXT_ANTOM_CLIENT_ID: 'SANDBOX_STARTUP',
    NUXT_ANTOM_MERCHANT_PRIVATE_KEY: merchant.privateBase64,
    NUXT_ANTOM_ALIPAY_PUBLIC_KEY: antom.publicBase64,
    NUXT_ANTOM_NOTIFY_URL: '/api/_antom/notify',
    NUXT_ANTOM_REDIRECT_URL: '/thanks?paymentRequestId={paymentRequestId}',
  }
  let server: RunningServer | undefined

  beforeAll(async () => {
    // A production build that did not opt in to the simulator; its default file-system storage.
    entry = await prebuilt('basic-no-simulator')
  }, 240_000)
  afterAll(() => server?.kill())

  /** Starts the build in a fresh working directory and returns why it refused, or fails the test if it started. */
  async function refusal(env: Record<string, string>, cwd = mkdtempSync(join(tmpdir(), 'antom-run-'))): Promise<string> {
    const started = await startServer(entry, env, undefined, { cwd }).then(running => running, (error: Error) => error)
    if (!(started instanceof Error)) {
      await started.kill()
      throw new Error(`the server started with ${JSON.stringify(Object.keys(env))}`)
    }
    return started.message
  }

  it('refuses to start with a broken key, naming its env var and never echoing it', async () => {
    const message = await refusal({ ...keys, NUXT_ANTOM_MERCHANT_PRIVATE_KEY: merchant.privateBase64.slice(0, 300) })
    expect(message).toMatch(/NUXT_ANTOM_MERCHANT_PRIVATE_KEY/)
    expect(message).toMatch(/The configuration cannot take payments/)
    expect(message).not.toContain(merchant.privateBase64.slice(100, 140))
  })

  it('refuses to start without keys, naming the three env vars, and never simulates (a simulator token changes nothing here)', async () => {
    const message = await refusal({ NUXT_ANTOM_SIMULATOR_TOKEN: 'a-long-enough-simulator-token' })
    expect(message).toMatch(/set NUXT_ANTOM_CLIENT_ID, NUXT_ANTOM_MERCHANT_PRIVATE_KEY, NUXT_ANTOM_ALIPAY_PUBLIC_KEY/)
    expect(message).not.toMatch(/Payments: simulated/)
  })

  it('refuses to start with relative notify and redirect URLs and no site URL, naming both env vars', async () => {
    const message = await refusal({ ...keys, NUXT_PUBLIC_SITE_URL: '' })
    expect(message).toMatch(/NUXT_ANTOM_NOTIFY_URL is a path \(\/api\/_antom\/notify\) and NUXT_PUBLIC_SITE_URL is not set/)
    expect(message).toMatch(/NUXT_ANTOM_REDIRECT_URL is a path/)
    expect(await refusal({ ...keys, NUXT_PUBLIC_SITE_URL: 'shop.example' })).toMatch(/NUXT_PUBLIC_SITE_URL must be an absolute http\(s\) origin/)
  })

  it('refuses to start when its storage directory cannot be written, naming the path', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'antom-run-'))
    // A file where the default storage directory (./.data/antom) would go: nothing can be written under it.
    writeFileSync(join(cwd, '.data'), 'not a directory')
    expect(await refusal(keys, cwd)).toContain(`The antom storage directory ${join(cwd, '.data/antom')} cannot be written`)
  })

  it('starts when configured: one line says mode, region, gateway and URLs and nothing secret; the simulator is absent', async () => {
    server = await startServer(entry, keys)
    await expect.poll(() => server!.log()).toMatch(/No order resolver is registered/)
    const lines = server.log().split('\n').filter(line => line.includes('Payments:'))
    expect(lines).toEqual([`[nuxt-antom] Payments: sandbox, region SG, gateway https://open-sea-global.alipay.com, notify URL ${server.url}/api/_antom/notify, redirect URL ${server.url}/thanks?paymentRequestId={paymentRequestId}.`])
    expect(server.log()).not.toContain(merchant.privateBase64.slice(100, 140))
    for (const [method, path] of [['POST', '/api/_antom/simulator/ams/api/v1/payments/inquiryPayment'], ['POST', '/api/_antom/simulator/faults'], ['GET', '/api/_antom/simulator/deliveries'], ['POST', '/api/_antom/simulator/payments/x/complete']]) {
      const response = await fetch(`${server.url}${path}`, { method, body: method === 'POST' ? '{}' : undefined, headers: { 'content-type': 'application/json' } })
      // No route: the request falls through to Nuxt's page renderer (HTML), never a simulator answer.
      expect(response.headers.get('content-type'), path).toMatch(/text\/html/)
      expect(await response.text(), path).not.toMatch(/resultStatus|INVALID_SIGNATURE|"faults"/)
    }
  })

  it('answers a server-side failure with a generic message and logs the cause on the server', async () => {
    const response = await fetch(`${server!.url}/api/_antom/session`, { method: 'POST', body: '{"items":[]}', headers: { 'content-type': 'application/json' } })
    expect(response.status).toBe(500)
    const body = await response.json()
    expect(body).toMatchObject({ statusMessage: 'Internal Server Error', message: 'Something went wrong on our side. Please try again in a moment.' })
    expect(JSON.stringify(body)).not.toMatch(/nuxt-antom|NUXT_ANTOM|defineAntomCheckout/)
    await expect.poll(() => server!.log()).toMatch(/Opening a payment session failed: .*No order resolver: call defineAntomCheckout\(\{ resolveOrder \}\)/)
  })
})
