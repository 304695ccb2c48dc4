import type { AntomDisputeState } from '../../types/antom'

/**
 * The order a dispute moves in; a state never goes back, and states of one rank exclude each other (the first wins):
 * 0 `DISPUTE_CREATED` → 1 `DEFENSE_DUE_ALERT` → 2 `DEFENSE_SUPPLIED` | `DISPUTE_ACCEPTED` →
 * 3 `DISPUTE_JUDGED` | `DISPUTE_CANCELLED` | `RDR_RESOLVED` (final).
 */
export const DISPUTE_STATE_RANK: Record<AntomDisputeState, number> = {
  DISPUTE_CREATED: 0,
  DEFENSE_DUE_ALERT: 1,
  DEFENSE_SUPPLIED: 2,
  DISPUTE_ACCEPTED: 2,
  DISPUTE_JUDGED: 3,
  DISPUTE_CANCELLED: 3,
  RDR_RESOLVED: 3,
}

/** True for a `disputeNotificationType` nuxt-antom knows. */
export function isDisputeState(value: unknown): value is AntomDisputeState {
  return typeof value === 'string' && Object.hasOwn(DISPUTE_STATE_RANK, value)
}

/** True once the dispute is over: judged, cancelled by the buyer, or resolved by RDR. */
export function isFinalDispute(state: AntomDisputeState): boolean {
  return DISPUTE_STATE_RANK[state] === 3
}

/** Whether a dispute may move from `current` to `next`: only to a higher rank. */
export function disputeCanMoveTo(current: AntomDisputeState, next: AntomDisputeState): boolean {
  return DISPUTE_STATE_RANK[next] > DISPUTE_STATE_RANK[current]
}
