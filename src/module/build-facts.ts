import type { Nuxt } from '@nuxt/schema'

/** Facts decided when the app is built, which no env var may change at run time. */
export interface BuildFacts {
  /** The simulator's routes and plugin are in this build (dev, or `antom.simulator: true`). */
  simulatorBuilt: boolean
  /** The built-in `POST <prefix>/session` route is registered. */
  sessionRouteBuilt: boolean
}

/**
 * Writes the build facts into the Nitro virtual module `#nuxt-antom/build` and makes its types known to the
 * server's type check: a compiled-in constant, not runtime config, so no env var can make a build without the
 * simulator simulate.
 * @param nuxt the Nuxt instance
 * @param facts the facts to compile in
 * @param typesPath the declaration file of `#nuxt-antom/build`
 */
export function writeBuildFacts(nuxt: Nuxt, facts: BuildFacts, typesPath: string): void {
  nuxt.hook('nitro:config', (config) => {
    const nitro = config as { virtual?: Record<string, string> }
    nitro.virtual ||= {}
    nitro.virtual['#nuxt-antom/build'] = Object.entries(facts).map(([name, value]) => `export const ${name} = ${JSON.stringify(value)}`).join('\n')
  })
  // Both type checks see the module's server files (the app's includes the module's runtime directory).
  nuxt.hook('nitro:prepare:types', ({ references }) => {
    references.push({ path: typesPath })
  })
  nuxt.hook('prepare:types', ({ references }) => {
    references.push({ path: typesPath })
  })
}
