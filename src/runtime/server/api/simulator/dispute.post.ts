import { defineEventHandler, getRouterParam } from 'h3'
import { z } from 'zod'
import type { SimulatorDisputeResponse } from '../../../types/routes'
import { DISPUTE_STATE_RANK } from '../../lib/dispute-state'
import { httpError, parseBody, readJsonBody } from '../../lib/http'
import { advanceDispute } from '../../simulator/disputes'
import { guardSimulatorRoute } from '../../simulator/guard'
import { findPayment } from '../../simulator/payments'

const bodySchema = z.object({
  type: z.enum(Object.keys(DISPUTE_STATE_RANK) as [keyof typeof DISPUTE_STATE_RANK]),
  disputeJudgedResult: z.enum(['ACCEPT_BY_CUSTOMER', 'ACCEPT_BY_MERCHANT', 'VALIDATE_SUCCESS', 'VALIDATE_FAIL']).optional(),
  value: z.string().regex(/^\d{1,16}$/).optional(),
}).strict()

// POST <prefix>/simulator/payments/:paymentRequestId/dispute: the operator opens a dispute on a paid payment, or moves
// its latest one on, as a buyer's bank and Antom would; each step sends Antom's signed notifyDispute.
export default defineEventHandler(async (event): Promise<SimulatorDisputeResponse> => {
  guardSimulatorRoute(event, { control: true })
  const paymentRequestId = getRouterParam(event, 'paymentRequestId', { decode: true })!
  const request = parseBody(bodySchema, await readJsonBody(event))
  const dispute = await advanceDispute(await findPayment({ paymentRequestId }), request)
  if (!dispute) throw httpError(404, `No simulated payment ${paymentRequestId}.`)
  if (typeof dispute === 'string') throw httpError(409, dispute)
  return { disputeId: dispute.disputeId, paymentRequestId, status: dispute.status }
})
