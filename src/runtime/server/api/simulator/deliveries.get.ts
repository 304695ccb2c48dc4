import { defineEventHandler, getQuery } from 'h3'
import { guardSimulatorRoute } from '../../simulator/guard'
import { listDeliveries } from '../../simulator/notifier'

// GET <prefix>/simulator/deliveries?paymentRequestId=…: the notifications sent and each try's outcome.
export default defineEventHandler(async (event) => {
  guardSimulatorRoute(event, { control: true })
  const { paymentRequestId } = getQuery(event)
  const deliveries = await listDeliveries(typeof paymentRequestId === 'string' ? paymentRequestId : undefined)
  return deliveries.map(({ body, ...delivery }) => ({ ...delivery, payload: JSON.parse(body) }))
})
