// The buyer's order page: the shop's own record, which its payment handlers keep. The id is an unguessable UUID; a
// real shop would also check that the order belongs to the signed-in buyer.
export default defineEventHandler(async (event) => {
  const order = await getOrder(getRouterParam(event, 'id') ?? '')
  if (!order) throw createError({ statusCode: 404, message: 'No such order.' })
  // Authorised, not captured: ask nuxt-antom, which inquires Antom at most every 2 s. A lost capture notification
  // then still moves the order on, through the same handlers.
  const payment = order.paymentRequestIds.at(-1)
  if (order.status === 'authorised' && payment) {
    await inquireAntomPayment(event, payment)
    return await getOrder(order.id) ?? order
  }
  return order
})
