import type { AntomCheckoutStatus } from '../../types/events'

/**
 * What can happen to a checkout. The checkout feeds every one of them to {@link transition}; the
 * answer is the next status, and the work the checkout does follows from the change.
 * - `start` / `resume`: `start()` with a new session / with the session still valid (after a cancel or error).
 * - `session`: the session route answered.
 * - `queue` / `load`: the driver waits for the page's single SDK slot / loads its payment UI.
 * - `ready`: the payment UI is shown.
 * - `cancel`: the buyer left the UI; `close`: the pop-up's close button (a cancel before a payment only).
 * - `attempt`: the UI reports a payment attempt (successful, processing, failed): the server is asked.
 * - `confirm`: the server is asked again (`confirm()`, "Check again").
 * - `paid` / `failed` / `pending`: the server's answer.
 * - `fail`: something broke; before a payment it stops the checkout, later it is only reported.
 * - `change`: the order or payment method changed; a new session follows once it settles.
 * - `stop`: torn down (unmount, route change); a final result stays.
 */
export type CheckoutEvent
  = | 'start' | 'resume' | 'session' | 'queue' | 'load' | 'ready' | 'cancel' | 'close'
    | 'attempt' | 'confirm' | 'paid' | 'failed' | 'pending' | 'fail' | 'change' | 'stop'

type Row = Partial<Record<CheckoutEvent, AntomCheckoutStatus>>

/** Shared by every status in which a payment UI is on its way or shown, before any payment. */
const PRE_PAYMENT: Row = {
  ready: 'ready',
  cancel: 'cancelled',
  close: 'cancelled',
  attempt: 'confirming',
  confirm: 'confirming',
  fail: 'error',
  change: 'creating-session',
  stop: 'idle',
}

/** After a final or pending answer: paying again needs a new session, the status can be asked again. */
const ANSWERED: Row = { attempt: 'confirming', confirm: 'confirming' }

/**
 * The checkout's states and moves: `TABLE[status][event]` is the next status. An event missing
 * from a row leaves the status as it is (the checkout then does nothing, or only reports).
 */
export const TABLE: Readonly<Record<AntomCheckoutStatus, Readonly<Row>>> = {
  'idle': { start: 'creating-session', resume: 'loading-sdk', confirm: 'confirming' },
  'creating-session': { start: 'creating-session', session: 'loading-sdk', fail: 'error', change: 'creating-session', stop: 'idle' },
  'queued': { ...PRE_PAYMENT, load: 'loading-sdk' },
  'loading-sdk': { ...PRE_PAYMENT, queue: 'queued' },
  // start() while the cashier is shown mounts it again.
  'ready': { ...PRE_PAYMENT, start: 'creating-session', resume: 'loading-sdk' },
  'confirming': { start: 'confirming', resume: 'confirming', attempt: 'confirming', confirm: 'confirming', paid: 'paid', failed: 'failed', pending: 'pending', stop: 'idle' },
  // Paid is final: nothing starts another payment.
  'paid': { confirm: 'confirming' },
  'failed': { ...ANSWERED, start: 'creating-session', resume: 'creating-session' },
  // A payment may still complete: start() asks the server instead of paying twice.
  'pending': { ...ANSWERED, start: 'confirming', resume: 'confirming' },
  'cancelled': { start: 'creating-session', resume: 'loading-sdk', confirm: 'confirming', stop: 'idle' },
  'error': { start: 'creating-session', resume: 'loading-sdk', confirm: 'confirming', stop: 'idle' },
}

/** The status after `event`; pure, so every path through a checkout can be tested without a browser. */
export function transition(status: AntomCheckoutStatus, event: CheckoutEvent): AntomCheckoutStatus {
  return TABLE[status][event] ?? status
}

/** Whether `event` has a move in `status` (a self-move counts: `ready` in `ready`). */
export function accepts(status: AntomCheckoutStatus, event: CheckoutEvent): boolean {
  return TABLE[status][event] !== undefined
}

/** Statuses in which a payment UI is being prepared or shown and nothing was paid yet. */
export function isPrePayment(status: AntomCheckoutStatus): boolean {
  return status === 'queued' || status === 'loading-sdk' || status === 'ready'
}
