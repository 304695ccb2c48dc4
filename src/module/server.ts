import { addServerHandler, addServerImports, addServerPlugin } from '@nuxt/kit'
import type { ModuleOptions } from './options'

/** The auto-imported server utils, by the file under `runtime/server/utils` that exports them. */
const SERVER_UTILS: Record<string, string[]> = {
  antom: ['useAntomClient', 'useAntomConfig', 'toAntomHttpError'],
  checkout: ['defineAntomCheckout'],
  payments: ['createAntomPaymentSession', 'getAntomPayment', 'inquireAntomPayment', 'cancelAntomPayment', 'refundAntomPayment', 'handleAntomSessionRequest', 'handleAntomCheckoutForm', 'handleAntomNotification', 'acknowledgeAntomNotification', 'ANTOM_NOTIFICATION_ACKNOWLEDGEMENT'],
  reconcile: ['reconcileAntomPayments'],
  capture: ['captureAntomPayment'],
  disputes: ['getAntomDispute', 'acceptAntomDispute', 'supplyAntomDefenseDocument', 'downloadAntomDisputeEvidence'],
}

/** The built-in routes: the option that switches each one, its path under the prefix, method and file. */
const ROUTES: Array<[keyof ModuleOptions['routes'], string, 'get' | 'post', string]> = [
  ['session', '/session', 'post', 'session.post'],
  ['checkout', '/checkout', 'post', 'checkout.post'],
  ['notify', '/notify', 'post', 'notify.post'],
  ['payments', '/payments/:paymentRequestId', 'get', 'payments.get'],
]

/** The simulator's routes (only in builds that have it). */
const SIMULATOR_ROUTES: Array<[string, 'get' | 'post', string]> = [
  ['/simulator/ams/**', 'post', 'gateway.post'],
  ['/simulator/payments/:paymentRequestId/complete', 'post', 'complete.post'],
  ['/simulator/payments/:paymentRequestId/dispute', 'post', 'dispute.post'],
  ['/simulator/checkout/:paymentRequestId', 'get', 'checkout-page.get'],
  ['/simulator/checkout/:paymentRequestId', 'post', 'checkout-page.post'],
  ['/simulator/faults', 'post', 'faults.post'],
  ['/simulator/deliveries', 'get', 'deliveries.get'],
  ['/simulator/requests', 'get', 'requests.get'],
]

/**
 * Registers the server half: utils, the routes the options leave on, the start-up check and, in builds that have
 * it, the simulator (its routes and the plugin through which it plugs itself in).
 * @param options the module options
 * @param prefix the routes' prefix, normalised
 * @param simulatorBuilt whether this build has the simulator
 * @param resolve resolves a path inside the module's `runtime/server`
 */
export function registerServer(options: ModuleOptions, prefix: string, simulatorBuilt: boolean, resolve: (path: string) => string): void {
  addServerImports([
    ...Object.entries(SERVER_UTILS).flatMap(([file, names]) => names.map(name => ({ name, from: resolve(`utils/${file}`) }))),
    ...['toAntomAmount', 'fromAntomAmount'].map(name => ({ name, from: resolve('lib/amount') })),
  ])
  for (const [toggle, route, method, file] of ROUTES) {
    if (options.routes[toggle]) addServerHandler({ route: `${prefix}${route}`, method, handler: resolve(`api/${file}`) })
  }
  addServerPlugin(resolve('plugins/startup'))
  if (!simulatorBuilt) return
  for (const [route, method, file] of SIMULATOR_ROUTES) {
    addServerHandler({ route: `${prefix}${route}`, method, handler: resolve(`api/simulator/${file}`) })
  }
  addServerPlugin(resolve('plugins/simulator'))
}
