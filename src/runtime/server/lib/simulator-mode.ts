import { simulatorBuilt } from '#nuxt-antom/build'
import type { AntomRuntimeConfig } from '../../types/config'

/**
 * True when the module talks to its own simulator: the simulator is built in (dev, or an explicit
 * opt-in for production builds, decided at build time) and none of the three Antom credentials is set.
 * Setting any of them turns simulation off, so a half-configured server fails loudly instead of simulating.
 */
export function simulatorActive(config: AntomRuntimeConfig): boolean {
  return simulatorBuilt && !config.clientId && !config.merchantPrivateKey && !config.alipayPublicKey
}
