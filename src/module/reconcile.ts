import type { Nuxt } from '@nuxt/schema'

/**
 * Registers the `antom:reconcile` Nitro task and, unless `schedule` is false, schedules it. Its settings
 * (`minAgeMinutes`, `retentionDays`) are runtime config (`NUXT_ANTOM_RECONCILE_*`).
 * @param nuxt the Nuxt instance
 * @param handler the task file
 * @param schedule a cron expression, or false to leave scheduling to the app
 */
export function registerReconcileTask(nuxt: Nuxt, handler: string, schedule: string | false): void {
  nuxt.hook('nitro:config', (config) => {
    const nitro = config as { experimental?: Record<string, unknown>, tasks?: Record<string, { handler?: string, description?: string }>, scheduledTasks?: Record<string, string | string[]> }
    nitro.experimental = { ...nitro.experimental, tasks: true }
    nitro.tasks = { ...nitro.tasks, 'antom:reconcile': { handler, description: 'nuxt-antom: reconcile payments with Antom, delete old final ones' } }
    if (schedule) {
      nitro.scheduledTasks ||= {}
      const scheduled = [nitro.scheduledTasks[schedule] ?? []].flat()
      nitro.scheduledTasks[schedule] = [...new Set([...scheduled, 'antom:reconcile'])]
    }
  })
}
