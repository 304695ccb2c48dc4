import { addComponent, addImports, createResolver, defineNuxtModule, useLogger } from '@nuxt/kit'
import { defu } from 'defu'
import { ANTOM_REGION_DOMAINS } from './runtime/server/lib/endpoints'
import { writeBuildFacts } from './module/build-facts'
import { setupDevtools } from './module/devtools'
import type { ModuleOptions } from './module/options'
import { registerReconcileTask } from './module/reconcile'
import { setRuntimeConfig } from './module/runtime-config'
import { keepSdkOffOtherPages } from './module/sdk-prefetch'
import { registerServer } from './module/server'
import { mountStorage } from './module/storage'
import type { AntomPublicRuntimeConfig, AntomRuntimeConfig } from './runtime/types/config'
import type { AntomDisputeEvent, AntomPaymentEvent, AntomRefundEvent, AntomUnknownNotificationEvent } from './runtime/types/payments'

export type { AntomPublicRuntimeConfig, AntomRuntimeConfig } from './runtime/types/config'
export type { ModuleOptions } from './module/options'

const ENVIRONMENTS = ['sandbox', 'prod'] as const

declare module 'nitropack/types' {
  interface NitroRuntimeHooks {
    /**
     * A payment's state changed (after the `defineAntomCheckout` handler ran), or its capture did (`source: 'capture'`,
     * after `onPaymentCaptured` / `onCaptureFailed`). Throw to make Antom retry.
     */
    'antom:payment': (change: AntomPaymentEvent) => void | Promise<void>
    /** A refund reached a final state (after `onRefund` ran). Throw to make Antom retry. */
    'antom:refund': (change: AntomRefundEvent) => void | Promise<void>
    /** A dispute was opened or moved on (after `onDispute` ran), once per state. Throw to make Antom retry. */
    'antom:dispute': (change: AntomDisputeEvent) => void | Promise<void>
    /**
     * A verified notification of a kind nuxt-antom does not process, stored at `notifications:unknown:<id>`: once per
     * notification (Antom's retries of it are only acknowledged). Throw to make Antom retry.
     */
    'antom:notification': (notification: AntomUnknownNotificationEvent) => void | Promise<void>
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
    routes: { session: true, checkout: true, notify: true, payments: true },
    locale: '',
    analytics: true,
    simulator: false,
  },
  async setup(options, nuxt) {
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

    // Runtime config and build-time facts
    setRuntimeConfig(nuxt, options, prefix, { minAgeMinutes: reconcile.minAgeMinutes, retentionDays: reconcile.retentionDays })
    writeBuildFacts(nuxt, { simulatorBuilt, sessionRouteBuilt: options.routes.session }, resolve('./runtime/types/build.d.ts'))
    nuxt.options.alias['#antom'] = resolve('./runtime/types/index')

    // App
    addComponent({ name: 'AntomPay', filePath: resolve('./runtime/app/components/AntomPay.vue'), mode: 'all' })
    addImports([
      { name: 'useAntomCheckout', from: resolve('./runtime/app/composables/useAntomCheckout') },
      { name: 'useAntomPayment', from: resolve('./runtime/app/composables/useAntomPayment') },
      // Pages show Antom's minor-unit amounts: exact, per currency (JPY has no decimals), as the module's own UI does.
      { name: 'formatAntomAmount', from: resolve('./runtime/app/lib/amount') },
    ])
    keepSdkOffOtherPages(nuxt)

    // Server
    registerServer(options, prefix, simulatorBuilt, path => resolve(`./runtime/server/${path}`))
    mountStorage(nuxt, options)
    registerReconcileTask(nuxt, resolve('./runtime/server/tasks/reconcile'), reconcile.schedule)
    await setupDevtools(nuxt, path => resolve(`./runtime/server/${path}`))
    if (simulatorBuilt && !nuxt.options.dev && !nuxt.options._prepare) {
      logger.warn('The Antom simulator is built into this production build (antom.simulator: true). It is off unless NUXT_ANTOM_SIMULATOR_TOKEN is set at run time; then it answers payments whenever no Antom keys are configured.')
    }
  },
})
