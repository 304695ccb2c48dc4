import type { Nuxt } from '@nuxt/schema'
import { defu } from 'defu'
import type { AntomPublicRuntimeConfig, AntomRuntimeConfig } from '../runtime/types/config'
import type { ModuleOptions } from './options'

/**
 * Fills the runtime config. Every key exists (even as '') so its `NUXT_ANTOM_*` env var can set it when the server
 * starts; nothing secret has a default, and the public part holds nothing derived from a secret.
 */
export function setRuntimeConfig(nuxt: Nuxt, options: ModuleOptions, prefix: string, reconcile: { minAgeMinutes: number, retentionDays: number }): void {
  nuxt.options.runtimeConfig.antom = defu(nuxt.options.runtimeConfig.antom as Partial<AntomRuntimeConfig> | undefined, {
    clientId: '',
    merchantPrivateKey: '',
    alipayPublicKey: '',
    notifyUrl: '',
    redirectUrl: '',
    gatewayUrl: options.gatewayUrl,
    region: options.region,
    keyVersion: '1',
    timeout: 15_000,
    settlementCurrency: '',
    trustedProxies: 0,
    sessionRateLimit: 0,
    simulator: { timeScale: 1, merchantPublicKey: '', antomPrivateKey: '', faults: '', token: '' },
    reconcile,
  } satisfies AntomRuntimeConfig)
  // The ecosystem's site URL (NUXT_PUBLIC_SITE_URL): relative notify and redirect URLs resolve against it, never the Host header.
  nuxt.options.runtimeConfig.public.siteUrl ??= ''
  nuxt.options.runtimeConfig.public.antom = defu(nuxt.options.runtimeConfig.public.antom as Partial<AntomPublicRuntimeConfig> | undefined, {
    environment: options.environment,
    locale: options.locale,
    prefix,
    analytics: options.analytics,
  } satisfies AntomPublicRuntimeConfig)
}
