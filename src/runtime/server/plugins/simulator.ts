import { defineNitroPlugin, useRuntimeConfig } from 'nitropack/runtime'
import { registerAntomSettingsAdapter } from '../lib/adapters'
import { simulatorAvailable } from '../lib/simulator-mode'
import { simulatorSettings } from '../simulator/adapter'
import { resumeDeliveries, stopDeliveries } from '../simulator/notifier'

// Plugs the simulator in where it is on (dev, or a build with its token): its settings adapter answers while no
// Antom keys are configured, and notifications a previous run left pending are resumed.
export default defineNitroPlugin(async (nitroApp) => {
  if (!simulatorAvailable(useRuntimeConfig().antom)) return
  registerAntomSettingsAdapter(simulatorSettings)
  nitroApp.hooks.hook('close', stopDeliveries)
  try {
    await resumeDeliveries()
  }
  catch (error) {
    console.error('[nuxt-antom] Could not resume simulator notifications:', (error as Error).message)
  }
})
