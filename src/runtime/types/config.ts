/** Private runtime config (`runtimeConfig.antom`); each key is settable with `NUXT_ANTOM_<KEY>`. */
export interface AntomRuntimeConfig {
  /** Antom client id. Env: `NUXT_ANTOM_CLIENT_ID`. */
  clientId: string
  /** Merchant RSA private key, base64 or PEM. Env: `NUXT_ANTOM_MERCHANT_PRIVATE_KEY`. */
  merchantPrivateKey: string
  /** Antom's RSA public key from the dashboard. Env: `NUXT_ANTOM_ALIPAY_PUBLIC_KEY`. */
  alipayPublicKey: string
  /** Public URL of the notify route, sent as `paymentNotifyUrl`. Env: `NUXT_ANTOM_NOTIFY_URL`. */
  notifyUrl: string
  /** Where the buyer returns after paying; `{paymentRequestId}` is replaced. Env: `NUXT_ANTOM_REDIRECT_URL`. */
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
  /** The local Antom simulator. */
  simulator: AntomSimulatorRuntimeConfig
}

/** Runtime settings of the local Antom simulator (`runtimeConfig.antom.simulator`). */
export interface AntomSimulatorRuntimeConfig {
  /** Divides every simulated duration (session expiry, unpaid close, notification retries). Env: `NUXT_ANTOM_SIMULATOR_TIME_SCALE`. */
  timeScale: number
  /** A merchant public key the simulator also accepts (your own test keys). Env: `NUXT_ANTOM_SIMULATOR_MERCHANT_PUBLIC_KEY`. */
  merchantPublicKey: string
  /** The Antom private key the simulator signs with for that merchant. Env: `NUXT_ANTOM_SIMULATOR_ANTOM_PRIVATE_KEY`. */
  antomPrivateKey: string
  /** Faults applied to every matching call, as a JSON array. Env: `NUXT_ANTOM_SIMULATOR_FAULTS`. */
  faults: string
}

/** Public runtime config (`runtimeConfig.public.antom`): only what the browser needs, nothing derived from a secret. */
export interface AntomPublicRuntimeConfig {
  /** Environment given to the browser SDK. */
  environment: 'sandbox' | 'prod'
  /** Default SDK locale; empty means the browser's language. */
  locale: string
  /** Prefix of the module's routes, e.g. `/api/_antom`. */
  prefix: string
  /** Whether the SDK may send analytics. */
  analytics: boolean
}
