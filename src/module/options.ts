import type { AntomRegion } from '../runtime/server/lib/endpoints'

/** Build-time options of nuxt-antom (`antom` key in nuxt.config). None of them is secret. */
export interface ModuleOptions {
  /**
   * Which Antom environment the browser SDK talks to. Anything other than `'sandbox'` or `'prod'`
   * fails the build, because the SDK silently falls back to prod on an unknown value.
   * The server side follows the client id instead: `SANDBOX_…` ids use Antom's sandbox paths.
   * @default 'sandbox'
   */
  environment: 'sandbox' | 'prod'
  /**
   * Region of your Antom account; picks the API domain (SG `open-sea-global.alipay.com`,
   * NA `open-na-global.alipay.com`, US `open.antglobal-us.com`, EU `open-de-global.alipay.com`).
   * Ignored when `gatewayUrl` is set.
   * @default 'SG'
   * @see https://docs.antom.com/ac/ams/api_fund
   */
  region: AntomRegion
  /**
   * Explicit gateway origin (a proxy, or another Antom domain). Overridable at runtime with
   * `NUXT_ANTOM_GATEWAY_URL`.
   * @default ''
   */
  gatewayUrl: string
  /**
   * Path prefix of the module's server routes.
   * @default '/api/_antom'
   */
  prefix: string
  /** Switches for the built-in routes; turn one off to write your own from the server utils. */
  routes: {
    /** `POST <prefix>/session`. @default true */
    session: boolean
    /** `POST <prefix>/checkout`: a form post that answers 303 to the hosted Checkout Page (no JavaScript). @default true */
    checkout: boolean
    /** `POST <prefix>/notify`. @default true */
    notify: boolean
    /** `GET <prefix>/payments/:paymentRequestId`. @default true */
    payments: boolean
  }
  /**
   * Default SDK locale (e.g. `en_US`); empty means the browser's language.
   * @default ''
   */
  locale: string
  /**
   * Whether the browser SDK may send its analytics.
   * @default true
   */
  analytics: boolean
  /**
   * Builds the local Antom simulator in. It is always in `nuxt dev`; a production build gets it only
   * with `true` (demos, staging, e2e tests), and warns when it is built. Even then it is off until
   * `NUXT_ANTOM_SIMULATOR_TOKEN` (16+ characters) is set at run time; its control routes need that token as a
   * bearer token. Payments are simulated only while no Antom keys are configured.
   * @default false (dev: always on)
   */
  simulator: boolean
  /**
   * Where payment records and the simulator's state live: any unstorage mount options. The default
   * file-system driver keeps them across restarts; use Redis (or another shared driver) for several instances.
   * @default { driver: 'fs', base: '.data/antom' } (dev: `<rootDir>/.data/antom`; a build: relative to the server's working directory)
   * @see https://unstorage.unjs.io/drivers
   */
  storage?: Record<string, unknown> & { driver: string }
  /**
   * Reconciliation and retention: the Nitro task `antom:reconcile` (also `reconcileAntomPayments()` in server code)
   * asks Antom about unfinished payments, cancels expired unpaid sessions at Antom, and deletes old final payments.
   */
  reconcile?: {
    /**
     * When the task runs (cron, server time), or `false` to never schedule it (run it yourself).
     * @default '*\/5 * * * *' (every 5 minutes)
     */
    schedule?: string | false
    /**
     * Payments younger than this are left to their notification. Runtime: `NUXT_ANTOM_RECONCILE_MIN_AGE_MINUTES`.
     * @default 5
     */
    minAgeMinutes?: number
    /**
     * Final payments unchanged for this many days are deleted; unfinished ones never are.
     * Runtime: `NUXT_ANTOM_RECONCILE_RETENTION_DAYS`.
     * @default 180
     */
    retentionDays?: number
  }
}
