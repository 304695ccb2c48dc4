import type { AntomPaymentOutcome } from '../../types/events'
import type { AntomPaymentStatusResponse } from '../../types/routes'
import { requestAntomPaymentStatus } from './api'
import { statusCodeOf } from './errors'

/** How `pollPaymentStatus` asks the server. */
export interface PollPaymentOptions {
  /** Milliseconds between two requests. */
  interval: number
  /** Requests before giving up (the first one is immediate). */
  maxAttempts: number
  /** Stops polling when aborted. */
  signal: AbortSignal
  /** Called with every status the server returns. */
  onStatus?: (status: AntomPaymentStatusResponse) => void
  /**
   * When an answer ends the polling.
   * @default the server calls the status final
   */
  until?: (status: AntomPaymentStatusResponse) => boolean
}

/** Where polling stopped. */
export interface PollPaymentResult {
  /** The last status the server returned, or `null` if no request succeeded. */
  status: AntomPaymentStatusResponse | null
  /** The last request's error when it failed. */
  error?: unknown
  /** True when the server does not know the payment (HTTP 404); polling stops at once. */
  notFound?: boolean
  /** True when `signal` stopped the polling. */
  aborted?: boolean
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

/**
 * Asks for a payment's status until the server calls it final, `maxAttempts` requests have been made,
 * or `signal` aborts. Network and 5xx errors count as attempts and polling continues.
 */
export async function pollPaymentStatus(fetchStatus: () => Promise<AntomPaymentStatusResponse>, options: PollPaymentOptions): Promise<PollPaymentResult> {
  const { interval, maxAttempts, signal, onStatus, until = isFinalStatus } = options
  let status: AntomPaymentStatusResponse | null = null
  let error: unknown
  for (let attempt = 1; attempt <= Math.max(1, maxAttempts); attempt++) {
    if (signal.aborted) return { status, aborted: true }
    try {
      const answer = await fetchStatus()
      if (signal.aborted) return { status, aborted: true }
      status = answer
      error = undefined
      onStatus?.(answer)
      if (until(answer)) return { status }
    }
    catch (caught) {
      if (signal.aborted) return { status, aborted: true }
      error = caught
      if (statusCodeOf(caught) === 404) return { status, error, notFound: true }
    }
    if (attempt < maxAttempts) await sleep(interval, signal)
  }
  if (signal.aborted) return { status, aborted: true }
  return error === undefined ? { status } : { status, error }
}

const isFinalStatus = (status: AntomPaymentStatusResponse) => status.final

/**
 * True when the buyer has nothing left to do: the payment is final, or it is a card (Apple Pay, Google Pay) payment
 * that is authorised and waits for its capture, which the shop or Antom makes later (`captureStatus` is set).
 */
export function buyerPartDone(status: AntomPaymentStatusResponse | null | undefined): boolean {
  return !!status && (status.final || status.captureStatus !== undefined)
}

/** What a payment status means for the buyer: `paid` only for the server's `SUCCESS`; `null` without a status. */
export function outcomeOf(payment: AntomPaymentStatusResponse | null | undefined): AntomPaymentOutcome | null {
  const status = payment?.status
  if (!status) return null
  if (status === 'SUCCESS') return 'paid'
  if (status === 'FAIL' || status === 'CANCELLED') return 'failed'
  return 'pending'
}

/**
 * One polling round of `GET <prefix>/payments/:paymentRequestId`, the server's confirmation that
 * `useAntomPayment` (the result page) and the checkout (after the cashier's word) both rely on.
 */
export function pollAntomPayment(prefix: string, paymentRequestId: string, options: PollPaymentOptions): Promise<PollPaymentResult> {
  return pollPaymentStatus(() => requestAntomPaymentStatus(prefix, paymentRequestId), options)
}
