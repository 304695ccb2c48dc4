import { defineNitroPlugin, useRuntimeConfig } from 'nitropack/runtime'
import { simulatorAvailable } from '../lib/simulator-mode'
import { resumeDeliveries, stopDeliveries } from '../simulator/notifier'

// Resumes notifications a previous run left pending (only where the simulator is on: dev, or a build with its token).
export default defineNitroPlugin(async (nitroApp) => {
  if (!simulatorAvailable(useRuntimeConfig().antom)) return
  nitroApp.hooks.hook('close', stopDeliveries)
  try {
    await resumeDeliveries()
  }
  catch (error) {
    console.error('[nuxt-antom] Could not resume simulator notifications:', (error as Error).message)
  }
})
