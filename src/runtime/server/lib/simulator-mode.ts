import { simulatorBuilt } from '#nuxt-antom/build'
import type { AntomRuntimeConfig } from '../../types/config'

/** The shortest `NUXT_ANTOM_SIMULATOR_TOKEN` a production build accepts. */
export const MIN_SIMULATOR_TOKEN_LENGTH = 16

/**
 * True when the simulator's routes exist for this server: it is built in (dev, or `antom.simulator: true`
 * for a production build, decided at build time) and, in a production build, `NUXT_ANTOM_SIMULATOR_TOKEN` is set.
 * A build with the simulator but without the token behaves as one without it: the routes answer 404.
 */
export function simulatorAvailable(config: AntomRuntimeConfig): boolean {
  if (!simulatorBuilt) return false
  return import.meta.dev || String(config.simulator.token ?? '').length >= MIN_SIMULATOR_TOKEN_LENGTH
}

/** True when no Antom credential at all is configured. */
export function noAntomKeys(config: AntomRuntimeConfig): boolean {
  return !config.clientId && !config.merchantPrivateKey && !config.alipayPublicKey
}

/**
 * True when payments are simulated: the simulator is available (see {@link simulatorAvailable}) and none of the
 * three Antom credentials is set. Setting any of them turns simulation off, so a half-configured server fails
 * loudly instead of simulating.
 */
export function simulatorActive(config: AntomRuntimeConfig): boolean {
  return simulatorAvailable(config) && noAntomKeys(config)
}

/**
 * The notify and redirect URLs while payments are simulated: the configured ones, else the module's notify route
 * and the home page, so `nuxt dev` works with nothing configured.
 */
export function simulatedUrls(config: Pick<AntomRuntimeConfig, 'notifyUrl' | 'redirectUrl'>, prefix: string): { notifyUrl: string, redirectUrl: string } {
  return { notifyUrl: config.notifyUrl || `${prefix}/notify`, redirectUrl: config.redirectUrl || '/' }
}
