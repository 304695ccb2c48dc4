import { defineEventHandler, getRouterParam } from 'h3'
import { toStatusResponse } from '../lib/flow/status'
import { httpError } from '../lib/http'
import { inquireAntomPayment } from '../utils/payments'

// GET <prefix>/payments/:paymentRequestId: the server's status of a payment, buyer-safe fields only.
export default defineEventHandler(async (event) => {
  const paymentRequestId = getRouterParam(event, 'paymentRequestId', { decode: true }) ?? ''
  if (!/^[\w-]{1,64}$/.test(paymentRequestId)) {
    throw httpError(400, 'paymentRequestId must be 1 to 64 letters, digits, _ or -.')
  }
  const payment = await inquireAntomPayment(event, paymentRequestId)
  if (!payment) throw httpError(404, `No payment ${paymentRequestId}.`)
  return toStatusResponse(payment)
})
