import type { AntomProduct, AntomSessionResponse } from '../../types/routes'
import { requestAntomSession } from '../lib/api'
import { detectTerminalType } from '../lib/terminal'

/** A session this close to expiry is replaced rather than shown. */
const EXPIRY_MARGIN_MS = 30_000

/** What the session store needs from its checkout; the getters are read when a session is created. */
export interface SessionStoreOptions {
  prefix: string
  order: () => Record<string, unknown>
  /** The integration; sent only when it is not the cashier (the server's default). */
  product?: () => AntomProduct | undefined
  /** Sent for the cashier only: in a Payment Element or on the Checkout Page the buyer picks the method. */
  paymentMethodType: () => string | undefined
  /** Milliseconds the order must stay unchanged before a change opens a new session. */
  orderDebounceMs: number
}

/**
 * The checkout's payment session: created through the module's session route, reused while it is
 * unpaid and valid (a cancel or an error keeps it), replaced once a payment was attempted with it,
 * its order changed, or it is about to expire.
 */
export interface SessionStore {
  /** The last session, kept after a cancel for a retry. */
  readonly current: AntomSessionResponse | null
  /** A request in flight, if any (preloading waits for it to know the driver). */
  readonly pending: Promise<unknown> | undefined
  /** Whether `current` can be shown again: not spent, not (nearly) expired. */
  usable: () => boolean
  /**
   * `current` when usable, else a new session (`fresh`). A session arriving after `signal` aborted (the
   * checkout stopped or the order changed meanwhile) is not kept. Rejects with the route's error.
   */
  obtain: (signal: AbortSignal) => Promise<{ session: AntomSessionResponse, fresh: boolean }>
  /** A payment was attempted with `current`: a retry needs a new `paymentRequestId`. */
  spend: () => void
  /**
   * The order or payment method changed: `current` is spent, and `settled` runs once nothing changed
   * for `orderDebounceMs` (at once for 0). Each call replaces the previous wait.
   */
  changed: (settled: () => void) => void
  /** Drops a `settled` callback that has not run yet. */
  cancelChange: () => void
}

/** Creates the {@link SessionStore} of one checkout. */
export function createSessionStore(options: SessionStoreOptions): SessionStore {
  let current: AntomSessionResponse | null = null
  let spent = false
  let pending: Promise<unknown> | undefined
  let timer: ReturnType<typeof setTimeout> | undefined

  function usable(): boolean {
    if (!current || spent) return false
    const expiry = Date.parse(current.paymentSessionExpiryTime)
    return !(Number.isFinite(expiry) && expiry - Date.now() < EXPIRY_MARGIN_MS)
  }

  async function obtain(signal: AbortSignal): Promise<{ session: AntomSessionResponse, fresh: boolean }> {
    if (usable()) return { session: current!, fresh: false }
    const product = options.product?.() ?? 'cashier'
    const method = product === 'cashier' ? options.paymentMethodType() : undefined
    const request = requestAntomSession(options.prefix, {
      terminalType: detectTerminalType(),
      ...options.order(),
      ...(method ? { paymentMethodType: method } : {}),
      ...(product === 'cashier' ? {} : { product }),
    })
    pending = request
    try {
      const session = await request
      if (!signal.aborted) {
        current = session
        spent = false
      }
      return { session, fresh: true }
    }
    finally {
      if (pending === request) pending = undefined
    }
  }

  function cancelChange(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }

  function changed(settled: () => void): void {
    spent = true
    cancelChange()
    if (options.orderDebounceMs > 0) {
      timer = setTimeout(() => {
        timer = undefined
        settled()
      }, options.orderDebounceMs)
    }
    else {
      settled()
    }
  }

  return {
    get current() {
      return current
    },
    get pending() {
      return pending
    },
    usable,
    obtain,
    spend: () => {
      spent = true
    },
    changed,
    cancelChange,
  }
}
