import { defineEventHandler, getRouterParam, sendRedirect } from 'h3'
import { httpError, readBodyText } from '../../lib/http'
import { guardSimulatorRoute } from '../../simulator/guard'
import { completePayment, findHostedCheckout } from '../../simulator/payments'

// POST <prefix>/simulator/checkout/:paymentRequestId: the hosted page's Pay / Fail / Cancel, ending at the redirect URL.
export default defineEventHandler(async (event) => {
  guardSimulatorRoute(event, { control: false })
  const paymentRequestId = getRouterParam(event, 'paymentRequestId', { decode: true }) ?? ''
  const form = new URLSearchParams(await readBodyText(event))
  const action = form.get('action')
  const checkoutToken = form.get('token') ?? ''
  if (action !== 'pay' && action !== 'fail' && action !== 'cancel') throw httpError(400, 'action must be pay, fail or cancel.')
  if (action === 'cancel') {
    // Back to the shop: nothing is paid; the session stays open until it expires, as at Antom.
    const payment = await findHostedCheckout(paymentRequestId, checkoutToken)
    if (!payment) throw httpError(404, 'No such checkout page.')
    return sendRedirect(event, payment.redirectUrl, 303)
  }
  const payment = await completePayment(paymentRequestId, action === 'pay' ? 'SUCCESS' : 'FAIL', { checkoutToken, paymentMethodType: form.get('paymentMethodType') ?? 'CARD' })
  if (!payment) throw httpError(404, 'No such checkout page.')
  if (typeof payment === 'string') throw httpError(409, payment)
  return sendRedirect(event, payment.redirectUrl, 303)
})
