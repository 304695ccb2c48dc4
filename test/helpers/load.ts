import type { KeyObject } from 'node:crypto'
import { expect } from 'vitest'
import { call, openSession, paymentResult, postNotification, shuffle } from './shop'

type Handled = Array<{ kind: string, paymentRequestId: string }>

/** What one load run measured. */
export interface LoadFigures {
  instances: number
  sessions: number
  sessionMs: number
  notifications: number
  notificationMs: number
  succeededRuns: number
  pendingRuns: number
  lost: number
  wrongState: number
}

/**
 * Opens `sessions` sessions at once, spread over the instances, then sends each payment's notifications
 * (PAYMENT_RESULT twice, PAYMENT_PENDING twice: duplicated and reordered) all at once to random instances,
 * and checks every payment ended paid with its success handler run exactly once across all instances.
 */
export async function runLoad(instances: string[], keys: { antomKey: KeyObject, clientId: string }, sessions = 200): Promise<LoadFigures> {
  const handledBefore = await handledCounts(instances)
  const started = Date.now()
  const created = await Promise.all(Array.from({ length: sessions }, (_, index) => openSession(instances[index % instances.length]!)))
  const sessionMs = Date.now() - started

  const deliveries = shuffle(created.flatMap(session => [
    paymentResult(session.paymentRequestId, session.amount, 'S'),
    paymentResult(session.paymentRequestId, session.amount, 'S'),
    paymentResult(session.paymentRequestId, session.amount, 'S', 'PAYMENT_PENDING'),
    paymentResult(session.paymentRequestId, session.amount, 'S', 'PAYMENT_PENDING'),
  ]))
  const sent = Date.now()
  const statuses = await Promise.all(deliveries.map(body => postNotification(instances[Math.floor(Math.random() * instances.length)]!, body, keys.antomKey, keys.clientId).then(response => response.status)))
  const notificationMs = Date.now() - sent
  expect(statuses.filter(status => status !== 200)).toEqual([])

  const handled = await handledCounts(instances)
  const ids = new Set(created.map(session => session.paymentRequestId))
  const runs = (kind: string) => [...ids].map(id => (handled.get(`${kind}:${id}`) ?? 0) - (handledBefore.get(`${kind}:${id}`) ?? 0))
  const succeeded = runs('succeeded')
  const pending = runs('pending')
  const states = await Promise.all([...ids].map(id => call<{ status: string }>(instances[0]!, `/api/_antom/payments/${id}`)))
  return {
    instances: instances.length,
    sessions,
    sessionMs,
    notifications: deliveries.length,
    notificationMs,
    succeededRuns: succeeded.reduce((sum, count) => sum + count, 0),
    pendingRuns: pending.reduce((sum, count) => sum + count, 0),
    lost: succeeded.filter(count => count === 0).length,
    wrongState: states.filter(state => state.body.status !== 'SUCCESS').length
      + succeeded.filter(count => count > 1).length + pending.filter(count => count > 1).length,
  }
}

async function handledCounts(instances: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (const instance of instances) {
    const { body } = await call<Handled>(instance, '/api/test/handled')
    for (const item of body) counts.set(`${item.kind}:${item.paymentRequestId}`, (counts.get(`${item.kind}:${item.paymentRequestId}`) ?? 0) + 1)
  }
  return counts
}

/** One line of figures, as the README quotes them. */
export function describeLoad(figures: LoadFigures): string {
  const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000))
  return `[reliability] ${figures.instances} instance(s): ${figures.sessions} sessions in ${figures.sessionMs} ms (${perSecond(figures.sessions, figures.sessionMs)}/s); `
    + `${figures.notifications} notifications (duplicated, reordered) in ${figures.notificationMs} ms (${perSecond(figures.notifications, figures.notificationMs)}/s); `
    + `success handler runs ${figures.succeededRuns}/${figures.sessions}, pending handler runs ${figures.pendingRuns}, lost ${figures.lost}, wrong state ${figures.wrongState}`
}
