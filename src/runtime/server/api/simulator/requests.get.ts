import { defineEventHandler, getQuery } from 'h3'
import { guardSimulatorRoute } from '../../simulator/guard'
import { recentGatewayCalls } from '../../simulator/gateway'

// GET <prefix>/simulator/requests?paymentRequestId=…: the API calls this instance's simulated gateway received.
export default defineEventHandler((event) => {
  guardSimulatorRoute(event, { control: true })
  const { paymentRequestId } = getQuery(event)
  return recentGatewayCalls().filter(call => typeof paymentRequestId !== 'string' || call.paymentRequestId === paymentRequestId)
})
