import { defineNitroPlugin, useRuntimeConfig } from 'nitropack/runtime'
import { registerAntomSettingsAdapter } from '../lib/adapters'
import { simulatorAvailable } from '../lib/simulator-mode'
import { simulatorSettings } from '../simulator/adapter'
import { deliveriesPending, deliveriesSettled, resumeDeliveries, stopDeliveries } from '../simulator/notifier'

// Plugs the simulator in where it is on (dev, or a build with its token): its settings adapter answers while no
// Antom keys are configured, and notifications a previous run left pending are resumed.
export default defineNitroPlugin(async (nitroApp) => {
  if (!simulatorAvailable(useRuntimeConfig().antom)) return
  registerAntomSettingsAdapter(simulatorSettings)
  nitroApp.hooks.hook('close', stopDeliveries)

  // Where the platform ends a request's work with its response (Cloudflare Workers: `event.context.waitUntil`), a
  // request that leaves notifications scheduled (the complete route, a refund) keeps them and their retries alive.
  nitroApp.hooks.hook('beforeResponse', (event) => {
    if (event.context.waitUntil && deliveriesPending()) event.waitUntil(deliveriesSettled())
  })

  // Resumed at start; where storage cannot be used outside a request (Workers' global scope), by the first request.
  let unresumed = true
  const resume = async (retried: boolean) => {
    unresumed = false
    try {
      await resumeDeliveries()
    }
    catch (error) {
      if (!retried) unresumed = true
      else console.error('[nuxt-antom] Could not resume simulator notifications:', (error as Error).message)
    }
  }
  nitroApp.hooks.hook('request', (event) => {
    if (unresumed) event.waitUntil(resume(true))
  })
  await resume(false)
})
