// The shop's order behind a payment, for the result page: the shop's own truth, set by the payment handler.
export default defineEventHandler(async (event) => {
  const payment = await getAntomPayment(getRouterParam(event, 'paymentRequestId') ?? '')
  if (!payment) throw createError({ statusCode: 404, message: 'No such payment.' })
  const order = await getOrder(payment.referenceOrderId)
  if (!order) throw createError({ statusCode: 404, message: 'No such order.' })
  return { id: order.id, status: order.status, lines: order.lines, total: order.total }
})
