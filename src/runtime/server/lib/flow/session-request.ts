import { getRequestHeader } from 'h3'
import { z } from 'zod'
import type { AntomSessionResponse } from '../../../types/routes'
import { checkoutOptions } from '../checkout'
import type { AntomContext } from '../context'
import { httpError, parseBody, readBodyText, readJsonBody } from '../http'
import { checkProduct } from '../products'
import { limitSessionRate } from '../rate-limit'
import { createSession } from './session'

/** The fields of the session request the module reads itself; everything else is the app's order. */
const moduleFields = z.object({
  paymentMethodType: z.string().max(64).optional(),
  terminalType: z.enum(['WEB', 'WAP']).optional(),
  product: z.unknown().optional(),
})

/**
 * Opens a session for an order a buyer sent: the app's `orderSchema`, its `resolveOrder` (the only source of the
 * amount), the product and (for the cashier) the payment method against the shop's lists.
 * @param context the flow's context
 * @param body the buyer's order, parsed
 * @throws H3Error 400 saying what is wrong with the order, 500 when no resolver is registered
 */
export async function openSessionForOrder(context: AntomContext, body: unknown): Promise<AntomSessionResponse> {
  const { event } = context
  const options = checkoutOptions()
  if (!options) {
    throw httpError(500, '[nuxt-antom] No order resolver: call defineAntomCheckout({ resolveOrder }) in a Nitro plugin (server/plugins/antom.ts).')
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw httpError(400, 'The body must be a JSON object describing the order.')
  }
  const fields = parseBody(moduleFields, body, 'Invalid order')
  const product = checkProduct(fields.product, options.products)
  const orderInput = options.orderSchema ? parseBody(options.orderSchema, body, 'Invalid order') : body
  const order = await options.resolveOrder({ body: orderInput, event })
  const allowed = options.paymentMethods?.length ? options.paymentMethods : ['ALIPAY_CN']
  const paymentMethodType = order.paymentMethodType ?? fields.paymentMethodType ?? allowed[0]!
  if (product === 'cashier' && !order.paymentMethodType && !allowed.includes(paymentMethodType)) {
    throw httpError(400, `Invalid order: paymentMethodType must be one of ${allowed.join(', ')}.`)
  }
  const mobile = /Mobi|Android|iPhone|iPad/i.test(getRequestHeader(event, 'user-agent') ?? '')
  return createSession(context, { order, paymentMethodType, product, terminalType: fields.terminalType ?? (mobile ? 'WAP' : 'WEB') })
}

/**
 * Handles a buyer's `POST <prefix>/session` (JSON): rate limit, a body of at most 64 KiB, then the session.
 * @throws H3Error 400/413/429 for the request, 500 when no resolver is registered
 */
export async function handleSessionRequest(context: AntomContext): Promise<AntomSessionResponse> {
  limitSessionRate(context.event, context.settings)
  return openSessionForOrder(context, await readJsonBody(context.event))
}

/**
 * Handles a form POST of `<prefix>/checkout` (works without JavaScript): the form's `order` field holds the order
 * as JSON (render it into a hidden input on the server); the session is for the hosted Checkout Page.
 * @returns the hosted page's URL, to answer 303 with
 * @throws H3Error 400/413/429 for the request
 */
export async function handleCheckoutForm(context: AntomContext): Promise<string> {
  limitSessionRate(context.event, context.settings)
  const form = new URLSearchParams(await readBodyText(context.event))
  let order: unknown
  try {
    order = JSON.parse(form.get('order') ?? '')
  }
  catch {
    throw httpError(400, 'Invalid order: the form needs an `order` field holding the order as JSON.')
  }
  const session = await openSessionForOrder(context, { ...(order as object), product: 'checkout-page' })
  if (!session.normalUrl) throw httpError(502, '[nuxt-antom] Antom answered a Checkout Page session without normalUrl.')
  return session.normalUrl
}
