import { createError, defineEventHandler, getRequestHeader, readBody } from 'h3'
import { z } from 'zod'
import { createAntomPaymentSession } from '../utils/payments'
import { useAntomCheckoutOptions } from '../utils/checkout'

const moduleFields = z.object({
  paymentMethodType: z.string().max(64).optional(),
  terminalType: z.enum(['WEB', 'WAP']).optional(),
})

function describe(error: unknown): string {
  if (error instanceof z.ZodError) {
    const issue = error.issues[0]!
    return `${issue.path.join('.') || 'body'}: ${issue.message}`
  }
  return (error as Error).message
}

// POST <prefix>/session: prices the order on the server (resolveOrder) and opens an Antom payment session.
export default defineEventHandler(async (event) => {
  const options = useAntomCheckoutOptions()
  if (!options) {
    throw createError({ statusCode: 500, message: '[nuxt-antom] No order resolver: call defineAntomCheckout({ resolveOrder }) in a Nitro plugin (server/plugins/antom.ts).' })
  }
  const body: unknown = await readBody(event)
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw createError({ statusCode: 400, message: 'The body must be a JSON object describing the order.' })
  }
  let fields: z.infer<typeof moduleFields>
  let orderInput: unknown
  try {
    fields = moduleFields.parse(body)
    orderInput = options.orderSchema ? options.orderSchema.parse(body) : body
  }
  catch (error) {
    throw createError({ statusCode: 400, message: `Invalid order: ${describe(error)}` })
  }
  const order = await options.resolveOrder({ body: orderInput, event })
  const allowed = options.paymentMethods?.length ? options.paymentMethods : ['ALIPAY_CN']
  const paymentMethodType = order.paymentMethodType ?? fields.paymentMethodType ?? allowed[0]!
  if (!order.paymentMethodType && !allowed.includes(paymentMethodType)) {
    throw createError({ statusCode: 400, message: `Invalid order: paymentMethodType must be one of ${allowed.join(', ')}.` })
  }
  const mobile = /Mobi|Android|iPhone|iPad/i.test(getRequestHeader(event, 'user-agent') ?? '')
  return createAntomPaymentSession(event, { order, paymentMethodType, terminalType: fields.terminalType ?? (mobile ? 'WAP' : 'WEB') })
})
