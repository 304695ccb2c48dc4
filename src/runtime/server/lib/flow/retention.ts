import type { AntomDisputeRecord } from '../../../types/payments'
import { isFinalDispute } from '../dispute-state'
import { useAntomStorage } from '../store'
import type { StoredUnknownNotification } from './unknown-notification'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The records besides payments that outlive their use, and when each stopped changing (undefined: still in use,
 * never pruned). Payments are pruned by the run itself, under their lock.
 */
const AGED_RECORDS: Array<{ base: string, lastChange: (record: never) => string | undefined }> = [
  // A dispute that is over and whose handlers ran: nothing more comes about it.
  { base: 'disputes', lastChange: (dispute: AntomDisputeRecord) => (isFinalDispute(dispute.status) && dispute.handledStatus === dispute.status ? dispute.updatedAt : undefined) },
  // A notification of a kind nuxt-antom does not process, once the antom:notification hook took it (Antom stops
  // retrying after 24 h). One whose hook never completed is kept: nobody has it yet.
  { base: 'notifications:unknown', lastChange: (kept: StoredUnknownNotification) => (kept.handledAt ? kept.receivedAt : undefined) },
  // A CAPTURE_RESULT kept for a payment whose Antom id never became known (its PAYMENT_RESULT never came here:
  // another integration's payment on the same account).
  { base: 'pending-captures', lastChange: (kept: { receivedAt?: string }) => kept.receivedAt },
]

/**
 * Deletes the records of {@link AGED_RECORDS} whose last change is older than `retentionDays`, as the reconciliation
 * deletes final payments.
 * @param now the time the run acts at (epoch ms)
 * @param retentionDays how long a record that stopped changing is kept
 * @returns how many were deleted
 */
export async function pruneAgedRecords(now: number, retentionDays: number): Promise<number> {
  const storage = useAntomStorage()
  let pruned = 0
  for (const { base, lastChange } of AGED_RECORDS) {
    for (const key of await storage.getKeys(base)) {
      if (!key.startsWith(`${base}:`)) continue
      const record = await storage.getItem(key)
      const at = record ? lastChange(record as never) : undefined
      if (at === undefined || !(now - Date.parse(at) > retentionDays * DAY_MS)) continue
      await storage.removeItem(key)
      pruned++
    }
  }
  return pruned
}
