import { randomHex } from '../bytes'
import { getRequestHeader } from 'h3'
import type { CreatePaymentSessionRequest } from '../../../types/antom'
import type { AntomCaptureMode, AntomPaymentRecord, AntomResolvedOrder } from '../../../types/payments'
import type { AntomProduct, AntomSessionResponse } from '../../../types/routes'
import { amountProblem, NOT_POSITIVE } from '../amount'
import { checkoutOptions } from '../checkout'
import type { AntomContext } from '../context'
import { ANTOM_PRODUCTS, PRODUCT_SCENES } from '../products'
import { clientIp, httpError } from '../http'
import { publicOrigin, resolvePublicUrl } from '../origin'
import { savePaymentRecord } from '../store'

/** What the session util needs besides the request. */
export interface CreateSessionInput {
  /** The server-priced order. */
  order: AntomResolvedOrder
  /** The payment method to use (already checked against the allow-list); ignored by `element` and `checkout-page`, where the buyer picks. */
  paymentMethodType?: string
  /**
   * The integration that renders the payment.
   * @default 'cashier'
   */
  product?: AntomProduct
  /** `WEB` (desktop) or `WAP` (mobile browser). */
  terminalType: 'WEB' | 'WAP'
  /**
   * Card payments: Antom captures at once (`AUTOMATIC`) or you do with `captureAntomPayment` (`MANUAL`).
   * @default `order.captureMode`, else `defineAntomCheckout({ captureMode })`, else `'AUTOMATIC'`
   */
  captureMode?: AntomCaptureMode
}

/** A payment request id: 128 random bits, ASCII only (Antom's FAQ: no Chinese characters in ids). */
export function newPaymentRequestId(): string {
  return `pr_${randomHex(16)}`
}

/**
 * Creates an Antom payment session for a server-priced order and stores the payment record.
 * The amount comes from `input.order` only; notify and redirect URLs from configuration only, never from the
 * request's Host or X-Forwarded-* headers.
 * @throws H3Error 400 for an order total of zero or less, 500 for missing configuration or a malformed resolved
 *   amount; Antom failures as mapped by `toAntomHttpError`
 */
export async function createSession({ event, settings, client }: AntomContext, input: CreateSessionInput): Promise<AntomSessionResponse> {
  const product = input.product ?? 'cashier'
  const productScene = PRODUCT_SCENES[product]
  if (!(product in PRODUCT_SCENES)) throw httpError(400, `Invalid order: product must be one of ${ANTOM_PRODUCTS.join(', ')}.`)
  // The cashier is for one method; Payment Element and the Checkout Page let the buyer pick.
  const paymentMethodType = productScene ? '' : input.paymentMethodType ?? ''
  if (!productScene && !paymentMethodType) throw httpError(500, '[nuxt-antom] The cashier needs a paymentMethodType.')
  const problem = amountProblem(input.order.amount)
  if (problem === NOT_POSITIVE) {
    throw httpError(400, 'The order total must be greater than zero.')
  }
  if (problem) {
    throw httpError(500, `[nuxt-antom] resolveOrder returned an invalid amount: ${problem}.`)
  }
  const paymentRequestId = newPaymentRequestId()
  const redirectTemplate = settings.redirectUrl
  if (!redirectTemplate) {
    throw httpError(500, '[nuxt-antom] Set NUXT_ANTOM_REDIRECT_URL (runtimeConfig.antom.redirectUrl): Antom needs the page the buyer returns to.')
  }
  const captureMode = input.captureMode ?? input.order.captureMode ?? checkoutOptions()?.captureMode ?? 'AUTOMATIC'
  if (captureMode !== 'AUTOMATIC' && captureMode !== 'MANUAL') throw httpError(500, `[nuxt-antom] captureMode must be AUTOMATIC or MANUAL, got ${JSON.stringify(captureMode)}.`)
  const notifyUrl = settings.notifyUrl
  const origin = publicOrigin(settings, event)
  const buyerIp = clientIp(event, settings.trustedProxies)
  const userAgent = getRequestHeader(event, 'user-agent')
  const request: CreatePaymentSessionRequest = {
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId,
    order: {
      referenceOrderId: input.order.referenceOrderId,
      orderDescription: input.order.orderDescription,
      orderAmount: input.order.amount,
      ...(input.order.goods ? { goods: input.order.goods } : {}),
      ...(input.order.buyer ? { buyer: input.order.buyer } : {}),
    },
    paymentAmount: input.order.amount,
    ...(productScene ? { productScene } : { paymentMethod: { paymentMethodType } }),
    paymentRedirectUrl: resolvePublicUrl(redirectTemplate.replaceAll('{paymentRequestId}', paymentRequestId), origin, 'NUXT_ANTOM_REDIRECT_URL'),
    ...(notifyUrl ? { paymentNotifyUrl: resolvePublicUrl(notifyUrl, origin, 'NUXT_ANTOM_NOTIFY_URL') } : {}),
    ...(settings.settlementCurrency ? { settlementStrategy: { settlementCurrency: settings.settlementCurrency } } : {}),
    // Antom captures card payments at once unless told otherwise; only the exception is sent.
    ...(captureMode === 'MANUAL' ? { paymentFactor: { captureMode } } : {}),
    env: {
      terminalType: input.terminalType,
      ...(userAgent ? { userAgent } : {}),
      ...(buyerIp ? { clientIp: buyerIp } : {}),
    },
  }
  const answer = await client().createPaymentSession(request)
  const now = new Date().toISOString()
  const record: AntomPaymentRecord = {
    paymentRequestId,
    referenceOrderId: input.order.referenceOrderId,
    amount: input.order.amount,
    paymentMethodType,
    product,
    status: 'PROCESSING',
    captureMode,
    simulated: settings.simulated,
    createdAt: now,
    updatedAt: now,
    // The reconciliation task closes the payment at Antom once the session has expired and it is still unpaid.
    paymentSessionExpiryTime: answer.paymentSessionExpiryTime,
    mismatches: [],
    refunds: {},
    ...(input.order.metadata ? { metadata: input.order.metadata } : {}),
  }
  await savePaymentRecord(record)
  return {
    paymentRequestId,
    paymentSessionData: answer.paymentSessionData,
    paymentSessionExpiryTime: answer.paymentSessionExpiryTime,
    amount: input.order.amount,
    paymentMethodType,
    product,
    ...(answer.normalUrl ? { normalUrl: answer.normalUrl } : {}),
    simulated: settings.simulated,
  }
}
