import type { H3Event } from 'h3'
import type { AntomDisputeEvidenceType } from '../../types/antom'
import type { AntomDisputeRecord } from '../../types/payments'
import { getDisputeRecord } from '../lib/flow/dispute'
import { acceptDispute, downloadDisputeEvidence, supplyDefenseDocument } from '../lib/flow/dispute-actions'
import { toAntomHttpError, useAntomContext } from './antom'

/**
 * The stored dispute (built from Antom's `notifyDispute`), without asking Antom.
 * @param disputeId Antom's dispute id (a payment's record lists its disputes in `disputeIds`)
 * @returns null when no notification about it arrived
 */
export function getAntomDispute(disputeId: string): Promise<AntomDisputeRecord | null> {
  return getDisputeRecord(disputeId)
}

/**
 * Accepts a dispute: the disputed amount goes back to the buyer. The state moves when Antom's notification says so.
 * @param event the request
 * @param disputeId the dispute
 * @throws H3Error 404 unknown dispute, 409 dispute over (before Antom is asked); Antom failures as `toAntomHttpError` maps them
 * @example await acceptAntomDispute(event, dispute.disputeId)
 */
export async function acceptAntomDispute(event: H3Event, disputeId: string): Promise<AntomDisputeRecord> {
  try {
    return await acceptDispute(await useAntomContext(event), disputeId)
  }
  catch (error) {
    throw toAntomHttpError(error)
  }
}

/**
 * Defends a dispute with a document (base64, at most 1,000,000 characters), before its `defenseDueTime`.
 * @param event the request
 * @param input the dispute and the document
 * @param input.disputeId the dispute
 * @param input.document the defense document, base64
 * @throws H3Error 400 bad document, 404 unknown dispute, 409 dispute over; Antom failures as `toAntomHttpError` maps them
 */
export async function supplyAntomDefenseDocument(event: H3Event, input: { disputeId: string, document: string }): Promise<AntomDisputeRecord> {
  try {
    return await supplyDefenseDocument(await useAntomContext(event), input)
  }
  catch (error) {
    throw toAntomHttpError(error)
  }
}

/**
 * Downloads a dispute's evidence: the file of the dispute (`DISPUTE_EVIDENCE_FILE`, default) or Antom's defense
 * template (`DISPUTE_EVIDENCE_TEMPLATE`), base64, with its format (`PDF`, `WORD`…).
 * @param event the request
 * @param input the dispute and which document
 * @param input.disputeId the dispute
 * @param input.type which document
 * @throws H3Error 404 unknown dispute; Antom failures as `toAntomHttpError` maps them
 */
export async function downloadAntomDisputeEvidence(event: H3Event, input: { disputeId: string, type?: AntomDisputeEvidenceType }): Promise<{ document: string, format?: string }> {
  try {
    return await downloadDisputeEvidence(await useAntomContext(event), input)
  }
  catch (error) {
    throw toAntomHttpError(error)
  }
}
