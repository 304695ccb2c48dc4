import type { AntomAmount, AntomDisputeState } from '../../types/antom'
import type { SimulatorDisputeRequest } from '../../types/routes'
import { disputeCanMoveTo, isFinalDispute } from '../lib/dispute-state'
import { withLock } from '../lib/store'
import { toAntomTime } from '../lib/time'
import { failure, randomDigits, type SimulatorAnswer } from './answers'
import { takeFaults } from './faults'
import { useSimulatorStorage } from './identity'
import { enqueueNotification } from './notifier'
import type { SimulatedPayment } from './payments'

/** Days a merchant has to defend a dispute, from its creation (informational: `defenseDueTime`). */
const DEFENSE_DAYS = 7

/** A dispute as the simulator keeps it. */
export interface SimulatedDispute {
  disputeId: string
  paymentRequestId: string
  paymentId: string
  clientId: string
  merchant: SimulatedPayment['merchant']
  notifyUrl?: string
  status: AntomDisputeState
  amount: AntomAmount
  createdAt: number
  defenseDueAt: number
  defended?: boolean
  judgedResult?: string
}

const storage = () => useSimulatorStorage()
const SUCCESS = { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' } as const

/**
 * Sends the dispute's notification for its state, as Antom's `notifyDispute` (no `notifyType`), to the session's notify
 * URL (Antom sends disputes to the dashboard's URL; the simulator has no dashboard). Faults: `lost-notification`,
 * `duplicate-notification`.
 */
async function notifyDispute(dispute: SimulatedDispute): Promise<void> {
  const faults = await takeFaults('dispute-notification')
  if (!dispute.notifyUrl || faults.some(fault => fault.type === 'lost-notification')) return
  const judged = dispute.status === 'DISPUTE_JUDGED'
  const payload = {
    disputeNotificationType: dispute.status,
    paymentRequestId: dispute.paymentRequestId,
    paymentId: dispute.paymentId,
    disputeId: dispute.disputeId,
    disputeTime: toAntomTime(dispute.createdAt),
    disputeAmount: dispute.amount,
    disputeReasonCode: '10.4',
    disputeReasonMsg: 'Other Fraud - Card Absent Environment',
    disputeType: 'CHARGEBACK',
    defendable: !isFinalDispute(dispute.status) && !dispute.defended,
    defenseDueTime: toAntomTime(dispute.defenseDueAt),
    ...(judged ? { disputeJudgedResult: dispute.judgedResult, disputeJudgedTime: toAntomTime(Date.now()), disputeJudgedAmount: dispute.amount } : {}),
  }
  const target = { paymentRequestId: dispute.paymentRequestId, url: dispute.notifyUrl, clientId: dispute.clientId, merchant: dispute.merchant }
  const copies = Math.max(1, ...faults.filter(fault => fault.type === 'duplicate-notification').map(fault => fault.copies ?? 2))
  await Promise.all(Array.from({ length: copies }, () => enqueueNotification({ ...target, payload })))
}

async function save(dispute: SimulatedDispute): Promise<void> {
  await storage().setItem(`disputes:${dispute.disputeId}`, dispute)
}

/**
 * The operator walks a dispute on a paid payment (control endpoint): `DISPUTE_CREATED` opens one (when none is open),
 * any later state moves the latest one on; states never go back. Each step sends its signed notification.
 * @returns the dispute, a string saying why the step is refused, or undefined when the payment does not exist
 */
export async function advanceDispute(payment: SimulatedPayment | null, request: SimulatorDisputeRequest): Promise<SimulatedDispute | string | undefined> {
  if (!payment) return undefined
  if (payment.status !== 'SUCCESS' || (payment.capture ? payment.capture.status !== 'SUCCESS' : payment.captureDueAt !== undefined)) {
    return `The payment is ${payment.capture?.status === 'SUCCESS' || payment.status !== 'SUCCESS' ? payment.status : 'authorised, not captured'}; only a paid payment can be disputed.`
  }
  return withLock(`simulator:dispute:${payment.paymentRequestId}`, async () => {
    const latestId = await storage().getItem<string>(`payment-disputes:${payment.paymentRequestId}`)
    const latest = latestId ? await storage().getItem<SimulatedDispute>(`disputes:${latestId}`) : null
    let dispute: SimulatedDispute
    if (request.type === 'DISPUTE_CREATED') {
      if (latest && !isFinalDispute(latest.status)) return `Dispute ${latest.disputeId} of this payment is still open (${latest.status}).`
      const now = Date.now()
      dispute = {
        disputeId: `${payment.paymentId.slice(0, 8)}5${randomDigits(19)}`,
        paymentRequestId: payment.paymentRequestId,
        paymentId: payment.paymentId,
        clientId: payment.clientId,
        merchant: payment.merchant,
        ...(payment.notifyUrl ? { notifyUrl: payment.notifyUrl } : {}),
        status: 'DISPUTE_CREATED',
        amount: { currency: payment.amount.currency, value: request.value ?? payment.amount.value },
        createdAt: now,
        defenseDueAt: now + DEFENSE_DAYS * 24 * 3600 * 1000,
      }
      if (BigInt(dispute.amount.value) > BigInt(payment.amount.value)) return 'The disputed amount exceeds the payment amount.'
      await storage().setItem(`payment-disputes:${payment.paymentRequestId}`, dispute.disputeId)
    }
    else {
      if (!latest) return 'The payment has no dispute: open one with DISPUTE_CREATED.'
      if (!disputeCanMoveTo(latest.status, request.type)) return `Dispute ${latest.disputeId} is ${latest.status}; its state never goes back to or beside ${request.type}.`
      dispute = latest
      dispute.status = request.type
      if (request.type === 'DEFENSE_SUPPLIED') dispute.defended = true
      if (request.type === 'DISPUTE_JUDGED') dispute.judgedResult = request.disputeJudgedResult ?? (dispute.defended ? 'ACCEPT_BY_CUSTOMER' : 'ACCEPT_BY_MERCHANT')
    }
    await save(dispute)
    await notifyDispute(dispute)
    return dispute
  })
}

/** Moves a dispute on for an API call (accept, defend), refusing what Antom refuses. */
function act(disputeId: string, next: AntomDisputeState, effect: (dispute: SimulatedDispute) => void): Promise<SimulatorAnswer> {
  return withLock(`simulator:dispute-id:${disputeId}`, async () => {
    const dispute = await storage().getItem<SimulatedDispute>(`disputes:${disputeId}`)
    if (!dispute) return failure('PARAM_ILLEGAL', 'disputeId: no such dispute')
    if (isFinalDispute(dispute.status) || !disputeCanMoveTo(dispute.status, next)) return failure('REPEAT_REQUEST', `The dispute is ${dispute.status}.`)
    if (Date.now() > dispute.defenseDueAt) return failure('TIME_EXCEEDS_LIMIT', 'The defense is overdue; the dispute can no longer be accepted or defended.')
    dispute.status = next
    effect(dispute)
    await save(dispute)
    await notifyDispute(dispute)
    return { result: SUCCESS, disputeId, disputeResolutionTime: toAntomTime(Date.now()) }
  })
}

/** acceptDispute: the dispute becomes DISPUTE_ACCEPTED (notified). */
export function acceptDispute(body: { disputeId: string }): Promise<SimulatorAnswer> {
  return act(body.disputeId, 'DISPUTE_ACCEPTED', () => {})
}

/** supplyDefenseDocument: the dispute becomes DEFENSE_SUPPLIED (notified). */
export function supplyDefenseDocument(body: { disputeId: string, disputeEvidence: string }): Promise<SimulatorAnswer> {
  return act(body.disputeId, 'DEFENSE_SUPPLIED', (dispute) => {
    dispute.defended = true
  })
}

/** A tiny valid PDF, base64: the simulator's evidence file and defense template. */
const SAMPLE_PDF = btoa('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

/** downloadDisputeEvidence: a small PDF, whatever was asked for. */
export async function downloadDisputeEvidence(body: { disputeId: string, disputeEvidenceType: string }): Promise<SimulatorAnswer> {
  const dispute = await storage().getItem<SimulatedDispute>(`disputes:${body.disputeId}`)
  if (!dispute) return failure('PARAM_ILLEGAL', 'disputeId: no such dispute')
  return { result: SUCCESS, disputeEvidence: SAMPLE_PDF, disputeEvidenceFormat: 'PDF' }
}
