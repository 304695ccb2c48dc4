import type { TestOptions } from '@nuxt/test-utils/e2e'
import { getRandomPort } from 'get-port-please'

/** The simulator token every production test server gets: a built server runs the simulator only with one. */
export const SIMULATOR_TOKEN = 'nuxt-antom-test-simulator-token'

/** Headers of the simulator's operator (control and inspection routes). */
export const operator = { authorization: `Bearer ${SIMULATOR_TOKEN}` }

/**
 * A loopback port and the env a production test server needs on it: its site URL (notify and redirect URLs
 * resolve against it, never against the Host header) and the simulator token.
 */
export async function productionSite(port?: number): Promise<{ port: number, url: string, env: Record<string, string> }> {
  port ??= await getRandomPort('127.0.0.1')
  const url = `http://127.0.0.1:${port}`
  return { port, url, env: { NUXT_PUBLIC_SITE_URL: url, NUXT_ANTOM_SIMULATOR_TOKEN: SIMULATOR_TOKEN } }
}

/**
 * `@nuxt/test-utils` setup options for a production server on a known port, with {@link productionSite}'s env
 * under the test's own.
 */
export async function siteSetup(options: Partial<TestOptions>): Promise<Partial<TestOptions>> {
  const site = await productionSite()
  return { ...options, port: site.port, env: { ...site.env, ...options.env } }
}
