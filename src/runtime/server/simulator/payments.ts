import { useRuntimeConfig } from 'nitropack/runtime'
import type { AntomAmount, AntomResult } from '../../types/antom'
import { sameAmount } from '../lib/amount'
import { SEPARATE_CAPTURE_METHODS } from '../lib/payment-state'
import { randomBase64, randomHex } from '../lib/bytes'
import { sameSecret } from '../lib/digest'
import { withLock } from '../lib/store'
import { toAntomTime } from '../lib/time'
import { failure, randomDigits, type SimulatorAnswer } from './answers'
import { captureTransaction, completeDueCapture, scheduleAutomaticCapture, type SimulatedCapture } from './captures'
import { takeFaults } from './faults'
import { useSimulatorStorage } from './identity'
import { enqueueNotification } from './notifier'

/** Antom's defaults, in real seconds; the simulator divides them by its time scale. */
const SESSION_EXPIRY_SECONDS = 3600
const UNPAID_CLOSE_SECONDS = 14 * 60

/** A payment as the simulator's ledger keeps it. */
export interface SimulatedPayment {
  paymentRequestId: string
  paymentId: string
  clientId: string
  merchant: 'generated' | 'configured'
  /** The createPaymentSession body, kept to detect REPEAT_REQ_INCONSISTENT. */
  request: Record<string, unknown>
  /** The createPaymentSession answer, repeated for an identical request. */
  answer: Record<string, unknown>
  status: 'PROCESSING' | 'SUCCESS' | 'FAIL' | 'CANCELLED'
  amount: AntomAmount
  /** The cashier's method; for Payment Element and the Checkout Page, the one the buyer paid with (empty before). */
  paymentMethodType: string
  /** Payment Element or Checkout Page; absent for the cashier. */
  productScene?: 'ELEMENT_PAYMENT' | 'CHECKOUT_PAYMENT'
  /** The secret in the hosted Checkout Page's URL (`normalUrl`): only the buyer it was given to can pay there. */
  checkoutToken?: string
  notifyUrl?: string
  redirectUrl: string
  createdAt: number
  sessionExpiresAt: number
  closesAt: number
  paymentTime?: number
  cancelTime?: number
  /** Minor units refunded so far. */
  refunded: string
  /** From the session's `paymentFactor.captureMode`; cards only. */
  captureMode?: 'AUTOMATIC' | 'MANUAL'
  /** When Antom's automatic capture of an authorised card payment is due. */
  captureDueAt?: number
  /** The capture of an authorised card payment. */
  capture?: SimulatedCapture
}

/** A refund as the simulator keeps it. */
export interface SimulatedRefund {
  refundRequestId: string
  refundId: string
  paymentId: string
  paymentRequestId: string
  refundAmount: AntomAmount
  refundTime: number
  request: Record<string, unknown>
}

export { failure, type SimulatorAnswer } from './answers'

