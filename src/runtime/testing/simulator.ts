import type { SimulatorFault } from '../server/simulator/faults'
import type { AntomPaymentStatusResponse, AntomPaymentState, SimulatorCompleteResponse, SimulatorDisputeRequest, SimulatorDisputeResponse } from '../types/routes'

/** Where the shop runs and how to reach its simulator. */
export interface SimulatorTarget {
  /** The simulator's token (`NUXT_ANTOM_SIMULATOR_TOKEN`); not needed against `nuxt dev`. */
  token?: string
  /**
   * The module's route prefix.
   * @default '/api/_antom'
   */
  prefix?: string
}

function url(baseUrl: string, target: SimulatorTarget, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${target.prefix ?? '/api/_antom'}${path}`
}

async function post<T>(address: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(address, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })
  const text = await response.text()
  if (!response.ok) throw new Error(`[nuxt-antom/testing] POST ${address}: HTTP ${response.status} ${text.slice(0, 300)}`)
  return JSON.parse(text) as T
}

/**
 * Pays (or fails) a simulated payment as the buyer would in the simulated cashier: the simulator records it and
 * sends the shop Antom's signed notification.
 * @param baseUrl the shop's origin, e.g. `http://127.0.0.1:3000`
 * @param paymentRequestId the id the session route answered
 * @param result `SUCCESS` or `FAIL`
 * @param target the simulator's token (production builds) and the route prefix
 * @example await completeSimulatedPayment(baseUrl, session.paymentRequestId, 'SUCCESS', { token })
 */
export function completeSimulatedPayment(baseUrl: string, paymentRequestId: string, result: 'SUCCESS' | 'FAIL', target: SimulatorTarget = {}): Promise<SimulatorCompleteResponse> {
  return post(url(baseUrl, target, `/simulator/payments/${encodeURIComponent(paymentRequestId)}/complete`), { result }, target.token)
}

/**
 * Moves a chargeback on a paid simulated payment, as the buyer's bank and Antom would: `DISPUTE_CREATED` opens one,
 * a later state (`DEFENSE_DUE_ALERT`, `DISPUTE_JUDGED`…) moves the open one on. The simulator sends the shop Antom's
 * signed dispute notification for each step, on Antom's retry schedule.
 * @param baseUrl the shop's origin
 * @param paymentRequestId the paid payment
 * @param step the state to move to, and for a judgement its result or for a new dispute the disputed amount
 * @param target the simulator's token (production builds) and the route prefix
 * @throws Error with the simulator's answer: 409 when the payment is not paid (a card payment must be captured) or
 *   the step would move the dispute back
 * @example await advanceSimulatedDispute(baseUrl, paymentRequestId, { type: 'DISPUTE_CREATED' }, { token })
 */
export function advanceSimulatedDispute(baseUrl: string, paymentRequestId: string, step: SimulatorDisputeRequest, target: SimulatorTarget = {}): Promise<SimulatorDisputeResponse> {
  return post(url(baseUrl, target, `/simulator/payments/${encodeURIComponent(paymentRequestId)}/dispute`), step, target.token)
}

/**
 * Arms simulator faults for the next calls or notifications (`[]` clears them): `delay`, `http-error`, `result-u`,
 * `result-f`, `unsigned`, `bad-signature`, `duplicate-notification`, `out-of-order`, `late-fail`, `lost-notification`.
 * @param baseUrl the shop's origin
 * @param faults the faults, e.g. `[{ type: 'lost-notification' }]`
 * @param target the simulator's token and the route prefix
 */
export function armSimulatorFaults(baseUrl: string, faults: SimulatorFault[], target: SimulatorTarget = {}): Promise<{ faults: SimulatorFault[] }> {
  return post(url(baseUrl, target, '/simulator/faults'), { faults }, target.token)
}

/**
 * Waits until the shop's server reports a payment in `status` (asking `GET <prefix>/payments/:id`, which also
 * inquires Antom while the payment is not final), and answers that report.
 * @param baseUrl the shop's origin
 * @param paymentRequestId the payment
 * @param status the state to wait for, e.g. `SUCCESS`
 * @param options how long to wait at most (default 10 s) and how often to ask (default 250 ms); the route prefix
 * @param options.timeoutMs the most milliseconds to wait
 * @param options.intervalMs milliseconds between two asks
 * @param options.prefix the module's route prefix
 * @throws Error saying the last status seen when the time runs out, or when the payment reaches another final state
 */
export async function waitForAntomPayment(baseUrl: string, paymentRequestId: string, status: AntomPaymentState, options: { timeoutMs?: number, intervalMs?: number, prefix?: string } = {}): Promise<AntomPaymentStatusResponse> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000)
  let last: AntomPaymentStatusResponse | string
  for (;;) {
    const response = await fetch(url(baseUrl, options, `/payments/${encodeURIComponent(paymentRequestId)}`))
    if (response.ok) {
      last = await response.json() as AntomPaymentStatusResponse
      if (last.status === status) return last
      if (last.final) throw new Error(`[nuxt-antom/testing] Payment ${paymentRequestId} ended ${last.status}, not ${status}.`)
    }
    else {
      last = `HTTP ${response.status}`
    }
    if (Date.now() >= deadline) throw new Error(`[nuxt-antom/testing] Payment ${paymentRequestId} is not ${status} after ${options.timeoutMs ?? 10_000} ms (last: ${typeof last === 'string' ? last : last.status}).`)
    await new Promise(resolve => setTimeout(resolve, options.intervalMs ?? 250))
  }
}
