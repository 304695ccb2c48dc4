import { useRuntimeConfig } from 'nitropack/runtime'
import type { AntomAmount, AntomResult } from '../../types/antom'
import { SEPARATE_CAPTURE_METHODS } from '../lib/payment-state'
import { withLock } from '../lib/store'
import { toAntomTime } from '../lib/time'
import { takeFaults, type SimulatorFault } from './faults'
import { useSimulatorStorage } from './identity'
import { enqueueNotification } from './notifier'
import { failure, randomDigits, type SimulatorAnswer } from './answers'
import type { SimulatedPayment } from './payments'

/** Seconds (time-scaled) from authorisation to Antom's automatic capture, and from a `capture-pending` answer to its result. */
const CAPTURE_DELAY_SECONDS = 3
/** How late a `late-capture` CAPTURE_RESULT is, by default (real milliseconds). */
const LATE_CAPTURE_MS = 5000

/** A capture as the simulator keeps it, on its payment. */
export interface SimulatedCapture {
  captureRequestId: string
  captureId: string
  amount: AntomAmount
  status: 'PROCESSING' | 'SUCCESS' | 'FAIL'
  resultCode?: string
  captureTime?: number
  /** When a PROCESSING capture (the `capture-pending` fault) completes. */
  completesAt?: number
  /** Faults that apply to its result (taken when it was asked for). */
  late?: number
  fails?: string
}

