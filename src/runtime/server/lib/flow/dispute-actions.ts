import type { AntomDisputeEvidenceType, DownloadDisputeEvidenceResponse } from '../../../types/antom'
import type { AntomDisputeRecord } from '../../../types/payments'
import type { AntomContext } from '../context'
import { isFinalDispute } from '../dispute-state'
import { httpError } from '../http'
import { getDisputeRecord, saveDisputeRecord, withDisputeLock } from './dispute'

/** The largest defense document Antom takes: 1,000,000 base64 characters. */
export const MAX_DEFENSE_DOCUMENT_CHARS = 1_000_000

/** The stored dispute, refused when unknown (404) or, for an action, over (409), without asking Antom. */
async function openDispute(disputeId: string, action: string): Promise<AntomDisputeRecord> {
  const dispute = await getDisputeRecord(disputeId)
  if (!dispute) throw httpError(404, `No dispute ${disputeId}.`)
  if (isFinalDispute(dispute.status)) throw httpError(409, `Dispute ${disputeId} is over (${dispute.status}); it cannot be ${action}.`)
  return dispute
}

/** Stamps what the merchant did on the dispute record, under the payment's lock. */
function stamp(dispute: AntomDisputeRecord, field: 'acceptedAt' | 'defenseSuppliedAt', at: string | undefined): Promise<AntomDisputeRecord> {
  return withDisputeLock(dispute, async () => {
    const current = (await getDisputeRecord(dispute.disputeId)) ?? dispute
    current[field] = at ?? new Date().toISOString()
    await saveDisputeRecord(current)
    return current
  })
}

/**
 * Accepts a dispute at Antom (`acceptDispute`): the disputed amount goes back to the buyer. Recorded as `acceptedAt`;
 * the state moves when Antom's notification says so.
 * @throws H3Error 404 unknown dispute, 409 dispute over; AntomError when Antom refuses
 */
export async function acceptDispute({ client }: Pick<AntomContext, 'client'>, disputeId: string): Promise<AntomDisputeRecord> {
  const dispute = await openDispute(disputeId, 'accepted')
  const answer = await client().acceptDispute({ disputeId })
  return stamp(dispute, 'acceptedAt', answer.disputeResolutionTime)
}

/**
 * Defends a dispute with a document (`supplyDefenseDocument`, base64, at most 1,000,000 characters). Recorded as
 * `defenseSuppliedAt`; Antom's DEFENSE_SUPPLIED notification moves the state.
 * @throws H3Error 400 empty or too large a document, 404, 409; AntomError when Antom refuses
 */
export async function supplyDefenseDocument({ client }: Pick<AntomContext, 'client'>, input: { disputeId: string, document: string }): Promise<AntomDisputeRecord> {
  if (!input.document || input.document.length > MAX_DEFENSE_DOCUMENT_CHARS || !/^[a-z0-9+/]+={0,2}$/i.test(input.document)) {
    throw httpError(400, `The defense document must be base64, 1 to ${MAX_DEFENSE_DOCUMENT_CHARS} characters.`)
  }
  const dispute = await openDispute(input.disputeId, 'defended')
  const answer = await client().supplyDefenseDocument({ disputeId: input.disputeId, disputeEvidence: input.document })
  return stamp(dispute, 'defenseSuppliedAt', answer.disputeResolutionTime)
}

/**
 * Downloads a dispute's evidence (`downloadDisputeEvidence`): the file of the dispute, or Antom's defense template.
 * @throws H3Error 404 unknown dispute; AntomError when Antom refuses
 */
export async function downloadDisputeEvidence({ client }: Pick<AntomContext, 'client'>, input: { disputeId: string, type?: AntomDisputeEvidenceType }): Promise<{ document: string, format?: string }> {
  if (!(await getDisputeRecord(input.disputeId))) throw httpError(404, `No dispute ${input.disputeId}.`)
  const answer: DownloadDisputeEvidenceResponse = await client().downloadDisputeEvidence({ disputeId: input.disputeId, disputeEvidenceType: input.type ?? 'DISPUTE_EVIDENCE_FILE' })
  return { document: answer.disputeEvidence ?? '', ...(answer.disputeEvidenceFormat ? { format: answer.disputeEvidenceFormat } : {}) }
}
