// The Nitro virtual module nuxt-antom writes at build time.
declare module '#nuxt-antom/build' {
  /** Whether this build has the local Antom simulator (dev, or `antom.simulator: true`). */
  export const simulatorBuilt: boolean
}
