/**
 * Private runtime config (`runtimeConfig.antom`); each key is settable with `NUXT_ANTOM_<KEY>`. A type alias, not an
 * interface: Nuxt makes nested runtime config optional in `nuxt.config` only for types that are plain records.
 */
export type AntomRuntimeConfig = {
  /** Antom client id. Env: `NUXT_ANTOM_CLIENT_ID`. */
  clientId: string
  /** Merchant RSA private key, base64 or PEM. Env: `NUXT_ANTOM_MERCHANT_PRIVATE_KEY`. */
  merchantPrivateKey: string
  /** Antom's RSA public key from the dashboard. Env: `NUXT_ANTOM_ALIPAY_PUBLIC_KEY`. */
  alipayPublicKey: string
  /**
   * Public URL of the notify route, sent as `paymentNotifyUrl`: absolute, or a path resolved against
   * `NUXT_PUBLIC_SITE_URL` (never against the request's Host). Empty: Antom uses the URL set in its dashboard.
   * Env: `NUXT_ANTOM_NOTIFY_URL`.
   */
  notifyUrl: string
  /**
   * Where the buyer returns after paying; `{paymentRequestId}` is replaced. Absolute, or a path resolved against
   * `NUXT_PUBLIC_SITE_URL`. Env: `NUXT_ANTOM_REDIRECT_URL`.
   */
  redirectUrl: string
  /** Explicit gateway origin; wins over `region`. Env: `NUXT_ANTOM_GATEWAY_URL`. */
  gatewayUrl: string
  /** Account region (SG, NA, US, EU). Env: `NUXT_ANTOM_REGION`. */
  region: string
  /** Key version in the signature header. Env: `NUXT_ANTOM_KEY_VERSION`. */
  keyVersion: string
  /** Per-attempt API timeout in ms. Env: `NUXT_ANTOM_TIMEOUT`. */
  timeout: number
  /** Settlement currency, when your contract has several. Env: `NUXT_ANTOM_SETTLEMENT_CURRENCY`. */
  settlementCurrency: string
  /**
   * How many reverse proxies in front of the server append the client address to `X-Forwarded-For`. `0`: the
   * header is not believed and the socket's address is the buyer's (sent to Antom's risk checks and used by the
   * rate limit). Set it only when every request passes through that many proxies you run.
   * Env: `NUXT_ANTOM_TRUSTED_PROXIES`.
   * @default 0
   */
  trustedProxies: number
  /**
   * Most sessions one client address may open per minute on `POST <prefix>/session` (429 with `Retry-After`
   * beyond it). `0` turns the limit off: behind a proxy that is not trusted, every buyer shares one address.
   * Counted per server instance. Env: `NUXT_ANTOM_SESSION_RATE_LIMIT`.
   * @default 0
   */
  sessionRateLimit: number
  /** The local Antom simulator. */
  simulator: AntomSimulatorRuntimeConfig
  /** Reconciliation and retention (the `antom:reconcile` task and `reconcileAntomPayments`). */
  reconcile: AntomReconcileRuntimeConfig
}

/** Runtime settings of the reconciliation (`runtimeConfig.antom.reconcile`); defaults from the `antom.reconcile` option. */
export type AntomReconcileRuntimeConfig = {
  /**
   * Payments created less than this many minutes ago are left to their notification.
   * Env: `NUXT_ANTOM_RECONCILE_MIN_AGE_MINUTES`.
   * @default 5
   */
  minAgeMinutes: number
  /**
   * Final payments unchanged for longer than this many days are deleted; unfinished ones never are.
   * Env: `NUXT_ANTOM_RECONCILE_RETENTION_DAYS`.
   * @default 180
   */
  retentionDays: number
}

/** Runtime settings of the local Antom simulator (`runtimeConfig.antom.simulator`). */
export type AntomSimulatorRuntimeConfig = {
  /** Divides every simulated duration (session expiry, unpaid close, notification retries). Env: `NUXT_ANTOM_SIMULATOR_TIME_SCALE`. */
  timeScale: number
  /** A merchant public key the simulator also accepts (your own test keys). Env: `NUXT_ANTOM_SIMULATOR_MERCHANT_PUBLIC_KEY`. */
  merchantPublicKey: string
  /** The Antom private key the simulator signs with for that merchant. Env: `NUXT_ANTOM_SIMULATOR_ANTOM_PRIVATE_KEY`. */
  antomPrivateKey: string
  /** Faults applied to every matching call, as a JSON array. Env: `NUXT_ANTOM_SIMULATOR_FAULTS`. */
  faults: string
  /**
   * Turns the built-in simulator on in a production build (at least 16 characters), and is the bearer token its
   * control routes (`complete`, `faults`, `deliveries`, `requests`) require. Not needed in `nuxt dev`.
   * Env: `NUXT_ANTOM_SIMULATOR_TOKEN`.
   */
  token: string
}

/** Public runtime config (`runtimeConfig.public.antom`): only what the browser needs, nothing derived from a secret. */
export type AntomPublicRuntimeConfig = {
  /** Environment given to the browser SDK. */
  environment: 'sandbox' | 'prod'
  /** Default SDK locale; empty means the browser's language. */
  locale: string
  /** Prefix of the module's routes, e.g. `/api/_antom`. */
  prefix: string
  /** Whether the SDK may send analytics. */
  analytics: boolean
}
