import { useNitroApp, useRuntimeConfig } from 'nitropack/runtime'
import { formatSignatureHeader, signMessage } from '../lib/signature'
import { toAntomTime } from '../lib/time'
import { simulatorMerchants, useSimulatorStorage } from './identity'

/** Antom's retry intervals for an unacknowledged notification, in seconds: 8 tries within about 24 h. */
export const NOTIFY_RETRY_INTERVALS = [0, 120, 600, 600, 3600, 7200, 21_600, 54_000]

/** The only acknowledgement Antom accepts. */
const ACKNOWLEDGEMENT = { result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' } }

/** One try at delivering a notification. */
export interface DeliveryAttempt {
  /** Epoch ms of the try. */
  at: number
  /** HTTP status received, if any. */
  status?: number
  /** True only for HTTP 200 with exactly Antom's acknowledgement body. */
  acknowledged: boolean
  /** Why it did not count, when it did not. */
  problem?: string
}

/** A notification and its delivery history, kept in storage so a restart resumes it. */
export interface Delivery {
  id: string
  /** The payment or refund the notification is about. */
  paymentRequestId: string
  notifyType: string
  url: string
  /** Exact body, serialised once; each try signs it with a fresh request-time. */
  body: string
  clientId: string
  merchant: 'generated' | 'configured'
  attempts: DeliveryAttempt[]
  /** Epoch ms of the next try; undefined once acknowledged or given up. */
  nextAt?: number
  state: 'pending' | 'acknowledged' | 'given-up'
}

/** Scheduled tries, by delivery id: the timer, and what settles the try's promise in {@link tries}. */
const timers = new Map<string, { timer: ReturnType<typeof setTimeout>, settle: () => void }>()
/** One promise per scheduled try, settled when the try is over (or cancelled). */
const tries = new Set<Promise<void>>()

function timeScale(): number {
  return Number(useRuntimeConfig().antom.simulator.timeScale) || 1
}

/**
 * Queues a signed notification for delivery with Antom's retry schedule (time-scaled).
 * @param input where to, what, and as which merchant
 * @param input.paymentRequestId the payment the notification is about
 * @param input.url the notify URL
 * @param input.payload the notification body, serialised once here
 * @param input.clientId the client id the notification is signed for
 * @param input.merchant which of the simulator's merchants signs it
 * @param delayMs wait before the first try (used to order follow-up notifications)
 */
export async function enqueueNotification(input: { paymentRequestId: string, url: string, payload: object, clientId: string, merchant: Delivery['merchant'] }, delayMs = 0): Promise<Delivery> {
  const delivery: Delivery = {
    id: crypto.randomUUID(),
    paymentRequestId: input.paymentRequestId,
    // Dispute notifications carry their kind in disputeNotificationType and have no notifyType.
    notifyType: String((input.payload as { notifyType?: string }).notifyType ?? (input.payload as { disputeNotificationType?: string }).disputeNotificationType),
    url: input.url,
    body: JSON.stringify(input.payload),
    clientId: input.clientId,
    merchant: input.merchant,
    attempts: [],
    nextAt: Date.now() + delayMs,
    state: 'pending',
  }
  await useSimulatorStorage().setItem(`deliveries:${delivery.id}`, delivery)
  schedule(delivery)
  return delivery
}

/** Every delivery about one payment, oldest first (control endpoint and tests). */
export async function listDeliveries(paymentRequestId?: string): Promise<Delivery[]> {
  const storage = useSimulatorStorage()
  const keys = await storage.getKeys('deliveries')
  const deliveries = (await Promise.all(keys.map(key => storage.getItem<Delivery>(key)))).filter((delivery): delivery is Delivery => !!delivery)
  return deliveries
    .filter(delivery => !paymentRequestId || delivery.paymentRequestId === paymentRequestId)
    .sort((a, b) => (a.attempts[0]?.at ?? a.nextAt ?? 0) - (b.attempts[0]?.at ?? b.nextAt ?? 0))
}

/** Schedules every pending delivery found in storage; run at start so a restart loses nothing. */
export async function resumeDeliveries(): Promise<number> {
  const pending = (await listDeliveries()).filter(delivery => delivery.state === 'pending')
  pending.forEach(schedule)
  return pending.length
}

/** Cancels timers (server shutdown). Pending deliveries stay in storage for the next start. */
export function stopDeliveries(): void {
  for (const { timer, settle } of timers.values()) {
    clearTimeout(timer)
    settle()
  }
  timers.clear()
}

/** True while a delivery is scheduled or being tried in this process. */
export function deliveriesPending(): boolean {
  return tries.size > 0
}

/**
 * Resolves when no delivery is scheduled or being tried any more, retries scheduled meanwhile included. Runtimes that
 * end a request's work with its response (Cloudflare Workers) are handed this through `event.waitUntil`.
 */
export async function deliveriesSettled(): Promise<void> {
  while (tries.size) await Promise.all(tries)
}

function schedule(delivery: Delivery): void {
  if (delivery.state !== 'pending' || delivery.nextAt === undefined || timers.has(delivery.id)) return
  let settle!: () => void
  const tried = new Promise<void>((resolve) => {
    settle = resolve
  })
  tries.add(tried)
  tried.then(() => tries.delete(tried))
  const timer = setTimeout(() => {
    timers.delete(delivery.id)
    attempt(delivery.id).catch(() => {}).finally(settle)
  }, Math.max(0, delivery.nextAt - Date.now()))
  // A pending notification must not keep a process alive that is otherwise done.
  timer.unref?.()
  timers.set(delivery.id, { timer, settle })
}

async function attempt(id: string): Promise<void> {
  const storage = useSimulatorStorage()
  const delivery = await storage.getItem<Delivery>(`deliveries:${id}`)
  if (!delivery || delivery.state !== 'pending') return
  const result = await send(delivery)
  delivery.attempts.push(result)
  if (result.acknowledged) {
    delivery.state = 'acknowledged'
    delivery.nextAt = undefined
  }
  else if (delivery.attempts.length >= NOTIFY_RETRY_INTERVALS.length) {
    delivery.state = 'given-up'
    delivery.nextAt = undefined
  }
  else {
    delivery.nextAt = Date.now() + NOTIFY_RETRY_INTERVALS[delivery.attempts.length]! * 1000 / timeScale()
  }
  await storage.setItem(`deliveries:${id}`, delivery)
  schedule(delivery)
}

/**
 * True for a notify URL on this app's own origin (`NUXT_PUBLIC_SITE_URL`): the notification then goes through the
 * app's own route handler in process, with no network hop (and none is needed on platforms that cannot call
 * themselves, such as Workers).
 */
function isThisApp(url: URL): boolean {
  const site = useRuntimeConfig().public.siteUrl
  return !!site && new URL(site).origin === url.origin
}

async function send(delivery: Delivery): Promise<DeliveryAttempt> {
  const at = Date.now()
  const merchant = (await simulatorMerchants()).find(candidate => candidate.name === delivery.merchant)
  if (!merchant) return { at, acknowledged: false, problem: `merchant "${delivery.merchant}" is no longer configured` }
  const url = new URL(delivery.url)
  const requestTime = toAntomTime(at, 0).replace('+00:00', 'Z')
  // Antom signs the notify URL's path without its query string (see the 2019 notification).
  const signature = await signMessage({ path: url.pathname, clientId: delivery.clientId, time: requestTime, body: delivery.body }, merchant.antomPrivateKey)
  try {
    const init = {
      method: 'POST',
      body: delivery.body,
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        'client-id': delivery.clientId,
        'request-time': requestTime,
        'signature': formatSignatureHeader(signature),
      },
      // Delivered to the session's notify URL only: a redirect is an answer, never a new destination.
      redirect: 'manual' as const,
    }
    const response = isThisApp(url)
      ? await useNitroApp().localFetch(`${url.pathname}${url.search}`, init)
      : await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) })
    const text = await response.text()
    const acknowledged = response.status === 200 && isAcknowledgement(text)
    return { at, status: response.status, acknowledged, problem: acknowledged ? undefined : 'not HTTP 200 with Antom\'s acknowledgement body' }
  }
  catch (error) {
    return { at, acknowledged: false, problem: `not delivered: ${(error as Error).message}` }
  }
}

function isAcknowledgement(text: string | undefined): boolean {
  try {
    const body = JSON.parse(text ?? '')
    return JSON.stringify(body) === JSON.stringify(ACKNOWLEDGEMENT)
      || (Object.keys(body).length === 1 && Object.keys(body.result ?? {}).length === 3
        && body.result.resultCode === 'SUCCESS' && body.result.resultStatus === 'S' && body.result.resultMessage === 'success')
  }
  catch {
    return false
  }
}
