/** How the shop words each of Antom's dispute states, on the order page and in the order's history. */
export const DISPUTE_LABELS: Record<string, string> = {
  DISPUTE_CREATED: 'opened',
  DEFENSE_DUE_ALERT: 'defence due soon',
  DEFENSE_SUPPLIED: 'defended',
  DISPUTE_ACCEPTED: 'accepted by the shop',
  DISPUTE_JUDGED: 'judged',
  DISPUTE_CANCELLED: 'cancelled by the buyer',
  RDR_RESOLVED: 'resolved by the card network (RDR)',
}

/** True once a dispute is over (Antom sends nothing more about it). */
export function isDisputeOver(status: string): boolean {
  return ['DISPUTE_JUDGED', 'DISPUTE_CANCELLED', 'RDR_RESOLVED'].includes(status)
}
