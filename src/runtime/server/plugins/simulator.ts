import { defineNitroPlugin, useRuntimeConfig } from 'nitropack/runtime'
import { simulatorActive } from '../lib/simulator-mode'
import { resumeDeliveries, stopDeliveries } from '../simulator/notifier'

// Resumes notifications a previous run left pending and says loudly when payments are simulated.
export default defineNitroPlugin(async (nitroApp) => {
  const config = useRuntimeConfig()
  if (simulatorActive(config.antom)) {
    const production = !import.meta.dev
    const line = `[nuxt-antom] Payments are simulated: no Antom keys are configured, so the local Antom simulator at ${config.public.antom.prefix}/simulator answers. Set NUXT_ANTOM_CLIENT_ID, NUXT_ANTOM_MERCHANT_PRIVATE_KEY and NUXT_ANTOM_ALIPAY_PUBLIC_KEY to use Antom.`
    if (production) console.warn(line)
    else console.info(line)
  }
  nitroApp.hooks.hook('close', stopDeliveries)
  try {
    await resumeDeliveries()
  }
  catch (error) {
    console.error('[nuxt-antom] Could not resume simulator notifications:', (error as Error).message)
  }
})
