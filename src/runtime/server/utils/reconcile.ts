import { reconcilePayments, type AntomReconcileOptions, type AntomReconcileSummary } from '../lib/flow/reconcile'
import { useAntomClient } from './antom'

export type { AntomReconcileOptions, AntomReconcileSummary } from '../lib/flow/reconcile'

/**
 * Reconciles the stored payments with Antom, as the scheduled Nitro task `antom:reconcile` does every 5 minutes:
 * - a payment that is not final and older than `minAgeMinutes` is asked about with inquiryPayment; what Antom says
 *   is recorded like a notification (your handlers run once per change, with `source: 'reconcile'`), so a payment
 *   whose notification was lost still reaches its final state;
 * - one Antom still has unpaid after its session expired is closed with Antom's `cancel` and recorded CANCELLED
 *   (`onPaymentFailed` once);
 * - a final payment unchanged for `retentionDays` is deleted (with its refund index keys); one that is not final
 *   never is. After the same time, disputes that are over, handled notifications of kinds nuxt-antom does not
 *   process and capture results whose payment never became known are deleted too (`prunedRecords`).
 * Errors with one payment are logged and counted in `failed`, never stop the run; it logs one summary line.
 * @param options overrides of runtime config `antom.reconcile` for this run, `now`, and the request to hand to handlers
 * @returns how many payments were checked, updated, cancelled, pruned, failed and left uncaptured, and how many other
 *   records were pruned
 * @example const { failed } = await reconcileAntomPayments({ minAgeMinutes: 0 })
 */
export function reconcileAntomPayments(options: AntomReconcileOptions = {}): Promise<AntomReconcileSummary> {
  // The run is itself the retry: a call that fails is tried again by the next run.
  return reconcilePayments(options, { client: () => useAntomClient(options.event, { retry: false }) })
}
