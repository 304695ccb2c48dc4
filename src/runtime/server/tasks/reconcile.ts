import { defineTask } from 'nitropack/runtime'
import { reconcileAntomPayments } from '../utils/reconcile'

// antom:reconcile, scheduled by the module (antom.reconcile.schedule, every 5 minutes by default). Nitro runs it once
// at a time per process; several instances are safe (every change is made under the payment's lock).
// `runTask('antom:reconcile', { payload: { minAgeMinutes: 0 } })` overrides minAgeMinutes, retentionDays or now.
export default defineTask({
  meta: {
    name: 'antom:reconcile',
    description: 'Asks Antom about unfinished payments, cancels expired unpaid sessions, deletes final payments past the retention',
  },
  async run({ payload }) {
    const { minAgeMinutes, retentionDays, now } = payload as { minAgeMinutes?: number, retentionDays?: number, now?: number | string }
    return { result: await reconcileAntomPayments({ minAgeMinutes, retentionDays, ...(now === undefined ? {} : { now: new Date(now) }) }) }
  },
})
