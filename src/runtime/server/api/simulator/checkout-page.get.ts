import { defineEventHandler, getQuery, getRouterParam, setResponseHeader } from 'h3'
import { httpError } from '../../lib/http'
import { guardSimulatorRoute } from '../../simulator/guard'
import { hostedCheckoutPage } from '../../simulator/hosted-page'
import { findHostedCheckout } from '../../simulator/payments'

// GET <prefix>/simulator/checkout/:paymentRequestId?token=…: the hosted Checkout Page (the session's normalUrl).
export default defineEventHandler(async (event) => {
  guardSimulatorRoute(event, { control: false })
  const paymentRequestId = getRouterParam(event, 'paymentRequestId', { decode: true }) ?? ''
  const token = String(getQuery(event).token ?? '')
  const payment = await findHostedCheckout(paymentRequestId, token)
  if (!payment) throw httpError(404, 'No such checkout page.')
  setResponseHeader(event, 'content-type', 'text/html; charset=utf-8')
  return hostedCheckoutPage(payment, token, event.path.split('?')[0]!)
})
