import { createError, defineEventHandler, getRouterParam, readValidatedBody } from 'h3'
import { z } from 'zod'
import type { SimulatorCompleteResponse } from '../../../types/routes'
import { completePayment } from '../../simulator/payments'

const bodySchema = z.object({ result: z.enum(['SUCCESS', 'FAIL']) })

// POST <prefix>/simulator/payments/:paymentRequestId/complete: what the buyer does in the simulated cashier.
export default defineEventHandler(async (event): Promise<SimulatorCompleteResponse> => {
  const paymentRequestId = getRouterParam(event, 'paymentRequestId', { decode: true })!
  const { result } = await readValidatedBody(event, bodySchema.parse)
  const payment = await completePayment(paymentRequestId, result)
  if (!payment) throw createError({ statusCode: 404, message: `No simulated payment ${paymentRequestId}.` })
  if (typeof payment === 'string') throw createError({ statusCode: 409, message: payment })
  return { paymentRequestId, paymentStatus: result, redirectUrl: payment.redirectUrl }
})
