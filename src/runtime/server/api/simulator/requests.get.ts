import { defineEventHandler, getQuery } from 'h3'
import { recentGatewayCalls } from '../../simulator/gateway'

// GET <prefix>/simulator/requests?paymentRequestId=…: the API calls this instance's simulated gateway received.
export default defineEventHandler((event) => {
  const { paymentRequestId } = getQuery(event)
  return recentGatewayCalls().filter(call => typeof paymentRequestId !== 'string' || call.paymentRequestId === paymentRequestId)
})
