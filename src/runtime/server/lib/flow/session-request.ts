import { getRequestHeader } from 'h3'
import { z } from 'zod'
import type { AntomSessionResponse } from '../../../types/routes'
import { checkoutOptions } from '../checkout'
import type { AntomContext } from '../context'
import { httpError, parseBody, readJsonBody } from '../http'
import { limitSessionRate } from '../rate-limit'
import { createSession } from './session'

/** The fields of the session request the module reads itself; everything else is the app's order. */
const moduleFields = z.object({
  paymentMethodType: z.string().max(64).optional(),
  terminalType: z.enum(['WEB', 'WAP']).optional(),
})

/**
 * Handles a buyer's `POST <prefix>/session`: rate limit, a body of at most 64 KiB, the app's `orderSchema`, its
 * `resolveOrder` (the only source of the amount), the payment method against the allow-list, then the session.
 * @throws H3Error 400/413/429 for the request, 500 when no resolver is registered
 */
export async function handleSessionRequest(context: AntomContext): Promise<AntomSessionResponse> {
  const { event, settings } = context
  const options = checkoutOptions()
  if (!options) {
    throw httpError(500, '[nuxt-antom] No order resolver: call defineAntomCheckout({ resolveOrder }) in a Nitro plugin (server/plugins/antom.ts).')
  }
  limitSessionRate(event, settings)
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
  return createSession(context, { order, paymentMethodType, terminalType: fields.terminalType ?? (mobile ? 'WAP' : 'WEB') })
}
