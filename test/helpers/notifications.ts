import { sign, type KeyObject } from 'node:crypto'
import { buildSignContent, formatSignatureHeader } from '../../src/runtime/server/lib/signature'
import { captureResultNotification, disputeNotification, paymentPendingNotification, paymentResultNotification, type AntomDisputeNotificationType } from '../../src/runtime/testing'

/** The exact acknowledgement Antom waits for. */
export const ACK = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}'

/** The Antom payment id the builders below give a payment. */
export function testPaymentId(paymentRequestId: string): string {
  return `2026112719${paymentRequestId.slice(-8)}`
}

/** Builds a notifyPayment body the way Antom does (the kit's builder, with this suite's payment ids). */
export function paymentResult(paymentRequestId: string, amount: { currency: string, value: string }, resultStatus: 'S' | 'F' = 'S', notifyType = 'PAYMENT_RESULT') {
  const input = { paymentRequestId, amount, paymentId: testPaymentId(paymentRequestId), result: resultStatus === 'S' ? 'SUCCESS' as const : 'FAIL' as const }
  return notifyType === 'PAYMENT_PENDING' ? paymentPendingNotification(input) : { ...paymentResultNotification(input), notifyType }
}

/** Builds a notifyCapture body (CAPTURE_RESULT) the way Antom does: it names the payment by Antom's id only. */
export function captureResult(paymentRequestId: string, captureRequestId: string, amount: { currency: string, value: string }, resultStatus: 'S' | 'F' = 'S') {
  return captureResultNotification({ paymentRequestId, amount, paymentId: testPaymentId(paymentRequestId), captureRequestId, captureId: `2026112720${captureRequestId.slice(-8)}`, result: resultStatus === 'S' ? 'SUCCESS' : 'FAIL' })
}

/** Builds a notifyDispute body the way Antom does: `disputeNotificationType`, no `notifyType`. */
export function disputeNotice(paymentRequestId: string, disputeId: string, type: string, amount: { currency: string, value: string }, extra: Record<string, unknown> = {}) {
  return { ...disputeNotification({ paymentRequestId, amount, paymentId: testPaymentId(paymentRequestId), disputeId, type: type as AntomDisputeNotificationType }), ...extra }
}

/**
 * Signs a notification body as Antom would, over `path` (no query), and returns fetch init. Antom's side is played
 * by node:crypto, an implementation independent of the module's Web Crypto core, and synchronously, so tests can
 * build tables of requests.
 */
export function signedNotification(body: string | object, options: { key: KeyObject, clientId: string, path: string, requestTime?: string }) {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const requestTime = options.requestTime ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  const content = buildSignContent({ path: options.path, clientId: options.clientId, time: requestTime, body: text })
  const signature = encodeURIComponent(sign('sha256', Buffer.from(content, 'utf8'), options.key).toString('base64'))
  return {
    method: 'POST',
    body: text,
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'client-id': options.clientId,
      'request-time': requestTime,
      'signature': formatSignatureHeader(signature),
    } as Record<string, string>,
  }
}