const SUCCESS: AntomResult = { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' }

function scaled(seconds: number): number {
  return seconds * 1000 / (Number(useRuntimeConfig().antom.simulator.timeScale) || 1)
}

const storage = () => useSimulatorStorage()

/**
 * The simulator's hosted Checkout Page for a payment, on the merchant's own origin (the redirect URL's; the
 * simulator's routes are part of the app), with the secret that lets the buyer pay there.
 */
function hostedCheckoutUrl(redirectUrl: string, paymentRequestId: string, token: string): string {
  const { prefix } = useRuntimeConfig().public.antom
  const url = new URL(`${prefix}/simulator/checkout/${encodeURIComponent(paymentRequestId)}`, new URL(redirectUrl, 'http://localhost').origin)
  url.searchParams.set('token', token)
  // Relative when the merchant sent a relative redirect URL (only `nuxt dev` may): the browser resolves it.
  return /^https?:\/\//.test(redirectUrl) ? url.toString() : `${url.pathname}${url.search}`
}

/** The payment behind a hosted Checkout Page, only for the token its `normalUrl` carries. */
export async function findHostedCheckout(paymentRequestId: string, token: string): Promise<SimulatedPayment | undefined> {
  const payment = await findPayment({ paymentRequestId })
  return payment?.checkoutToken && sameSecret(token, payment.checkoutToken) ? payment : undefined
}

/** Reads a payment by either id, closing it first if it stayed unpaid too long. */
export async function findPayment(ids: { paymentRequestId?: string, paymentId?: string }): Promise<SimulatedPayment | null> {
  const paymentRequestId = ids.paymentId
    ? await storage().getItem<string>(`payment-ids:${ids.paymentId}`)
    : ids.paymentRequestId
  if (!paymentRequestId) return null
  const payment = await storage().getItem<SimulatedPayment>(`payments:${paymentRequestId}`)
  if (payment?.status === 'PROCESSING' && Date.now() >= payment.closesAt) {
    return settle(payment, 'FAIL', { resultStatus: 'F', resultCode: 'ORDER_IS_CLOSED', resultMessage: 'The payment was not completed in time and is closed.' })
  }
  // A capture that fell due while nobody was watching (a restart) happens now.
  const captureDue = payment?.status === 'SUCCESS' && ((!payment.capture && payment.captureDueAt !== undefined) || payment.capture?.completesAt !== undefined)
  return captureDue ? completeDueCapture(payment.paymentRequestId) : payment
}

/** Fields whose change makes a repeated paymentRequestId inconsistent (Antom compares key parameters). */
function keyFields(body: Record<string, unknown>): string {
  const order = body.order as { referenceOrderId?: string, orderAmount?: AntomAmount } | undefined
  return JSON.stringify([body.paymentAmount, (body.paymentMethod as { paymentMethodType?: string })?.paymentMethodType, order?.referenceOrderId, order?.orderAmount])
}

/** createPaymentSession: idempotent on paymentRequestId. */
export async function createPaymentSession(body: Record<string, unknown>, caller: { clientId: string, merchant: SimulatedPayment['merchant'] }): Promise<SimulatorAnswer> {
  const paymentRequestId = body.paymentRequestId as string
  const existing = await storage().getItem<SimulatedPayment>(`payments:${paymentRequestId}`)
  if (existing) {
    if (keyFields(existing.request) !== keyFields(body) || existing.clientId !== caller.clientId) {
      return failure('REPEAT_REQ_INCONSISTENT', 'The paymentRequestId was used before with other key parameters.')
    }
    return existing.answer as SimulatorAnswer
  }
  const paymentAmount = body.paymentAmount as AntomAmount
  const orderAmount = (body.order as { orderAmount: AntomAmount }).orderAmount
  if (paymentAmount.currency !== orderAmount.currency) {
    return failure('PARAM_ILLEGAL', 'order.orderAmount.currency: must be the currency of paymentAmount')
  }
  const now = Date.now()
  const requestedExpiry = typeof body.paymentSessionExpiryTime === 'string' ? Date.parse(body.paymentSessionExpiryTime) : Number.NaN
  const maximumExpiry = now + scaled(SESSION_EXPIRY_SECONDS)
  if (!Number.isNaN(requestedExpiry) && (requestedExpiry <= now || requestedExpiry > now + SESSION_EXPIRY_SECONDS * 1000)) {
    return failure('PARAM_ILLEGAL', 'paymentSessionExpiryTime: must be within 1 hour after creation')
  }
  const sessionExpiresAt = Number.isNaN(requestedExpiry) ? maximumExpiry : Math.min(requestedExpiry, maximumExpiry)
  const paymentId = `${toAntomTime(now).slice(0, 10).replace(/-/g, '')}1${randomDigits(23)}`
  const productScene = body.productScene as SimulatedPayment['productScene']
  const checkoutToken = productScene === 'CHECKOUT_PAYMENT' ? randomHex(24) : undefined
  const answer: SimulatorAnswer = {
    result: SUCCESS,
    paymentSessionData: `${randomBase64(96)}&&SG&&111`,
    paymentSessionExpiryTime: toAntomTime(sessionExpiresAt),
    paymentSessionId: randomHex(16),
    ...(checkoutToken ? { normalUrl: hostedCheckoutUrl(body.paymentRedirectUrl as string, paymentRequestId, checkoutToken) } : {}),
  }
  const payment: SimulatedPayment = {
    paymentRequestId,
    paymentId,
    clientId: caller.clientId,
    merchant: caller.merchant,
    request: body,
    answer,
    status: 'PROCESSING',
    amount: paymentAmount,
    paymentMethodType: (body.paymentMethod as { paymentMethodType?: string } | undefined)?.paymentMethodType ?? '',
    ...(productScene ? { productScene } : {}),
    ...(checkoutToken ? { checkoutToken } : {}),
    notifyUrl: body.paymentNotifyUrl as string | undefined,
    redirectUrl: body.paymentRedirectUrl as string,
    createdAt: now,
    sessionExpiresAt,
    closesAt: now + scaled(UNPAID_CLOSE_SECONDS),
    refunded: '0',
    captureMode: (body.paymentFactor as { captureMode?: 'AUTOMATIC' | 'MANUAL' } | undefined)?.captureMode ?? 'AUTOMATIC',
  }
  await storage().setItem(`payments:${paymentRequestId}`, payment)
  await storage().setItem(`payment-ids:${paymentId}`, paymentRequestId)
  // The close must happen even if nobody asks; reads close lazily too, which covers restarts.
  setTimeout(() => findPayment({ paymentRequestId }).catch(() => {}), payment.closesAt - now + 5).unref?.()
  return answer
}

/** inquiryPayment. */
export async function inquiryPayment(body: { paymentRequestId?: string, paymentId?: string }): Promise<SimulatorAnswer> {
  const payment = await findPayment(body)
  if (!payment) return failure('ORDER_NOT_EXIST', 'The payment does not exist.')
  return {
    result: SUCCESS,
    paymentStatus: payment.status,
    paymentRequestId: payment.paymentRequestId,
    paymentId: payment.paymentId,
    paymentAmount: payment.amount,
    paymentCreateTime: toAntomTime(payment.createdAt),
    paymentMethodType: payment.paymentMethodType,
    ...(payment.status === 'SUCCESS' ? { paymentTime: toAntomTime(payment.paymentTime!), actualPaymentAmount: payment.amount } : {}),
    ...(payment.status === 'FAIL' ? { paymentResultCode: 'ORDER_IS_CLOSED', paymentResultMessage: 'The payment failed or was closed.' } : {}),
    ...(payment.capture ? { transactions: [captureTransaction(payment)] } : {}),
  }
}

/**
 * cancel: closes an unpaid payment, or voids an authorised card payment that is not captured; a failed one stays FAIL
 * (as Antom). Under the capture's lock, so Antom's automatic capture and a void never both happen.
 */
export async function cancelPayment(body: { paymentRequestId?: string, paymentId?: string }): Promise<SimulatorAnswer> {
  const found = await findPayment(body)
  if (!found) return failure('ORDER_NOT_EXIST', 'The payment does not exist.')
  return withLock(`simulator:capture:${found.paymentRequestId}`, async () => {
    const payment = (await storage().getItem<SimulatedPayment>(`payments:${found.paymentRequestId}`))!
    if (payment.refunded !== '0') return failure('PROCESS_FAIL', 'The payment has refunds and cannot be cancelled.')
    if (payment.capture) return failure('CANCEL_WINDOW_EXCEED', `The payment's capture is ${payment.capture.status}: it cannot be cancelled; refund it.`)
    if (payment.status === 'PROCESSING' || payment.status === 'SUCCESS') {
      payment.status = 'CANCELLED'
      payment.cancelTime = Date.now()
      await storage().setItem(`payments:${payment.paymentRequestId}`, payment)
    }
    return { result: SUCCESS, paymentId: payment.paymentId, paymentRequestId: payment.paymentRequestId, cancelTime: toAntomTime(payment.cancelTime ?? Date.now()) }
  })
}

/** refund: idempotent on refundRequestId; the total may not pass the payment amount. */
export async function refund(body: Record<string, unknown>): Promise<SimulatorAnswer> {
  const refundRequestId = body.refundRequestId as string
  const refundAmount = body.refundAmount as AntomAmount
  const existing = await storage().getItem<SimulatedRefund>(`refunds:${refundRequestId}`)
  if (existing) {
    if (existing.paymentId !== body.paymentId || !sameAmount(existing.refundAmount, refundAmount)) {
      return failure('REPEAT_REQ_INCONSISTENT', 'The refundRequestId was used before with other key parameters.')
    }
    return refundAnswer(existing)
  }
  const payment = await findPayment({ paymentId: body.paymentId as string })
  if (!payment) return failure('ORDER_NOT_EXIST', 'The payment does not exist.')
  if (payment.status !== 'SUCCESS') return failure('ORDER_STATUS_INVALID', `The payment is ${payment.status}, only paid payments can be refunded.`)
  if (payment.capture ? payment.capture.status !== 'SUCCESS' : payment.captureDueAt !== undefined || (payment.captureMode === 'MANUAL' && authorisesFirstMethod(payment))) {
    return failure('ORDER_STATUS_INVALID', 'The payment is authorised but not captured; only captured money can be refunded.')
  }
  if (refundAmount.currency !== payment.amount.currency) return failure('CURRENCY_NOT_SUPPORT', 'refundAmount.currency: must be the payment currency')
  const total = BigInt(payment.refunded) + BigInt(refundAmount.value)
  if (total > BigInt(payment.amount.value)) return failure('REFUND_AMOUNT_EXCEED', 'The refunds would exceed the payment amount.')
  const record: SimulatedRefund = {
    refundRequestId,
    refundId: `${payment.paymentId.slice(0, 8)}2${randomDigits(23)}`,
    paymentId: payment.paymentId,
    paymentRequestId: payment.paymentRequestId,
    refundAmount,
    refundTime: Date.now(),
    request: body,
  }
  payment.refunded = total.toString()
  await storage().setItem(`refunds:${refundRequestId}`, record)
  await storage().setItem(`refund-ids:${record.refundId}`, refundRequestId)
  await storage().setItem(`payments:${payment.paymentRequestId}`, payment)
  const notifyUrl = (body.refundNotifyUrl as string | undefined) || payment.notifyUrl
  if (notifyUrl) {
    await enqueueNotification({
      paymentRequestId: payment.paymentRequestId,
      url: notifyUrl,
      clientId: payment.clientId,
      merchant: payment.merchant,
      payload: { notifyType: 'REFUND_RESULT', result: SUCCESS, refundStatus: 'SUCCESS', refundRequestId, refundId: record.refundId, paymentId: payment.paymentId, refundAmount, refundTime: toAntomTime(record.refundTime) },
    })
  }
  return refundAnswer(record)
}

function refundAnswer(record: SimulatedRefund): SimulatorAnswer {
  return { result: SUCCESS, refundRequestId: record.refundRequestId, refundId: record.refundId, paymentId: record.paymentId, refundAmount: record.refundAmount, refundTime: toAntomTime(record.refundTime) }
}

/** inquiryRefund. */
export async function inquiryRefund(body: { refundRequestId?: string, refundId?: string }): Promise<SimulatorAnswer> {
  const refundRequestId = body.refundId ? await storage().getItem<string>(`refund-ids:${body.refundId}`) : body.refundRequestId
  const record = refundRequestId ? await storage().getItem<SimulatedRefund>(`refunds:${refundRequestId}`) : null
  if (!record) return failure('ORDER_NOT_EXIST', 'The refund does not exist.')
  return { ...refundAnswer(record), refundStatus: 'SUCCESS' }
}

/**
 * What the buyer does in the simulated cashier: pay or fail. Sets the final status and queues the
 * signed PAYMENT_RESULT notification (plus whatever notification faults are armed).
 * @param paymentRequestId the payment
 * @param outcome what the buyer chose
 * @param buyer the buyer's proof, the payment's session data (its cashier or element got it) or the hosted page's
 *   token, and the method the buyer picked where the product lets them; the operator passes no proof
 * @param buyer.sessionData the payment's `paymentSessionData`
 * @param buyer.checkoutToken the token in the hosted Checkout Page's URL
 * @param buyer.paymentMethodType the method the buyer paid with (Payment Element, Checkout Page)
 * @returns undefined when the payment does not exist (or the proof is another's); a string saying why when it cannot complete
 */
export async function completePayment(paymentRequestId: string, outcome: 'SUCCESS' | 'FAIL', buyer: { sessionData?: string, checkoutToken?: string, paymentMethodType?: string } = {}): Promise<SimulatedPayment | string | undefined> {
  const payment = await findPayment({ paymentRequestId })
  // A buyer holding another payment's proof learns nothing about this one.
  if (!payment) return undefined
  if (buyer.sessionData !== undefined && !sameSecret(buyer.sessionData, String(payment.answer.paymentSessionData))) return undefined
  if (buyer.checkoutToken !== undefined && !(payment.checkoutToken && sameSecret(buyer.checkoutToken, payment.checkoutToken))) return undefined
  if (payment.status !== 'PROCESSING') return `The payment is already ${payment.status}.`
  if (buyer.paymentMethodType && payment.productScene) payment.paymentMethodType = buyer.paymentMethodType
  if (Date.now() >= payment.sessionExpiresAt) return 'The payment session has expired.'
  const result: AntomResult = outcome === 'SUCCESS'
    ? { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success.' }
    : { resultStatus: 'F', resultCode: 'USER_PAYMENT_VERIFICATION_FAILED', resultMessage: 'The buyer did not complete the payment.' }
  return settle(payment, outcome, result)
}

async function settle(payment: SimulatedPayment, outcome: 'SUCCESS' | 'FAIL', result: AntomResult): Promise<SimulatedPayment> {
  payment.status = outcome
  if (outcome === 'SUCCESS') {
    payment.paymentTime = Date.now()
    // A card payment is authorised now; Antom captures it a few seconds later unless the session asked for MANUAL.
    scheduleAutomaticCapture(payment)
  }
  await storage().setItem(`payments:${payment.paymentRequestId}`, payment)
  if (payment.notifyUrl) await notifyResult(payment, result)
  return payment
}

/** True for a method that is authorised first and captured after. */
function authorisesFirstMethod(payment: SimulatedPayment): boolean {
  return SEPARATE_CAPTURE_METHODS.includes(payment.paymentMethodType)
}

async function notifyResult(payment: SimulatedPayment, result: AntomResult): Promise<void> {
  const faults = await takeFaults('notification')
  if (faults.some(fault => fault.type === 'lost-notification')) return
  const base = {
    paymentRequestId: payment.paymentRequestId,
    paymentId: payment.paymentId,
    paymentAmount: payment.amount,
    paymentCreateTime: toAntomTime(payment.createdAt),
    paymentMethodType: payment.paymentMethodType,
  }
  const payload = {
    notifyType: 'PAYMENT_RESULT',
    result,
    ...base,
    ...(payment.status === 'SUCCESS' ? { paymentTime: toAntomTime(payment.paymentTime!), actualPaymentAmount: payment.amount } : {}),
  }
  const target = { paymentRequestId: payment.paymentRequestId, url: payment.notifyUrl!, clientId: payment.clientId, merchant: payment.merchant }
  const copies = Math.max(1, ...faults.filter(fault => fault.type === 'duplicate-notification').map(fault => fault.copies ?? 2))
  await Promise.all(Array.from({ length: copies }, () => enqueueNotification({ ...target, payload })))
  // Follow-ups arrive later than the result, as a delayed or reordered delivery would.
  const later = 50
  if (faults.some(fault => fault.type === 'out-of-order')) {
    await enqueueNotification({ ...target, payload: { notifyType: 'PAYMENT_PENDING', result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success.' }, ...base } }, later)
  }
  if (payment.status === 'SUCCESS' && faults.some(fault => fault.type === 'late-fail')) {
    await enqueueNotification({ ...target, payload: { notifyType: 'PAYMENT_RESULT', result: { resultStatus: 'F', resultCode: 'PROCESS_FAIL', resultMessage: 'late failure' }, ...base } }, later)
  }
}
