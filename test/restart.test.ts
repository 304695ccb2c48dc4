import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { report } from './helpers/report'
import { prebuilt } from './helpers/builds'
import { startServer, type RunningServer } from './helpers/server'
import { call, openSession } from './helpers/shop'

type Handled = Array<{ kind: string, paymentRequestId: string }>
type Delivery = { state: string, attempts: Array<{ status?: number, acknowledged: boolean }> }

describe('a server killed between a session and its notification', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'antom-restart-'))
  // Simulated time runs 20 times faster: Antom's 2-minute retry comes after 6 s.
  const env = { NUXT_ANTOM_SIMULATOR_TIME_SCALE: '20' }
  let entry: string
  let server: RunningServer | undefined

  beforeAll(async () => {
    // The default file-system storage, relative to the server's working directory: dataDir.
    entry = await prebuilt('shop-fs')
  }, 240_000)
  afterAll(() => server?.kill())

  it('processes the simulator\'s retry after a SIGKILL and restart: nothing lost', async () => {
    server = await startServer(entry, env, undefined, { cwd: dataDir })
    const first = server.url
    const paid = await openSession(first)
    const untouched = await openSession(first)
    // The shop's database is down for the first delivery: the notification is answered 500 and stays pending.
    await call(first, '/api/test/fail-next', { body: { times: 1 } })
    await call(first, `/api/_antom/simulator/payments/${paid.paymentRequestId}/complete`, { body: { result: 'SUCCESS' } })
    await expect.poll(async () => (await call<Delivery[]>(first, `/api/_antom/simulator/deliveries?paymentRequestId=${paid.paymentRequestId}`)).body[0]?.attempts.length).toBe(1)
    const killedAt = Date.now()
    await server.kill('SIGKILL')

    // Same port: Antom keeps sending to the notify URL it was given.
    server = await startServer(entry, env, server.port, { cwd: dataDir })
    const restartedIn = Date.now() - killedAt
    const second = server.url
    await expect.poll(async () => (await call<Handled>(second, '/api/test/handled')).body.filter(item => item.paymentRequestId === paid.paymentRequestId), { timeout: 20_000, interval: 200 })
      .toEqual([{ kind: 'succeeded', paymentRequestId: paid.paymentRequestId, status: 'SUCCESS' }])
    expect(existsSync(join(dataDir, '.data/antom/payments'))).toBe(true)
    const [delivery] = (await call<Delivery[]>(second, `/api/_antom/simulator/deliveries?paymentRequestId=${paid.paymentRequestId}`)).body
    expect(delivery).toMatchObject({ state: 'acknowledged' })
    expect(delivery!.attempts.map(attempt => [attempt.status, attempt.acknowledged])).toEqual([[500, false], [200, true]])
    expect((await call<{ status: string }>(second, `/api/_antom/payments/${paid.paymentRequestId}`)).body.status).toBe('SUCCESS')
    expect((await call<{ status: string }>(second, `/api/_antom/payments/${untouched.paymentRequestId}`)).body.status).toBe('PROCESSING')
    report(`[reliability] restart: SIGKILL with a notification pending, back up in ${restartedIn} ms; the retry was processed (tries: 500, then 200 acknowledged); 2 of 2 payments kept, handler runs 1`)
  })
})
