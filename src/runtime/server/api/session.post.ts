import { defineEventHandler, getRequestHeader } from 'h3'
import { z } from 'zod'
import { buyerSafeError, httpError, parseBody, readJsonBody } from '../lib/http'
import { useRuntimeConfig } from 'nitropack/runtime'
import { createAntomPaymentSession } from '../utils/payments'
import { useAntomCheckoutOptions } from '../utils/checkout'
import { limitSessionRate } from '../lib/rate-limit'
import { sharedSettings } from '../lib/settings'

const moduleFields = z.object({
  paymentMethodType: z.string().max(64).optional(),
  terminalType: z.enum(['WEB', 'WAP']).optional(),
})

// POST <prefix>/session: prices the order on the server (resolveOrder) and opens an Antom payment session.
export default defineEventHandler(async (event) => {
  try {
    const options = useAntomCheckoutOptions()
    if (!options) {
      throw httpError(500, '[nuxt-antom] No order resolver: call defineAntomCheckout({ resolveOrder }) in a Nitro plugin (server/plugins/antom.ts).')
    }
    limitSessionRate(event, sharedSettings(useRuntimeConfig(event).antom, ''))
    const body = await readJsonBody(event)
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw httpError(400, 'The body must be a JSON object describing the order.')
    }
    const fields = parseBody(moduleFields, body, 'Invalid order')
    const orderInput = options.orderSchema ? parseBody(options.orderSchema, body, 'Invalid order') : body
    const order = await options.resolveOrder({ body: orderInput, event })
    const allowed = options.paymentMethods?.length ? options.paymentMethods : ['ALIPAY_CN']
    const paymentMethodType = order.paymentMethodType ?? fields.paymentMethodType ?? allowed[0]!
    if (!order.paymentMethodType && !allowed.includes(paymentMethodType)) {
      throw httpError(400, `Invalid order: paymentMethodType must be one of ${allowed.join(', ')}.`)
    }
    const mobile = /Mobi|Android|iPhone|iPad/i.test(getRequestHeader(event, 'user-agent') ?? '')
    return await createAntomPaymentSession(event, { order, paymentMethodType, terminalType: fields.terminalType ?? (mobile ? 'WAP' : 'WEB') })
  }
  catch (error) {
    throw buyerSafeError(error, 'Opening a payment session')
  }
})
