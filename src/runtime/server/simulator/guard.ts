import type { H3Event } from 'h3'
import { getRequestHeader, setResponseHeader } from 'h3'
import { useRuntimeConfig } from 'nitropack/runtime'
import { sameSecret } from '../lib/digest'
import { httpError } from '../lib/http'
import { simulatorAvailable } from '../lib/simulator-mode'

/**
 * True when the caller is the simulator's operator: always in `nuxt dev`; in a production build only with
 * `Authorization: Bearer <NUXT_ANTOM_SIMULATOR_TOKEN>`, compared in constant time.
 */
export function isSimulatorOperator(event: H3Event): boolean {
  if (import.meta.dev) return true
  const presented = /^Bearer (.+)$/i.exec(getRequestHeader(event, 'authorization') ?? '')?.[1] ?? ''
  return sameSecret(presented, useRuntimeConfig().antom.simulator.token)
}

/** The 401 a simulator route answers to a caller that is not its operator. */
export function operatorRequired(event: H3Event, what = 'The simulator\'s control routes need') {
  setResponseHeader(event, 'www-authenticate', 'Bearer realm="nuxt-antom simulator"')
  return httpError(401, `${what} Authorization: Bearer <NUXT_ANTOM_SIMULATOR_TOKEN>.`)
}

/**
 * Guards a simulator route. Without the simulator (not built in, or a production build without
 * `NUXT_ANTOM_SIMULATOR_TOKEN`) the route does not exist: 404. Control and inspection routes (`control: true`)
 * also need the operator's bearer token (see {@link isSimulatorOperator}); the signed gateway routes are
 * authenticated by RSA signature instead, as Antom's are.
 * @throws H3Error 404 or 401
 */
export function guardSimulatorRoute(event: H3Event, { control }: { control: boolean }): void {
  // The shared config (env applied at start): the token cannot change per request, and the gateway is hot.
  if (!simulatorAvailable(useRuntimeConfig().antom)) throw httpError(404, 'Not found.')
  if (control && !isSimulatorOperator(event)) throw operatorRequired(event)
}
