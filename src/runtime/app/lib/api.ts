import type { AntomPaymentStatusResponse, AntomSessionResponse, SimulatorCompleteRequest, SimulatorCompleteResponse } from '../../types/routes'

// Nuxt's global `$fetch` is read from `globalThis` on purpose: a bare `$fetch` is compiled into an import from the
// app's entry chunk, and with it Rolldown splits Vue and Nuxt out of the entry on every page of the shop
// (about 3 KB gzip more on pages without <AntomPay>).

/** Joins the module's route prefix and a path without doubling slashes. */
function route(prefix: string, path: string): string {
  return `${prefix.replace(/\/+$/, '')}/${path}`
}

/** `POST <prefix>/session`: the server prices the order and creates the Antom payment session. */
export function requestAntomSession(prefix: string, body: Record<string, unknown>): Promise<AntomSessionResponse> {
  return globalThis.$fetch<AntomSessionResponse>(route(prefix, 'session'), { method: 'POST', body })
}

/** `GET <prefix>/payments/:paymentRequestId`: the server's view of the payment. */
export function requestAntomPaymentStatus(prefix: string, paymentRequestId: string): Promise<AntomPaymentStatusResponse> {
  // The caller polls on its own schedule; ofetch's automatic GET retry would only add requests.
  return globalThis.$fetch<AntomPaymentStatusResponse>(route(prefix, `payments/${encodeURIComponent(paymentRequestId)}`), { retry: 0 })
}

/**
 * `POST <prefix>/simulator/payments/:paymentRequestId/complete`: the simulated buyer pays or fails. The session
 * data the buyer's cashier was given authorises it, as it does at Antom; nothing else is needed in the browser.
 * `paymentMethodType` is the method the buyer picked in a simulated Payment Element or Checkout Page.
 */
export function requestSimulatorComplete(prefix: string, session: Pick<AntomSessionResponse, 'paymentRequestId' | 'paymentSessionData'>, result: SimulatorCompleteRequest['result'], paymentMethodType?: string): Promise<SimulatorCompleteResponse> {
  const body: SimulatorCompleteRequest = { result, paymentSessionData: session.paymentSessionData, ...(paymentMethodType ? { paymentMethodType } : {}) }
  return globalThis.$fetch<SimulatorCompleteResponse>(route(prefix, `simulator/payments/${encodeURIComponent(session.paymentRequestId)}/complete`), { method: 'POST', body })
}
