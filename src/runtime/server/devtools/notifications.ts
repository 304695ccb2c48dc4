import type { H3Event } from 'h3'
import { getRequestHeader, isError } from 'h3'
import type { NotificationOutcome } from '../lib/flow/notification'
import { bytesToHex, utf8 } from '../lib/bytes'
import { sha256 } from '../lib/digest'
import { httpError, readBodyText } from '../lib/http'
import { useAntomStorage, withLock } from '../lib/store'

// `nuxt dev` only: every notification the notify route received, as the DevTools tab shows it. Kept in the `antom`
// storage under `devtools:notifications:*`, the last 200. The body is kept (a notification carries no secret);
// the signature header never is.

const PREFIX = 'devtools:notifications'
/** How many notifications are kept. */
export const MAX_NOTIFICATIONS = 200

/**
 * Whether the signature was checked and held: `failed` (401: not signed with Antom's key, another client id, headers
 * missing), `unchecked` (refused before: too large, or the configuration is unusable), `passed` (everything else:
 * the body was verified, then applied, refused as malformed, or a handler threw).
 */
export type Verification = 'passed' | 'failed' | 'unchecked'

/** One received notification. */
export interface RecordedNotification {
  /** Sortable by arrival: the storage key's last segment. */
  id: string
  at: string
  /** The body's `notifyType`, or a dispute's `disputeNotificationType` (only claimed when the signature did not pass); '' when the body is not JSON. */
  kind: string
  paymentRequestId?: string
  refundRequestId?: string
  disputeId?: string
  /** The `client-id` and `request-time` headers (never the signature). */
  clientId?: string
  requestTime?: string
  verification: Verification
  /** Why it was refused, or what a handler threw. */
  reason?: string
  /** What processing did: applied, duplicate, stale, amount-mismatch, unknown-payment, ignored-type. */
  outcome?: string
  /** The first notification with the same body, when this one is a copy of it. */
  copyOf?: string
  /** The answer sent back. */
  answer: { status: number, body: string }
  /** The body as received (absent when it was too large to read). */
  body?: string
  /** The notification this is a replay of (a replay from the tab, signed with a dev-only key). */
  replayOf?: string
  ms: number
}

let sequence = 0

/** A storage id that sorts by arrival, ending in the body's digest so copies are found from the keys alone. */
function newId(body: string | undefined): string {
  const digest = body === undefined ? 'none' : bytesToHex(sha256(utf8(body))).slice(0, 16)
  sequence = (sequence + 1) % 1000
  return `${Date.now().toString().padStart(15, '0')}${sequence.toString().padStart(3, '0')}-${digest}`
}

/** Stores a notification, drops the oldest beyond {@link MAX_NOTIFICATIONS}, and marks it as a copy of an earlier one. */
export async function saveNotification(entry: Omit<RecordedNotification, 'id'>): Promise<RecordedNotification> {
  return withLock(PREFIX, async () => {
    const storage = useAntomStorage()
    const id = newId(entry.body)
    const keys = (await storage.getKeys(PREFIX)).map(key => key.slice(PREFIX.length + 1)).sort()
    const first = entry.body === undefined || entry.replayOf ? undefined : keys.find(other => other.endsWith(id.slice(-17)))
    const saved: RecordedNotification = { id, ...entry, ...(first ? { copyOf: first } : {}) }
    await storage.setItem(`${PREFIX}:${id}`, saved)
    await Promise.all(keys.slice(0, Math.max(0, keys.length + 1 - MAX_NOTIFICATIONS)).map(old => storage.removeItem(`${PREFIX}:${old}`)))
    return saved
  })
}

/** The recorded notifications, newest first. */
export async function listNotifications(): Promise<RecordedNotification[]> {
  const storage = useAntomStorage()
  const keys = (await storage.getKeys(PREFIX)).sort().reverse()
  const entries = await Promise.all(keys.map(key => storage.getItem<RecordedNotification>(key)))
  return entries.filter((entry): entry is RecordedNotification => !!entry)
}

