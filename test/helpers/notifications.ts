import { sign, type KeyObject } from 'node:crypto'
import { buildSignContent, formatSignatureHeader } from '../../src/runtime/server/lib/signature'

/** The exact acknowledgement Antom waits for. */
export const ACK = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}'

/** The Antom payment id the builders below give a payment. */
export function testPaymentId(paymentRequestId: string): string {
  return `2026112719${paymentRequestId.slice(-8)}`
}

/** Builds a notifyPayment body the way Antom does. */
export function paymentResult(paymentRequestId: string, amount: { currency: string, value: string }, resultStatus: 'S' | 'F' = 'S', notifyType = 'PAYMENT_RESULT') {
  return {
    notifyType,
    result: resultStatus === 'S' ? { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success.' } : { resultCode: 'PROCESS_FAIL', resultStatus: 'F', resultMessage: 'failed' },
    paymentRequestId,
    paymentId: testPaymentId(paymentRequestId),
    paymentAmount: amount,
    paymentCreateTime: '2026-11-27T12:00:00+08:00',
    ...(resultStatus === 'S' && notifyType === 'PAYMENT_RESULT' ? { paymentTime: '2026-11-27T12:01:00+08:00' } : {}),
  }
}

/** Builds a notifyCapture body (CAPTURE_RESULT) the way Antom does: it names the payment by Antom's id only. */
export function captureResult(paymentRequestId: string, captureRequestId: string, amount: { currency: string, value: string }, resultStatus: 'S' | 'F' = 'S') {
  return {
    notifyType: 'CAPTURE_RESULT',
    result: resultStatus === 'S' ? { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' } : { resultCode: 'PROCESS_FAIL', resultStatus: 'F', resultMessage: 'failed' },
    captureRequestId,
    paymentId: testPaymentId(paymentRequestId),
    captureId: `2026112720${captureRequestId.slice(-8)}`,
    captureAmount: amount,
    ...(resultStatus === 'S' ? { captureTime: '2026-11-27T12:02:00+08:00' } : {}),
  }
}

/** Builds a notifyDispute body the way Antom does: `disputeNotificationType`, no `notifyType`. */
export function disputeNotice(paymentRequestId: string, disputeId: string, type: string, amount: { currency: string, value: string }, extra: Record<string, unknown> = {}) {
  return {
    disputeNotificationType: type,
    paymentRequestId,
    paymentId: testPaymentId(paymentRequestId),
    disputeId,
    disputeTime: '2026-11-27T12:03:00+08:00',
    disputeAmount: amount,
    disputeReasonCode: '4853',
    defenseDueTime: '2026-12-04T12:03:00+08:00',
    ...extra,
  }
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
