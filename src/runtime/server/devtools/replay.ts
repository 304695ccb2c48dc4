import type { H3Event } from 'h3'
import { useNitroApp, useRuntimeConfig } from 'nitropack/runtime'
import { NOTIFICATION_ACKNOWLEDGEMENT, processNotification, type NotificationOutcome } from '../lib/flow/notification'
import { generateRsaPrivateKey, parsePrivateKey, publicKeyOf, type AntomPrivateKey, type AntomPublicKey } from '../lib/keys'
import { formatSignatureHeader, signMessage } from '../lib/signature'
import { currentSettings } from './config'
import { describeBody, notReplayable, saveNotification, type RecordedNotification } from './notifications'
import { REPLAY_DELIVER_ROUTE } from './paths'

// Replaying a stored notification, `nuxt dev` only. Antom's signature cannot be made again (only Antom holds its
// key), so the stored body, whose signature passed when it arrived, is signed anew with a key pair this process
// generates and never shows, and delivered to a dev-only internal route that verifies it with that key and hands it
// to the same processing as the notify route. A production build has neither route nor key.

let replayKeys: Promise<{ privateKey: AntomPrivateKey, publicKey: AntomPublicKey }> | undefined

function keys() {
  replayKeys ??= generateRsaPrivateKey().then((text) => {
    const privateKey = parsePrivateKey(text, { envName: 'the DevTools replay key' })
    return { privateKey, publicKey: publicKeyOf(privateKey) }
  })
  return replayKeys
}

/**
 * Replays a recorded notification through the processing of the notify route, and records the replay.
 * @throws H3Error 409 for a notification whose signature did not pass
 */
export async function replayNotification(entry: RecordedNotification): Promise<RecordedNotification> {
  if (entry.verification !== 'passed' || entry.body === undefined) throw notReplayable(entry)
  const { clientId } = await currentSettings()
  const { privateKey } = await keys()
  const requestTime = new Date().toISOString()
  const signature = await signMessage({ path: REPLAY_DELIVER_ROUTE, clientId, time: requestTime, body: entry.body }, privateKey)
  const started = Date.now()
  const response = await useNitroApp().localFetch(`${useRuntimeConfig().app.baseURL.replace(/\/+$/, '')}${REPLAY_DELIVER_ROUTE}`, {
    method: 'POST',
    body: entry.body,
    headers: { 'content-type': 'application/json', 'client-id': clientId, 'request-time': requestTime, 'signature': formatSignatureHeader(signature) },
  })
  const text = await response.text()
  let answer: { outcome?: NotificationOutcome, message?: string } = {}
  try {
    answer = JSON.parse(text)
  }
  catch {
    // not JSON: the answer's text is recorded as it is
  }
  return saveNotification({
    at: new Date(started).toISOString(),
    ...describeBody(entry.body),
    clientId,
    requestTime,
    verification: 'passed',
    ...(answer.outcome ? { outcome: answer.outcome.outcome } : {}),
    ...(response.status === 200 ? {} : { reason: answer.message ?? text }),
    // What the notify route would have answered: Antom's acknowledgement, or the error.
    answer: { status: response.status, body: response.status === 200 ? NOTIFICATION_ACKNOWLEDGEMENT : text },
    body: entry.body,
    replayOf: entry.id,
    ms: Date.now() - started,
  })
}

/**
 * The internal route's work: processes a replayed body as the notify route would, verified with the replay key (the
 * configured notify URL's path gives way to the internal route's, which the replay signed).
 */
export async function deliverReplay(event: H3Event): Promise<NotificationOutcome> {
  const settings = await currentSettings()
  const { publicKey } = await keys()
  return processNotification({ event, settings: { ...settings, notifyUrl: REPLAY_DELIVER_ROUTE, alipayPublicKey: publicKey } })
}