const SUCCESS: AntomResult = { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' }
const storage = () => useSimulatorStorage()
const scaled = (seconds: number) => seconds * 1000 / (Number(useRuntimeConfig().antom.simulator.timeScale) || 1)

/** True when the payment's method is authorised first and captured after (cards, Apple Pay, Google Pay). */
export function authorisesFirst(payment: SimulatedPayment): boolean {
  return SEPARATE_CAPTURE_METHODS.includes(payment.paymentMethodType)
}

/**
 * After a card payment is authorised: with automatic capture (Antom's default) Antom captures it a few (time-scaled)
 * seconds later, on a timer and, after a restart, on the next read of the payment (`captureDueAt`).
 */
export function scheduleAutomaticCapture(payment: SimulatedPayment): void {
  if (!authorisesFirst(payment) || payment.captureMode === 'MANUAL') return
  payment.captureDueAt = Date.now() + scaled(CAPTURE_DELAY_SECONDS)
  setTimeout(() => completeDueCapture(payment.paymentRequestId).catch(() => {}), payment.captureDueAt - Date.now() + 5).unref?.()
}

/**
 * Runs what is due on a payment's capture: Antom's automatic capture, or the result of a capture that answered
 * `CAPTURE_IN_PROCESS`. Idempotent (under a lock, on the stored payment); reads call it, which covers restarts.
 * @returns the payment as stored after
 */
export function completeDueCapture(paymentRequestId: string): Promise<SimulatedPayment | null> {
  return withLock(`simulator:capture:${paymentRequestId}`, async () => {
    const payment = await storage().getItem<SimulatedPayment>(`payments:${paymentRequestId}`)
    if (!payment || payment.status !== 'SUCCESS') return payment
    const now = Date.now()
    if (!payment.capture && payment.captureDueAt !== undefined && now >= payment.captureDueAt) {
      const faults = await takeFaults('capture-outcome')
      const captureRequestId = `${payment.paymentId.slice(0, 8)}3${randomDigits(23)}`
      payment.capture = { captureRequestId, captureId: `${payment.paymentId.slice(0, 8)}4${randomDigits(23)}`, amount: payment.amount, status: 'PROCESSING', ...faultsFor(faults) }
      await storage().setItem(`captures:${captureRequestId}`, payment.paymentRequestId)
      await finish(payment, faults)
    }
    else if (payment.capture?.status === 'PROCESSING' && payment.capture.completesAt !== undefined && now >= payment.capture.completesAt) {
      await finish(payment, [])
    }
    return payment
  })
}

/** What the faults taken for a capture say about its result. */
function faultsFor(faults: SimulatorFault[]): Pick<SimulatedCapture, 'late' | 'fails'> {
  const fail = faults.find(fault => fault.type === 'capture-fail')
  const late = faults.find(fault => fault.type === 'late-capture')
  return { ...(fail ? { fails: fail.resultCode ?? 'PROCESS_FAIL' } : {}), ...(late ? { late: late.delayMs ?? LATE_CAPTURE_MS } : {}) }
}

/** Settles a capture (S, or F with its fault) and sends its CAPTURE_RESULT to the session's notify URL. */
async function finish(payment: SimulatedPayment, faults: SimulatorFault[]): Promise<void> {
  const capture = payment.capture!
  capture.status = capture.fails ? 'FAIL' : 'SUCCESS'
  if (capture.fails) capture.resultCode = capture.fails
  else capture.captureTime = Date.now()
  delete capture.completesAt
  await storage().setItem(`payments:${payment.paymentRequestId}`, payment)
  if (!payment.notifyUrl || faults.some(fault => fault.type === 'lost-notification')) return
  const result: AntomResult = capture.fails ? { resultStatus: 'F', resultCode: capture.fails, resultMessage: 'The capture failed.' } : SUCCESS
  const payload = {
    notifyType: 'CAPTURE_RESULT',
    result,
    captureRequestId: capture.captureRequestId,
    paymentId: payment.paymentId,
    captureId: capture.captureId,
    captureAmount: capture.amount,
    ...(capture.captureTime ? { captureTime: toAntomTime(capture.captureTime) } : {}),
  }
  const target = { paymentRequestId: payment.paymentRequestId, url: payment.notifyUrl, clientId: payment.clientId, merchant: payment.merchant }
  const copies = Math.max(1, ...faults.filter(fault => fault.type === 'duplicate-notification').map(fault => fault.copies ?? 2))
  await Promise.all(Array.from({ length: copies }, () => enqueueNotification({ ...target, payload }, capture.late ?? 0)))
}

/** The capture API's answer for a capture's current state. */
function captureAnswer(payment: SimulatedPayment, capture: SimulatedCapture): SimulatorAnswer {
  if (capture.status === 'FAIL') return failure(capture.resultCode ?? 'PROCESS_FAIL', 'The capture failed.')
  if (capture.status === 'PROCESSING') return { result: { resultStatus: 'U', resultCode: 'CAPTURE_IN_PROCESS', resultMessage: 'The capture is being processed; wait for notifyCapture or inquire.' } }
  return { result: SUCCESS, captureRequestId: capture.captureRequestId, captureId: capture.captureId, paymentId: payment.paymentId, captureAmount: capture.amount, captureTime: toAntomTime(capture.captureTime!) }
}

/**
 * capture: idempotent on captureRequestId (the same request gets the same answer, another body with it
 * REPEAT_REQ_INCONSISTENT); one capture per payment, of an authorised card payment in MANUAL mode, at most the
 * authorised amount. Faults: `capture-fail`, `capture-pending`, `late-capture`.
 */
export async function capture(body: { captureRequestId: string, paymentId: string, captureAmount: AntomAmount }, findPayment: (ids: { paymentId: string }) => Promise<SimulatedPayment | null>): Promise<SimulatorAnswer> {
  const known = await storage().getItem<string>(`captures:${body.captureRequestId}`)
  if (known) {
    const payment = await completeDueCapture(known)
    const existing = payment?.capture
    if (!payment || !existing || existing.captureRequestId !== body.captureRequestId) return failure('REPEAT_REQ_INCONSISTENT', 'The captureRequestId was used for another capture.')
    if (payment.paymentId !== body.paymentId || existing.amount.value !== body.captureAmount.value || existing.amount.currency !== body.captureAmount.currency) {
      return failure('REPEAT_REQ_INCONSISTENT', 'The captureRequestId was used before with other key parameters.')
    }
    return captureAnswer(payment, existing)
  }
  const found = await findPayment({ paymentId: body.paymentId })
  if (!found) return failure('AUTH_NOT_FOUND', 'The authorisation does not exist.')
  return withLock(`simulator:capture:${found.paymentRequestId}`, async () => {
    const payment = (await storage().getItem<SimulatedPayment>(`payments:${found.paymentRequestId}`))!
    if (payment.status === 'CANCELLED') return failure('AUTH_CANCELLED', 'The authorisation was cancelled.')
    if (payment.status !== 'SUCCESS') return failure('ORDER_STATUS_INVALID', `The payment is ${payment.status}; only an authorised payment can be captured.`)
    if (!authorisesFirst(payment)) return failure('ORDER_STATUS_INVALID', `${payment.paymentMethodType || 'This method'} has no separate capture.`)
    if (payment.captureMode !== 'MANUAL') return failure('ORDER_STATUS_INVALID', 'The payment is captured automatically.')
    if (payment.capture) return failure('MULTI_CAPTURE_NOT_SUPPORTED', 'The payment already has a capture.')
    if (body.captureAmount.currency !== payment.amount.currency) return failure('CURRENCY_NOT_SUPPORT', 'captureAmount.currency: must be the payment currency')
    if (BigInt(body.captureAmount.value) > BigInt(payment.amount.value)) return failure('CAPTURE_AMOUNT_EXCEED_AUTH_LIMIT', 'The capture amount exceeds the authorised amount.')
    const faults = await takeFaults('capture-outcome')
    const pending = faults.some(fault => fault.type === 'capture-pending')
    payment.capture = {
      captureRequestId: body.captureRequestId,
      captureId: `${payment.paymentId.slice(0, 8)}4${randomDigits(23)}`,
      amount: body.captureAmount,
      status: 'PROCESSING',
      ...faultsFor(faults),
      ...(pending ? { completesAt: Date.now() + scaled(CAPTURE_DELAY_SECONDS) } : {}),
    }
    await storage().setItem(`captures:${body.captureRequestId}`, payment.paymentRequestId)
    if (pending) {
      await storage().setItem(`payments:${payment.paymentRequestId}`, payment)
      setTimeout(() => completeDueCapture(payment.paymentRequestId).catch(() => {}), payment.capture.completesAt! - Date.now() + 5).unref?.()
    }
    else {
      await finish(payment, faults)
    }
    return captureAnswer(payment, payment.capture)
  })
}

/** The capture as inquiryPayment lists it among `transactions`. */
export function captureTransaction(payment: SimulatedPayment): Record<string, unknown> | undefined {
  const item = payment.capture
  if (!item) return undefined
  return {
    transactionType: 'CAPTURE',
    transactionStatus: item.status,
    transactionRequestId: item.captureRequestId,
    transactionId: item.captureId,
    transactionAmount: item.amount,
    ...(item.captureTime ? { transactionTime: toAntomTime(item.captureTime) } : {}),
  }
}
