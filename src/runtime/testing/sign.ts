import { parsePrivateKey } from '../server/lib/keys'
import { formatSignatureHeader, signMessage } from '../server/lib/signature'

/** What {@link signAntomNotification} signs. */
export interface SignAntomNotificationInput {
  /** The notification: an object (serialised once) or the exact text to send. */
  body: string | object
  /** Antom's private key (base64 or PEM; the test pair's `antom.privateKey`). */
  privateKey: string
  /** Your client id, as Antom puts it in `client-id`. */
  clientId: string
  /** The path of your notify URL, without query: what Antom signs, e.g. `/api/_antom/notify`. */
  path: string
  /**
   * The `request-time` header, ISO-8601 as Antom sends it on notifications.
   * @default now, e.g. `2026-11-28T12:00:00Z`
   */
  requestTime?: string
}

/** A signed notification, ready for `fetch(url, { method: 'POST', ...signed })`. */
export interface SignedAntomNotification {
  headers: Record<string, string>
  body: string
}

/**
 * Signs a notification exactly as Antom does (RSA-SHA256 over `POST <path>\n<client-id>.<request-time>.<body>`,
 * an ISO-8601 `request-time`, the path without its query), for tests that POST to a shop's notify route.
 * @param input body, Antom's private key, client id, path and optionally the time
 * @example
 * const signed = await signAntomNotification({ body: paymentResultNotification({ paymentRequestId, amount }), privateKey: keys.antom.privateKey, clientId, path: '/api/_antom/notify' })
 * await fetch(`${baseUrl}/api/_antom/notify`, { method: 'POST', ...signed })
 */
export async function signAntomNotification(input: SignAntomNotificationInput): Promise<SignedAntomNotification> {
  const body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body)
  const requestTime = input.requestTime ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  const key = parsePrivateKey(input.privateKey, { envName: 'signAntomNotification privateKey' })
  const signature = await signMessage({ path: input.path, clientId: input.clientId, time: requestTime, body }, key)
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'client-id': input.clientId,
      'request-time': requestTime,
      'signature': formatSignatureHeader(signature),
    },
  }
}
