import type { H3Event } from 'h3'
import { useNitroApp } from 'nitropack/runtime'
import type { DisputeNotification } from '../../../types/antom'
import type { AntomDisputeRecord } from '../../../types/payments'
import { checkoutOptions } from '../checkout'
import { disputeCanMoveTo } from '../dispute-state'
import { getPaymentRecord, savePaymentRecord, useAntomStorage, withLock, withPaymentLock } from '../store'
import type { ApplyOutcome } from './transitions'

/** Reads a dispute record. */
export function getDisputeRecord(disputeId: string): Promise<AntomDisputeRecord | null> {
  return useAntomStorage().getItem<AntomDisputeRecord>(`disputes:${disputeId}`)
}

/** Writes a dispute record, stamping `updatedAt`. */
export async function saveDisputeRecord(dispute: AntomDisputeRecord): Promise<void> {
  dispute.updatedAt = new Date().toISOString()
  await useAntomStorage().setItem(`disputes:${dispute.disputeId}`, dispute)
}

/** The payment a dispute notification is about: its paymentRequestId, else Antom's paymentId. */
async function paymentForDispute(notification: DisputeNotification): Promise<string | undefined> {
  if (notification.paymentRequestId) return notification.paymentRequestId
  return (notification.paymentId && await useAntomStorage().getItem<string>(`payment-ids:${notification.paymentId}`)) || undefined
}

/** Runs `task` under the disputed payment's lock (the dispute's own when the payment is not known). */
export async function withDisputeLock<T>(dispute: { disputeId: string, paymentRequestId?: string }, task: () => Promise<T>): Promise<T> {
  return dispute.paymentRequestId ? withPaymentLock(dispute.paymentRequestId, task) : withLock(`dispute:${dispute.disputeId}`, task)
}

/** Copies what a notification says about the dispute onto its record (fields it carries; nothing is cleared). */
function absorb(dispute: AntomDisputeRecord, notification: DisputeNotification): void {
  dispute.paymentId ??= notification.paymentId
  if (notification.disputeAmount) dispute.amount = notification.disputeAmount
  if (notification.disputeReasonCode) dispute.reasonCode = notification.disputeReasonCode
  if (notification.disputeReasonMsg) dispute.reasonMessage = notification.disputeReasonMsg
  if (notification.defenseDueTime) dispute.defenseDueTime = notification.defenseDueTime
  if (notification.defendable !== undefined) dispute.defendable = notification.defendable === true || notification.defendable === 'true'
  if (notification.disputeJudgedResult) dispute.judgedResult = notification.disputeJudgedResult
  if (notification.disputeJudgedAmount) dispute.judgedAmount = notification.disputeJudgedAmount
}

/**
 * Applies a verified `notifyDispute` under the payment's lock, exactly once per state: the dispute record is stored
 * (and linked from the payment's `disputeIds`), then `onDispute` and the `antom:dispute` hook run, then the state is
 * marked handled. A notification of an earlier or equal-rank state than the stored one is stale and changes nothing
 * (see `DISPUTE_STATE_RANK`). A dispute about a payment this app did not create is kept and handled too (`payment`
 * is null): dispute notifications go to the dashboard's URL, for every integration of the account.
 * @throws whatever a handler throws, after the state is stored (the caller answers 500 so Antom retries)
 */
export async function applyDisputeNotification(notification: DisputeNotification, event: H3Event): Promise<ApplyOutcome> {
  const paymentRequestId = await paymentForDispute(notification)
  return withDisputeLock({ disputeId: notification.disputeId, paymentRequestId }, async () => {
    const now = new Date().toISOString()
    const stored = await getDisputeRecord(notification.disputeId)
    const next = notification.disputeNotificationType
    if (stored && stored.status !== next && !disputeCanMoveTo(stored.status, next)) return 'stale'
    if (stored && stored.status === next && stored.handledStatus === next) return 'duplicate'
    const dispute: AntomDisputeRecord = stored ?? { disputeId: notification.disputeId, ...(paymentRequestId ? { paymentRequestId } : {}), status: next, history: [], createdAt: now, updatedAt: now }
    const previousStatus = stored?.handledStatus
    if (!stored || stored.status !== next) {
      dispute.status = next
      dispute.history.push({ status: next, at: now, ...(typeof notification.disputeNotificationTime === 'string' ? { notifiedAt: notification.disputeNotificationTime } : {}) })
    }
    absorb(dispute, notification)
    await saveDisputeRecord(dispute)

    const payment = paymentRequestId ? await getPaymentRecord(paymentRequestId) : null
    if (payment && !payment.disputeIds?.includes(dispute.disputeId)) {
      payment.disputeIds = [...(payment.disputeIds ?? []), dispute.disputeId]
      await savePaymentRecord(payment)
    }
    if (!payment) console.warn(`[nuxt-antom] A ${next} notification for dispute ${dispute.disputeId} names payment ${paymentRequestId ?? notification.paymentId ?? '(none)'}, which this app did not create; the dispute is stored and handled.`)

    const change = { dispute, previousStatus, payment, notification, event }
    await checkoutOptions()?.onDispute?.(change)
    await useNitroApp().hooks.callHook('antom:dispute', change)
    dispute.handledStatus = next
    await saveDisputeRecord(dispute)
    return 'applied'
  })
}
