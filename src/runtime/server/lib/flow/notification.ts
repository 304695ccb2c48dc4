import { getRequestHeader } from 'h3'
import type { AntomContext } from '../context'
import { httpError, readBodyText } from '../http'
import { verifyMessage } from '../signature'
import { routeNotification, type NotificationOutcome } from './router'

export type { NotificationKind, NotificationOutcome } from './router'

/** The only body Antom accepts as "received"; anything else makes it retry. */
export const NOTIFICATION_ACKNOWLEDGEMENT = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}'

/**
 * Verifies and processes an Antom notification: the raw body is read once and its signature checked once (over the
 * public notify URL's path without query, the raw `request-time` and the configured client id; for a URL of another
 * path, such as a refund's own `refundNotifyUrl`, the path it arrived at) before anything is parsed; then the router
 * dispatches it on its shape (see `routeNotification`).
 * @throws H3Error 413 for a body over 64 KiB (before it is read further), 401 for anything not signed by Antom,
 *   400 for a signed body that is not a notification,
 *   500 when storing or a handler fails (Antom then retries)
 */
export async function processNotification({ event, settings }: Pick<AntomContext, 'event' | 'settings'>): Promise<NotificationOutcome> {
  const body = await readBodyText(event)
  const clientId = getRequestHeader(event, 'client-id')
  const requestTime = getRequestHeader(event, 'request-time')
  const signature = getRequestHeader(event, 'signature')
  if (!clientId || !requestTime || !signature) {
    throw httpError(401, 'The notification lacks the client-id, request-time or signature header.')
  }
  if (clientId !== settings.clientId) {
    throw httpError(401, 'The notification is for another client id.')
  }
  // Antom signs the path of the notify URL it was given, without the query string; behind a proxy the
  // path this server sees may differ, so the configured URL decides when there is one.
  const requestPath = event.path.split('?')[0]!
  const configuredPath = settings.notifyUrl ? new URL(settings.notifyUrl, 'http://localhost').pathname : requestPath
  const verify = (path: string) => verifyMessage({ path, clientId, time: requestTime, body }, signature, settings.alipayPublicKey)
  if (!(await verify(configuredPath)) && (configuredPath === requestPath || !(await verify(requestPath)))) {
    throw httpError(401, 'The notification signature does not verify with the Antom public key.')
  }

  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  }
  catch {
    throw httpError(400, 'The notification body is not JSON.')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw httpError(400, 'The notification is malformed: body: not a JSON object.')
  return routeNotification(parsed as Record<string, unknown>, body, event)
}