/** One recorded notification. */
export function getNotification(id: string): Promise<RecordedNotification | null> {
  if (!/^[\w-]{1,64}$/.test(id)) return Promise.resolve(null)
  return useAntomStorage().getItem<RecordedNotification>(`${PREFIX}:${id}`)
}

/** The fields a body names, when it is JSON. */
export function describeBody(body: string | undefined): Pick<RecordedNotification, 'kind' | 'paymentRequestId' | 'refundRequestId' | 'disputeId'> {
  try {
    const parsed = JSON.parse(body ?? '') as Record<string, unknown>
    const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 128) : undefined)
    return {
      kind: text(parsed.notifyType) ?? text(parsed.disputeNotificationType) ?? '',
      paymentRequestId: text(parsed.paymentRequestId),
      refundRequestId: text(parsed.refundRequestId),
      disputeId: text(parsed.disputeId),
    }
  }
  catch {
    return { kind: '' }
  }
}

/** What an error answers: its status and message, as h3 sends them. */
export function errorAnswer(error: unknown): { status: number, message: string } {
  if (isError(error)) return { status: error.statusCode, message: error.message }
  return { status: 500, message: (error as Error)?.message ?? String(error) }
}

/** The notify route's handling: verify, process, answer; `observe` sees what processing gave or threw. */
type Acknowledge = (event: H3Event, observe: (result: { outcome?: NotificationOutcome, error?: unknown }) => void) => Promise<string>

/**
 * Runs the notify route's handling and records the notification, its verification and the answer it got. The body
 * is read here (64 KiB at most, as the route reads it) and handed on to the handling unchanged.
 */
export async function recordNotification(event: H3Event, acknowledge: Acknowledge): Promise<string> {
  const started = Date.now()
  const entry: Omit<RecordedNotification, 'id'> = {
    at: new Date(started).toISOString(),
    kind: '',
    clientId: getRequestHeader(event, 'client-id')?.slice(0, 128),
    requestTime: getRequestHeader(event, 'request-time')?.slice(0, 64),
    verification: 'unchecked',
    answer: { status: 200, body: '' },
    ms: 0,
  }
  let cause: unknown
  try {
    entry.body = await readBodyText(event)
    Object.assign(entry, describeBody(entry.body))
    // The handling reads the body again: give it a fresh stream of the same bytes.
    event.web = { ...event.web, request: new Request('http://localhost/', { method: 'POST', body: entry.body }) }
    const answer = await acknowledge(event, (result) => {
      if (result.outcome) entry.outcome = result.outcome.outcome
      cause = result.error
    })
    entry.answer = { status: 200, body: answer }
    return answer
  }
  catch (error) {
    const { status, message } = errorAnswer(error)
    entry.answer = { status, body: JSON.stringify({ statusCode: status, message }) }
    cause ??= error
    throw error
  }
  finally {
    entry.verification = verificationOf(entry.answer.status, cause)
    if (cause) entry.reason = errorAnswer(cause).message
    entry.ms = Date.now() - started
    await saveNotification(entry).catch(error => console.warn('[nuxt-antom] DevTools could not record a notification:', (error as Error).message))
  }
}

function verificationOf(status: number, cause: unknown): Verification {
  if (status === 401) return 'failed'
  if (status === 413) return 'unchecked'
  // A 5xx from the module itself (unusable configuration) comes before the signature; a handler's or the storage's
  // own error comes after it.
  if (status >= 500 && isError(cause)) return 'unchecked'
  return 'passed'
}

/** The 409 for a replay of a notification that was not verified. */
export function notReplayable(entry: RecordedNotification) {
  return httpError(409, `Only a notification whose signature passed can be replayed; this one's ${entry.verification === 'failed' ? 'failed' : 'was not checked'}.`)
}
