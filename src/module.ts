import { addComponent, addImports, addServerHandler, addServerImports, createResolver, defineNuxtModule, useLogger } from '@nuxt/kit'
import { defu } from 'defu'
import { ANTOM_REGION_DOMAINS, type AntomRegion } from './runtime/server/lib/endpoints'
import type { AntomPublicRuntimeConfig, AntomRuntimeConfig } from './runtime/types/config'

export type { AntomPublicRuntimeConfig, AntomRuntimeConfig } from './runtime/types/config'

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
}

const ENVIRONMENTS = ['sandbox', 'prod'] as const

declare module '@nuxt/schema' {
  interface RuntimeConfig { antom: AntomRuntimeConfig }
  interface PublicRuntimeConfig { antom: AntomPublicRuntimeConfig }
}

export default defineNuxtModule<ModuleOptions>({
  meta: {
    name: 'nuxt-antom',
    configKey: 'antom',
    compatibility: { nuxt: '>=4.0.0' },
  },
  defaults: {
    environment: 'sandbox',
    region: 'SG',
    gatewayUrl: '',
    prefix: '/api/_antom',
    routes: { session: true, notify: true, payments: true },
    locale: '',
    analytics: true,
  },
  setup(options, nuxt) {
    const logger = useLogger('nuxt-antom')
    const { resolve } = createResolver(import.meta.url)

    if (!(ENVIRONMENTS as readonly string[]).includes(options.environment)) {
      throw new Error(`[nuxt-antom] antom.environment must be 'sandbox' or 'prod', got ${JSON.stringify(options.environment)}. The Antom SDK would silently use prod for it.`)
    }
    if (!(options.region in ANTOM_REGION_DOMAINS)) {
      throw new Error(`[nuxt-antom] antom.region must be one of ${Object.keys(ANTOM_REGION_DOMAINS).join(', ')}, got ${JSON.stringify(options.region)}.`)
    }
    const prefix = `/${options.prefix.replace(/^\/+|\/+$/g, '')}`

    // Runtime config: every key exists (even as '') so NUXT_ANTOM_* env vars can set it at runtime.
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
    } satisfies AntomRuntimeConfig)
    nuxt.options.runtimeConfig.public.antom = defu(nuxt.options.runtimeConfig.public.antom as Partial<AntomPublicRuntimeConfig> | undefined, {
      environment: options.environment,
      locale: options.locale,
      prefix,
      analytics: options.analytics,
    } satisfies AntomPublicRuntimeConfig)

    nuxt.options.alias['#antom'] = resolve('./runtime/types/index')

    // App
    addComponent({ name: 'AntomPay', filePath: resolve('./runtime/app/components/AntomPay.vue'), mode: 'client' })
    addImports([
      { name: 'useAntomCheckout', from: resolve('./runtime/app/composables/useAntomCheckout') },
      { name: 'useAntomPayment', from: resolve('./runtime/app/composables/useAntomPayment') },
    ])
    // Nuxt would prefetch the 1.6 MB SDK chunk on every page; it is loaded when <AntomPay> mounts instead.
    nuxt.hook('build:manifest', (manifest) => {
      for (const key in manifest) {
        if (key.includes('@alipay/ams-checkout')) {
          manifest[key]!.prefetch = false
          manifest[key]!.preload = false
        }
      }
    })

    // Server
    addServerImports([
      { name: 'useAntomClient', from: resolve('./runtime/server/utils/antom') },
      { name: 'useAntomConfig', from: resolve('./runtime/server/utils/antom') },
      { name: 'toAntomHttpError', from: resolve('./runtime/server/utils/antom') },
    ])

    if (!nuxt.options.dev && !nuxt.options._prepare && !(nuxt.options.runtimeConfig.antom as AntomRuntimeConfig).clientId) {
      logger.info('No Antom client id at build time; set NUXT_ANTOM_CLIENT_ID, NUXT_ANTOM_MERCHANT_PRIVATE_KEY and NUXT_ANTOM_ALIPAY_PUBLIC_KEY where the server runs.')
    }
    void addServerHandler
  },
})
