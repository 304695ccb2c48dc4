import type { $Fetch } from 'ofetch'
import type { AntomRuntimeConfig } from '../../types/config'
import { AntomError } from './errors'
import { resolveGatewayUrl } from './endpoints'
import { parsePrivateKey, parsePublicKey, type AntomPrivateKey, type AntomPublicKey } from './keys'

/** Runtime config checked and parsed: what the client and the notify route work with. */
export interface AntomSettings {
  clientId: string
  /** Parsed synchronously; imported into Web Crypto on first use (once). */
  merchantPrivateKey: AntomPrivateKey
  alipayPublicKey: AntomPublicKey
  gatewayUrl: string
  keyVersion: string
  timeout: number
  notifyUrl: string
  redirectUrl: string
  settlementCurrency: string
  /** The shop's public origin (`NUXT_PUBLIC_SITE_URL`) that relative notify and redirect URLs resolve against; may be empty. */
  siteUrl: string
  /** How many proxies' `X-Forwarded-For` entries are believed (see `runtimeConfig.antom.trustedProxies`). */
  trustedProxies: number
  /** Sessions per client address and minute; 0 is off. */
  sessionRateLimit: number
  /** True when these settings point at the module's own simulator because no keys are configured. */
  simulated: boolean
  /** How API calls reach the gateway, when not over the network (the simulator answers in process). */
  transport?: $Fetch
}

const REQUIRED: Array<[keyof AntomRuntimeConfig, string]> = [
  ['clientId', 'NUXT_ANTOM_CLIENT_ID'],
  ['merchantPrivateKey', 'NUXT_ANTOM_MERCHANT_PRIVATE_KEY'],
  ['alipayPublicKey', 'NUXT_ANTOM_ALIPAY_PUBLIC_KEY'],
]

/**
 * Checks runtime config and parses the keys. Errors name the env vars to set and never echo a value.
 * @throws AntomError of kind `config`
 */
export function toAntomSettings(config: AntomRuntimeConfig, siteUrl: string): AntomSettings {
  const missing = REQUIRED.filter(([key]) => !String(config[key] ?? '').trim()).map(([, env]) => env)
  if (missing.length) {
    throw new AntomError({
      kind: 'config',
      message: `[nuxt-antom] Antom is not configured: set ${missing.join(', ')} (runtimeConfig.antom).`,
    })
  }
  let gatewayUrl: string
  try {
    gatewayUrl = resolveGatewayUrl({ gatewayUrl: config.gatewayUrl, region: config.region })
  }
  catch (error) {
    throw new AntomError({ kind: 'config', message: `${(error as Error).message} (NUXT_ANTOM_REGION / NUXT_ANTOM_GATEWAY_URL)` })
  }
  return {
    clientId: config.clientId.trim(),
    merchantPrivateKey: parsePrivateKey(config.merchantPrivateKey, { envName: 'NUXT_ANTOM_MERCHANT_PRIVATE_KEY' }),
    alipayPublicKey: parsePublicKey(config.alipayPublicKey, { envName: 'NUXT_ANTOM_ALIPAY_PUBLIC_KEY' }),
    gatewayUrl,
    keyVersion: String(config.keyVersion || '1'),
    ...sharedSettings(config, siteUrl),
    simulated: false,
  }
}

/** The settings that do not depend on whose keys are used (Antom's or the simulator's). */
export function sharedSettings(config: AntomRuntimeConfig, siteUrl: string) {
  return {
    timeout: Number(config.timeout) || 15_000,
    notifyUrl: config.notifyUrl ?? '',
    redirectUrl: config.redirectUrl ?? '',
    settlementCurrency: config.settlementCurrency ?? '',
    siteUrl: (siteUrl ?? '').replace(/\/+$/, ''),
    trustedProxies: Math.max(0, Math.floor(Number(config.trustedProxies) || 0)),
    sessionRateLimit: Math.max(0, Math.floor(Number(config.sessionRateLimit) || 0)),
  }
}
