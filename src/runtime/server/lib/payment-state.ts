import type { AntomCaptureStatus, AntomPaymentRecord } from '../../types/payments'
import type { AntomPaymentState } from '../../types/routes'

const RANK: Record<AntomPaymentState, number> = { PROCESSING: 0, PENDING: 1, SUCCESS: 2, FAIL: 2, CANCELLED: 2 }

/** True for states that never change again. */
export function isFinal(state: AntomPaymentState): boolean {
  return RANK[state] === 2
}

/**
 * Whether a reported state may replace the stored one. States only move forward
 * (PROCESSING → PENDING → a final state), so a stale PENDING or a late FAIL after SUCCESS is ignored.
 */
export function canMoveTo(current: AntomPaymentState, next: AntomPaymentState): boolean {
  return RANK[next] > RANK[current]
}

/** Maps a notification to the state it reports. */
export function stateFromNotification(notifyType: string, resultStatus: string): AntomPaymentState | undefined {
  if (notifyType === 'PAYMENT_PENDING') return 'PENDING'
  if (notifyType !== 'PAYMENT_RESULT') return undefined
  if (resultStatus === 'S') return 'SUCCESS'
  if (resultStatus === 'F') return 'FAIL'
  return undefined
}

/**
 * Methods whose money is taken in two steps, authorisation then capture (Antom's `notifyCapture` covers them): cards,
 * Apple Pay, Google Pay. A payment whose CAPTURE_RESULT arrives has a separate capture whatever its method.
 */
export const SEPARATE_CAPTURE_METHODS: readonly string[] = ['CARD', 'APPLEPAY', 'GOOGLEPAY']

/**
 * True when the payment's money is taken by a capture after the authorisation. A record written before captures were
 * followed (no `captureMode`, no `capture`) counts as paid at SUCCESS, as it was then.
 */
export function hasSeparateCapture(payment: Pick<AntomPaymentRecord, 'paymentMethodType' | 'capture' | 'captureMode'>): boolean {
  return !!payment.capture || (payment.captureMode !== undefined && SEPARATE_CAPTURE_METHODS.includes(payment.paymentMethodType))
}

/**
 * The buyer's view of a payment (what the status route answers): `SUCCESS` only once the money is taken. A method
 * without a separate capture is paid at SUCCESS; one with a separate capture is paid when its capture succeeded,
 * `PENDING` while authorised and not captured, `FAIL` when the capture failed.
 */
export function buyerStatus(payment: Pick<AntomPaymentRecord, 'status' | 'paymentMethodType' | 'capture' | 'captureMode'>): AntomPaymentState {
  if (payment.status !== 'SUCCESS' || !hasSeparateCapture(payment)) return payment.status
  const capture = payment.capture?.status ?? 'PENDING'
  if (capture === 'SUCCESS') return 'SUCCESS'
  return capture === 'FAIL' ? 'FAIL' : 'PENDING'
}

/**
 * True when an authorised payment's capture result is awaited from Antom: it asked (PROCESSING), or captures on its
 * own (automatic mode) and has not reported. A manual capture nobody asked for yet is not awaited.
 */
export function captureAwaited(payment: Pick<AntomPaymentRecord, 'status' | 'capture'>): boolean {
  const capture = payment.capture
  return payment.status === 'SUCCESS' && !!capture && (capture.status === 'PROCESSING' || (capture.status === 'PENDING' && capture.mode === 'AUTOMATIC'))
}

const CAPTURE_RANK: Record<AntomCaptureStatus, number> = { PENDING: 0, PROCESSING: 1, SUCCESS: 2, FAIL: 2 }

/** Whether a capture may move from `current` to `next`: only forward, and a final capture never changes. */
export function captureCanMoveTo(current: AntomCaptureStatus, next: AntomCaptureStatus): boolean {
  return CAPTURE_RANK[next] > CAPTURE_RANK[current]
}

/** True when the capture's handlers are due: the payment's own handlers ran for SUCCESS, the capture is final and not handled. */
export function captureHandlersDue(payment: Pick<AntomPaymentRecord, 'status' | 'handledStatus' | 'capture'>): boolean {
  const capture = payment.capture
  return payment.status === 'SUCCESS' && payment.handledStatus === 'SUCCESS' && !!capture
    && (capture.status === 'SUCCESS' || capture.status === 'FAIL') && capture.handledStatus !== capture.status
}

/**
 * True when cancelling the payment voids a card authorisation: it is authorised and nobody has asked for its capture
 * yet (capture PENDING). Antom lets a card payment be cancelled until it is captured; the hold on the card is released.
 */
export function isVoidable(payment: Pick<AntomPaymentRecord, 'status' | 'capture'>): boolean {
  return payment.status === 'SUCCESS' && payment.capture?.status === 'PENDING'
}

/** True for an authorised payment whose money is not taken yet (capture PENDING or PROCESSING): the reconciliation counts them. */
export function isUncaptured(payment: Pick<AntomPaymentRecord, 'status' | 'paymentMethodType' | 'capture' | 'captureMode'>): boolean {
  return payment.status === 'SUCCESS' && buyerStatus(payment) === 'PENDING'
}
