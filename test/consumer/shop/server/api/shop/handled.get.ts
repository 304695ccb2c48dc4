// Which checkout handlers ran, optionally for one payment (`?paymentRequestId=…`).
export default defineEventHandler((event) => {
  const { paymentRequestId } = getQuery(event)
  return handledLog(typeof paymentRequestId === 'string' ? paymentRequestId : undefined)
})
