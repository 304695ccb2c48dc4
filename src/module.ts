import { join } from 'node:path'
import { addComponent, addImports, addServerHandler, addServerImports, addServerPlugin, createResolver, defineNuxtModule, useLogger } from '@nuxt/kit'
import { defu } from 'defu'
import { ANTOM_REGION_DOMAINS, type AntomRegion } from './runtime/server/lib/endpoints'
import type { AntomPublicRuntimeConfig, AntomRuntimeConfig } from './runtime/types/config'
import type { AntomPaymentEvent, AntomRefundEvent } from './runtime/types/payments'

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

const ENVIRONMENTS = ['sandbox', 'prod'] as const

declare module 'nitropack/types' {
  interface NitroRuntimeHooks {
    /** A payment's state changed (after the `defineAntomCheckout` handler ran). Throw to make Antom retry. */
    'antom:payment': (change: AntomPaymentEvent) => void | Promise<void>
    /** A refund reached a final state (after `onRefund` ran). Throw to make Antom retry. */
    'antom:refund': (change: AntomRefundEvent) => void | Promise<void>
  }
}

declare module '@nuxt/schema' {
  interface RuntimeConfig { antom: AntomRuntimeConfig }
  interface PublicRuntimeConfig {
    antom: AntomPublicRuntimeConfig
    /** The shop's public origin, e.g. `https://shop.example` (`NUXT_PUBLIC_SITE_URL`). */
    siteUrl: string
  }
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
    simulator: false,
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
    const simulatorBuilt = nuxt.options.dev || options.simulator === true
    const reconcile = defu(options.reconcile, { schedule: '*/5 * * * *' as string | false, minAgeMinutes: 5, retentionDays: 180 })

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
      trustedProxies: 0,
      sessionRateLimit: 0,
      simulator: {
        timeScale: 1,
        merchantPublicKey: '',
        antomPrivateKey: '',
        faults: '',
        token: '',
      },
      reconcile: { minAgeMinutes: reconcile.minAgeMinutes, retentionDays: reconcile.retentionDays },
    } satisfies AntomRuntimeConfig)
    // The ecosystem's site URL (NUXT_PUBLIC_SITE_URL): relative notify and redirect URLs resolve against it, never the Host header.
    nuxt.options.runtimeConfig.public.siteUrl ??= ''
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
    const serverUtils: Record<string, string[]> = {
      antom: ['useAntomClient', 'useAntomConfig', 'toAntomHttpError'],
      checkout: ['defineAntomCheckout'],
      payments: ['createAntomPaymentSession', 'getAntomPayment', 'inquireAntomPayment', 'cancelAntomPayment', 'refundAntomPayment', 'handleAntomNotification', 'ANTOM_NOTIFICATION_ACKNOWLEDGEMENT'],
      reconcile: ['reconcileAntomPayments'],
    }
    addServerImports([
      ...Object.entries(serverUtils).flatMap(([file, names]) => names.map(name => ({ name, from: resolve(`./runtime/server/utils/${file}`) }))),
      ...['toAntomAmount', 'fromAntomAmount'].map(name => ({ name, from: resolve('./runtime/server/lib/amount') })),
    ])
    const routes: Array<[keyof ModuleOptions['routes'], string, 'get' | 'post', string]> = [
      ['session', '/session', 'post', 'session.post'],
      ['notify', '/notify', 'post', 'notify.post'],
      ['payments', '/payments/:paymentRequestId', 'get', 'payments.get'],
    ]
    for (const [toggle, route, method, file] of routes) {
      if (options.routes[toggle]) addServerHandler({ route: `${prefix}${route}`, method, handler: resolve(`./runtime/server/api/${file}`) })
    }

    // Storage: payment records (antom) and the simulator's ledger (antom-simulator) survive restarts by default.
    // As Nitro's own `.data/kv`: the project in dev, the server's working directory in a build (never the build machine's path).
    const storage = options.storage ?? { driver: 'fs', base: nuxt.options.dev ? join(nuxt.options.rootDir, '.data/antom') : './.data/antom' }
    nuxt.hook('nitro:config', (config) => {
      const nitroConfig = config as { storage?: Record<string, unknown>, virtual?: Record<string, string> }
      nitroConfig.storage ||= {}
      nitroConfig.storage.antom ||= storage
      nitroConfig.storage['antom-simulator'] ||= simulatorStorage(storage)
      // A build-time constant, not runtime config: no env var can make a build without the simulator simulate.
      nitroConfig.virtual ||= {}
      nitroConfig.virtual['#nuxt-antom/build'] = `export const simulatorBuilt = ${simulatorBuilt}\nexport const sessionRouteBuilt = ${options.routes.session}`
    })

    // Reconciliation (antom:reconcile): a Nitro task, scheduled unless reconcile.schedule is false; minAgeMinutes and
    // retentionDays are runtime config above (NUXT_ANTOM_RECONCILE_*).
    nuxt.hook('nitro:config', (config) => {
      const nitroConfig = config as { experimental?: Record<string, unknown>, tasks?: Record<string, { handler?: string, description?: string }>, scheduledTasks?: Record<string, string | string[]> }
      nitroConfig.experimental = { ...nitroConfig.experimental, tasks: true }
      nitroConfig.tasks = { ...nitroConfig.tasks, 'antom:reconcile': { handler: resolve('./runtime/server/tasks/reconcile'), description: 'nuxt-antom: reconcile payments with Antom, delete old final ones' } }
      if (reconcile.schedule) {
        nitroConfig.scheduledTasks ||= {}
        const scheduled = [nitroConfig.scheduledTasks[reconcile.schedule] ?? []].flat()
        nitroConfig.scheduledTasks[reconcile.schedule] = [...new Set([...scheduled, 'antom:reconcile'])]
      }
    })

    addServerPlugin(resolve('./runtime/server/plugins/startup'))
    if (simulatorBuilt) {
      const simulatorRoutes: Array<[string, 'get' | 'post', string]> = [
        ['/simulator/ams/**', 'post', 'gateway.post'],
        ['/simulator/payments/:paymentRequestId/complete', 'post', 'complete.post'],
        ['/simulator/faults', 'post', 'faults.post'],
        ['/simulator/deliveries', 'get', 'deliveries.get'],
        ['/simulator/requests', 'get', 'requests.get'],
      ]
      for (const [route, method, file] of simulatorRoutes) {
        addServerHandler({ route: `${prefix}${route}`, method, handler: resolve(`./runtime/server/api/simulator/${file}`) })
      }
      addServerPlugin(resolve('./runtime/server/plugins/simulator'))
      if (!nuxt.options.dev && !nuxt.options._prepare) {
        logger.warn('The Antom simulator is built into this production build (antom.simulator: true). It is off unless NUXT_ANTOM_SIMULATOR_TOKEN is set at run time; then it answers payments whenever no Antom keys are configured.')
      }
    }
  },
})

/** The simulator's mount: the same driver as the payment records, under a base of its own so keys never collide. */
function simulatorStorage(storage: Record<string, unknown> & { driver: string }) {
  const base = typeof storage.base === 'string' ? storage.base : ''
  if (storage.driver === 'fs' || storage.driver === 'fs-lite') {
    return { ...storage, base: base ? `${base.replace(/\/+$/, '')}-simulator` : '.data/antom-simulator' }
  }
  return { ...storage, base: base ? `${base}:simulator` : 'antom-simulator' }
}
