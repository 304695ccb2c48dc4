// The Nitro virtual module nuxt-antom writes at build time.
declare module '#nuxt-antom/build' {
  /** Whether this build has the local Antom simulator (dev, or `antom.simulator: true`). */
  export const simulatorBuilt: boolean
  /** Whether the built-in `POST <prefix>/session` route is registered (`antom.routes.session`). */
  export const sessionRouteBuilt: boolean
}
