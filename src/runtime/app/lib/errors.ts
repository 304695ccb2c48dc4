import type { AntomCheckoutError } from '../../types/events'

/** The parts of an ofetch `FetchError` (carrying an h3 error body) this module reads. */
interface FetchErrorLike {
  statusCode?: number
  status?: number
  data?: { message?: unknown, statusMessage?: unknown } | null
}

/** HTTP status of a failed `$fetch`, if there was a response. */
export function statusCodeOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined
  const { statusCode, status } = error as FetchErrorLike
  return statusCode ?? status
}

/** Whether the server's `message` for this HTTP status is meant for the buyer: only a 4xx answer's is. */
function isBuyerFacingStatus(statusCode: number | undefined): statusCode is number {
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500
}

/** The body's `message` (else `statusMessage`) of an h3 error answer, if it has one. */
function bodyMessageOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined
  const { data } = error as FetchErrorLike
  if (data && typeof data.message === 'string' && data.message) return data.message
  if (data && typeof data.statusMessage === 'string' && data.statusMessage) return data.statusMessage
  return undefined
}

/**
 * Turns anything thrown into an {@link AntomCheckoutError} whose `message` is safe to show a buyer:
 * - HTTP 4xx: the server's own `message` (h3's error body, e.g. "Invalid order: items: …"), which the
 *   module's routes write for buyers; `fallback` when the body has none.
 * - HTTP 5xx, or no status at all (network error, failed import, SDK exception): always `fallback`.
 *   A 5xx body may carry developer text (older servers and proxies put configuration hints such as
 *   `[nuxt-antom] Set NUXT_ANTOM_…` there), and ofetch and import errors speak about URLs, not about
 *   the payment. The full error (status, body, cause) is logged once with `console.error` instead,
 *   so a developer finds it in the browser console.
 *
 * `statusCode` (when there was a response) and the original error (`cause`) are always kept.
 */
export function toCheckoutError(code: AntomCheckoutError['code'], error: unknown, fallback: string, retryable = true): AntomCheckoutError {
  const statusCode = statusCodeOf(error)
  const bodyMessage = bodyMessageOf(error)
  let message = fallback
  if (isBuyerFacingStatus(statusCode)) {
    if (bodyMessage) message = bodyMessage
  }
  else {
    const detail = bodyMessage ?? (error instanceof Error ? error.message : typeof error === 'string' ? error : fallback)
    console.error(`[nuxt-antom] ${code}${statusCode ? ` (HTTP ${statusCode})` : ''}: ${detail}`, error)
  }
  return {
    code,
    message,
    ...(statusCode ? { statusCode } : {}),
    retryable,
    ...(error === undefined ? {} : { cause: error }),
  }
}
