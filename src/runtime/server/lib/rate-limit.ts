import type { H3Event } from 'h3'
import { setResponseHeader } from 'h3'
import { clientIp, httpError } from './http'

const WINDOW_MS = 60_000
/** Addresses tracked at most; the oldest window is dropped first, so a flood of addresses cannot grow memory. */
const MAX_TRACKED = 10_000

interface Window {
  startedAt: number
  count: number
}

const windows = new Map<string, Window>()

/**
 * Counts a session request against its client address (fixed one-minute windows, per server instance).
 * Off when `sessionRateLimit` is 0. The address follows `trustedProxies`, as the one sent to Antom does.
 * @throws H3Error 429 with `Retry-After` once an address has opened `sessionRateLimit` sessions this minute
 */
export function limitSessionRate(event: H3Event, settings: { sessionRateLimit: number, trustedProxies: number }): void {
  if (!settings.sessionRateLimit) return
  const address = clientIp(event, settings.trustedProxies) ?? 'unknown'
  const now = Date.now()
  let window = windows.get(address)
  if (!window || now - window.startedAt >= WINDOW_MS) {
    windows.delete(address)
    window = { startedAt: now, count: 0 }
    windows.set(address, window)
    if (windows.size > MAX_TRACKED) windows.delete(windows.keys().next().value!)
  }
  window.count++
  if (window.count > settings.sessionRateLimit) {
    const retryAfter = Math.ceil((window.startedAt + WINDOW_MS - now) / 1000)
    setResponseHeader(event, 'retry-after', retryAfter)
    throw httpError(429, `Too many payment sessions from this address; try again in ${retryAfter} s.`)
  }
}
