import { defineEventHandler, getRouterParam } from 'h3'
import { z } from 'zod'
import type { SimulatorCompleteResponse } from '../../../types/routes'
import { httpError, parseBody, readJsonBody } from '../../lib/http'
import { guardSimulatorRoute, isSimulatorOperator, operatorRequired } from '../../simulator/guard'
import { completePayment } from '../../simulator/payments'

const bodySchema = z.object({ result: z.enum(['SUCCESS', 'FAIL']), paymentSessionData: z.string().max(4096).optional(), paymentMethodType: z.string().regex(/^[A-Z_]{1,64}$/).optional() })

// POST <prefix>/simulator/payments/:paymentRequestId/complete: what the buyer does in the simulated cashier.
// The buyer proves it with the payment's session data, as at Antom; the operator (tests, scripts) with the token.
export default defineEventHandler(async (event): Promise<SimulatorCompleteResponse> => {
  guardSimulatorRoute(event, { control: false })
  const paymentRequestId = getRouterParam(event, 'paymentRequestId', { decode: true })!
  const { result, paymentSessionData, paymentMethodType } = parseBody(bodySchema, await readJsonBody(event))
  const operator = isSimulatorOperator(event)
  if (!operator && !paymentSessionData) throw operatorRequired(event, 'Completing a payment needs its paymentSessionData, or')
  const payment = await completePayment(paymentRequestId, result, { ...(operator ? {} : { sessionData: paymentSessionData }), ...(paymentMethodType ? { paymentMethodType } : {}) })
  if (!payment) throw httpError(404, `No simulated payment ${paymentRequestId}.`)
  if (typeof payment === 'string') throw httpError(409, payment)
  return { paymentRequestId, paymentStatus: result, redirectUrl: payment.redirectUrl }
})
