import { sessionRouteBuilt, simulatorBuilt } from '#nuxt-antom/build'
import { defineNitroPlugin, useRuntimeConfig } from 'nitropack/runtime'
import { checkAntomConfig } from '../lib/config-check'
import { storageProblems } from '../lib/storage-check'
import { checkoutOptions } from '../lib/checkout'

// Checks the configuration once at start: a production server with a missing or broken key, an unresolvable
// notify/redirect URL or unwritable storage refuses to start, naming the env var; `nuxt dev` only warns.
export default defineNitroPlugin(() => {
  const config = useRuntimeConfig()
  const report = checkAntomConfig(config.antom, { siteUrl: config.public.siteUrl, prefix: config.public.antom.prefix, dev: import.meta.dev })
  const problems = [...report.problems, ...storageProblems('antom'), ...(simulatorBuilt ? storageProblems('antom-simulator') : [])]
  if (problems.length) {
    const message = `[nuxt-antom] The configuration cannot take payments:\n  - ${problems.join('\n  - ')}`
    if (!import.meta.dev) throw new Error(message)
    console.warn(message)
  }

  const site = config.public.siteUrl
  const where = (url: string) => (url && site && url.startsWith('/') ? `${site.replace(/\/+$/, '')}${url}` : url || '(none)')
  const line = `[nuxt-antom] Payments: ${report.mode}, region ${report.region}, gateway ${report.gateway}, notify URL ${report.notifyUrl ? where(report.notifyUrl) : '(Antom dashboard)'}, redirect URL ${where(report.redirectUrl)}.`
  if (report.mode === 'simulated') {
    const simulated = `${line} No Antom keys are configured, so the local Antom simulator answers; set NUXT_ANTOM_CLIENT_ID, NUXT_ANTOM_MERCHANT_PRIVATE_KEY and NUXT_ANTOM_ALIPAY_PUBLIC_KEY to use Antom.`
    if (import.meta.dev) console.info(simulated)
    else console.warn(simulated)
  }
  else {
    console.info(line)
  }

  // The app's own plugins run after the module's: look for its resolver once they all have.
  queueMicrotask(() => {
    if (sessionRouteBuilt && !checkoutOptions()?.resolveOrder) {
      console.warn('[nuxt-antom] No order resolver is registered, so POST /session answers 500: call defineAntomCheckout({ resolveOrder }) in a Nitro plugin (server/plugins/antom.ts), or turn the route off with antom.routes.session: false.')
    }
  })
})
