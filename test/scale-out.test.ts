import Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRedis, type TestRedis } from './helpers/redis'
import { buildFixture, startServer, type RunningServer } from './helpers/server'
import { call, openSession, paymentResult, postNotification, shopCredentials, shopDir } from './helpers/shop'
import { describeLoad, runLoad } from './helpers/load'
import { report } from './helpers/report'

type Handled = Array<{ kind: string, paymentRequestId: string }>
const credentials = shopCredentials()

describe('two instances sharing state on Redis', () => {
  let redis: TestRedis
  let entry: string
  let a: RunningServer
  let b: RunningServer

  beforeAll(async () => {
    redis = await startRedis()
    entry = await buildFixture(shopDir, { antom: { simulator: true, storage: { driver: 'redis', base: 'antom', url: redis.url } } })
    ;[a, b] = await Promise.all([startServer(entry, credentials.env), startServer(entry, credentials.env)])
  }, 240_000)
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()])
    await redis?.stop()
  })

  const handledEverywhere = async (id: string) => {
    const lists = await Promise.all([a, b].map(server => call<Handled>(server.url, '/api/test/handled')))
    return lists.flatMap(list => list.body).filter(item => item.paymentRequestId === id)
  }

  it('serves and completes on one instance a session created on the other', async () => {
    const session = await openSession(a.url)
    expect((await call<{ status: string }>(b.url, `/api/_antom/payments/${session.paymentRequestId}`)).body.status).toBe('PROCESSING')
    const completed = await call<{ paymentStatus: string }>(b.url, `/api/_antom/simulator/payments/${session.paymentRequestId}/complete`, { body: { result: 'SUCCESS' } })
    expect(completed.body.paymentStatus).toBe('SUCCESS')
    await expect.poll(async () => (await call<{ status: string }>(b.url, `/api/_antom/payments/${session.paymentRequestId}`)).body.status, { timeout: 10_000 }).toBe('SUCCESS')
    await expect.poll(() => handledEverywhere(session.paymentRequestId)).toHaveLength(1)
  })

  it('runs the handler exactly once for one notification delivered to both instances at once', async () => {
    await call(a.url, '/api/_antom/simulator/faults', { body: { faults: [{ type: 'lost-notification', times: 0 }] } })
    const session = await openSession(b.url)
    const body = paymentResult(session.paymentRequestId, session.amount)
    const responses = await Promise.all([a, b, a, b, a, b].map(server => postNotification(server.url, body, credentials.antom.privateKey, credentials.clientId)))
    expect(responses.map(response => response.status)).toEqual([200, 200, 200, 200, 200, 200])
    expect(await handledEverywhere(session.paymentRequestId)).toEqual([{ kind: 'succeeded', paymentRequestId: session.paymentRequestId, status: 'SUCCESS' }])
  })

  it('loses nothing under load: 200 sessions with duplicated, reordered notifications, on one instance and on two', async () => {
    await call(a.url, '/api/_antom/simulator/faults', { body: { faults: [{ type: 'lost-notification', times: 0 }] } })
    const keys = { antomKey: credentials.antom.privateKey, clientId: credentials.clientId }
    for (const instances of [[a.url], [a.url, b.url]]) {
      const figures = await runLoad(instances, keys, 200)
      report(describeLoad(figures))
      expect(figures).toMatchObject({ succeededRuns: 200, lost: 0, wrongState: 0 })
      expect(figures.pendingRuns).toBeLessThanOrEqual(200)
    }
  })

  it('agrees on one simulator key set when two instances without keys start together on empty storage', async () => {
    // Instances a and b may have generated the simulator's own keys already; start over without them.
    const client = new Redis(redis.url)
    await client.del('antom:simulator:keys')
    const [c, d] = await Promise.all([startServer(entry), startServer(entry)])
    try {
      await call(c.url, '/api/_antom/simulator/faults', { body: { faults: [] } })
      const [onC, onD] = await Promise.all([openSession(c.url), openSession(d.url)])
      // Each instance's simulator pays the other's session and signs the notification with its own Antom key;
      // the instance that created the session verifies it with the Antom key it generated or found.
      await Promise.all([
        call(d.url, `/api/_antom/simulator/payments/${onC.paymentRequestId}/complete`, { body: { result: 'SUCCESS' } }),
        call(c.url, `/api/_antom/simulator/payments/${onD.paymentRequestId}/complete`, { body: { result: 'SUCCESS' } }),
      ])
      const deliveryStates = async (server: RunningServer, id: string) =>
        (await call<Array<{ state: string, attempts: Array<{ status: number }> }>>(server.url, `/api/_antom/simulator/deliveries?paymentRequestId=${id}`)).body
          .map(delivery => [delivery.state, delivery.attempts.map(attempt => attempt.status)])
      await expect.poll(() => deliveryStates(c, onC.paymentRequestId), { timeout: 10_000 }).toEqual([['acknowledged', [200]]])
      await expect.poll(() => deliveryStates(d, onD.paymentRequestId), { timeout: 10_000 }).toEqual([['acknowledged', [200]]])
      expect(await client.exists('antom:simulator:keys')).toBe(1)
    }
    finally {
      await Promise.all([c.kill(), d.kill(), client.quit()])
    }
  })

  it('writes no key material or client id to either server\'s log', () => {
    for (const server of [a, b]) {
      const log = server.log()
      expect(log).not.toContain(credentials.clientId)
      for (const secret of [credentials.merchant.privateBase64, credentials.antom.privateBase64]) {
        for (let offset = 0; offset < secret.length - 40; offset += 200) expect(log).not.toContain(secret.slice(offset, offset + 40))
      }
    }
  })
})
