import type { AntomPaymentState } from '../../types/routes'

const RANK: Record<AntomPaymentState, number> = { PROCESSING: 0, PENDING: 1, SUCCESS: 2, FAIL: 2, CANCELLED: 2 }

/** True for states that never change again. */
export function isFinal(state: AntomPaymentState): boolean {
  return RANK[state] === 2
}

/**
 * Whether a reported state may replace the stored one. States only move forward
 * (PROCESSING → PENDING → a final state), so a stale PENDING or a late FAIL after SUCCESS is ignored.
 */
export function canMoveTo(current: AntomPaymentState, next: AntomPaymentState): boolean {
  return RANK[next] > RANK[current]
}

/** Maps a notification to the state it reports. */
export function stateFromNotification(notifyType: string, resultStatus: string): AntomPaymentState | undefined {
  if (notifyType === 'PAYMENT_PENDING') return 'PENDING'
  if (notifyType !== 'PAYMENT_RESULT') return undefined
  if (resultStatus === 'S') return 'SUCCESS'
  if (resultStatus === 'F') return 'FAIL'
  return undefined
}
