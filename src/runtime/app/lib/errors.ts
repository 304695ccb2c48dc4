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

/**
 * Turns anything thrown into an {@link AntomCheckoutError}. The message is the server's own (h3's
 * `message`, shown to buyers) when there is one, else `fallback`: ofetch and import errors speak
 * about URLs, not about the payment. The original error stays in `cause`.
 */
export function toCheckoutError(code: AntomCheckoutError['code'], error: unknown, fallback: string, retryable = true): AntomCheckoutError {
  let message = fallback
  if (error && typeof error === 'object') {
    const { data } = error as FetchErrorLike
    if (data && typeof data.message === 'string' && data.message) message = data.message
    else if (data && typeof data.statusMessage === 'string' && data.statusMessage) message = data.statusMessage
  }
  const statusCode = statusCodeOf(error)
  return {
    code,
    message,
    ...(statusCode ? { statusCode } : {}),
    retryable,
    ...(error === undefined ? {} : { cause: error }),
  }
}
