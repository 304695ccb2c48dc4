import { randomHex } from '../bytes'
import type { AntomAmount } from '../../../types/antom'
import type { AntomPaymentRecord } from '../../../types/payments'
import { amountProblem } from '../amount'
import type { AntomContext } from '../context'
import { AntomError } from '../errors'
import { httpError } from '../http'
import { hasSeparateCapture } from '../payment-state'
import { getPaymentRecord, savePaymentRecord, useAntomStorage, withPaymentLock } from '../store'
import { recordCapture, type CaptureReport } from './capture-result'

/** What to capture. */
export interface AntomCaptureInput {
  /** The authorised payment (a card payment in `MANUAL` capture mode). */
  paymentRequestId: string
  /** How much, in the payment's currency; at most the authorised amount. @default the authorised amount */
  amount?: AntomAmount
  /** Your id for this capture; reuse it to retry the same capture. @default a new random id (kept on the record) */
  captureRequestId?: string
}

/**
 * Records the capture under the payment's lock before Antom is asked, after checking it: the payment is authorised,
 * its method has a separate capture in `MANUAL` mode, nothing else was captured, and the amount is at most the
 * authorised one. A retry (the same id, or none while one is in flight) gets the recorded capture back.
 */
function reserveCapture(input: AntomCaptureInput): Promise<{ payment: AntomPaymentRecord, send: boolean }> {
  return withPaymentLock(input.paymentRequestId, async () => {
    const payment = await getPaymentRecord(input.paymentRequestId)
    if (!payment) throw httpError(404, `No payment ${input.paymentRequestId}.`)
    if (payment.status !== 'SUCCESS' || !payment.paymentId) {
      throw httpError(409, `Payment ${payment.paymentRequestId} is ${payment.status}; only an authorised payment can be captured.`)
    }
    if (!hasSeparateCapture(payment)) {
      throw httpError(409, `Payment ${payment.paymentRequestId} (${payment.paymentMethodType || 'method unknown'}) has no separate capture: it is paid.`)
    }
    const capture = payment.capture ??= { status: 'PENDING', mode: payment.captureMode ?? 'AUTOMATIC', updatedAt: new Date().toISOString() }
    const amount = input.amount ?? capture.amount ?? payment.amount
    const problem = amountProblem(amount)
    if (problem || amount.currency !== payment.amount.currency) {
      throw httpError(400, `Invalid capture amount: ${problem ?? `the currency must be the payment's (${payment.amount.currency})`}.`)
    }
    if (BigInt(amount.value) > BigInt(payment.amount.value)) {
      throw httpError(422, `Capture of ${amount.value} exceeds the authorised amount of ${payment.paymentRequestId} (${payment.amount.value} ${payment.amount.currency} minor units).`)
    }
    if (capture.captureRequestId || capture.status !== 'PENDING') {
      const same = !input.captureRequestId || input.captureRequestId === capture.captureRequestId
      if (!same) throw httpError(409, `Payment ${payment.paymentRequestId} already has capture ${capture.captureRequestId ?? '(Antom\'s)'}, ${capture.status}; one capture per payment.`)
      if (input.amount && capture.amount && input.amount.value !== capture.amount.value) throw httpError(409, `Capture ${capture.captureRequestId} was requested for another amount.`)
      if (capture.status === 'FAIL') throw httpError(409, `The capture of ${payment.paymentRequestId} failed (${capture.resultCode ?? 'FAIL'}); the money cannot be taken: open a new payment.`)
      // In flight: send the same request again (Antom answers the same result for the same id). Final: nothing to send.
      return { payment, send: capture.status === 'PROCESSING' }
    }
    if (capture.mode === 'AUTOMATIC') {
      throw httpError(409, `Payment ${payment.paymentRequestId} was created with automatic capture: Antom captures it (capture ${capture.status}).`)
    }
    capture.status = 'PROCESSING'
    capture.captureRequestId = input.captureRequestId ?? `cp_${randomHex(16)}`
    capture.amount = amount
    capture.updatedAt = new Date().toISOString()
    await savePaymentRecord(payment)
    await useAntomStorage().setItem(`capture-ids:${capture.captureRequestId}`, payment.paymentRequestId)
    return { payment, send: true }
  })
}

/** Stores what Antom's answer to `capture` says; the handlers wait for its CAPTURE_RESULT (as refunds' do). */
function settleCapture(paymentRequestId: string, report: CaptureReport): Promise<AntomPaymentRecord> {
  return withPaymentLock(paymentRequestId, async () => {
    const payment = (await getPaymentRecord(paymentRequestId))!
    if (recordCapture(payment, report) !== 'duplicate') await savePaymentRecord(payment)
    return payment
  })
}

/**
 * Captures an authorised payment created with `MANUAL` capture. The capture is recorded (PROCESSING, with its id)
 * before Antom is called, so a retry cannot capture twice; `S` records it SUCCESS, `F` FAIL; `U`
 * (`CAPTURE_IN_PROCESS`), a timeout or a network failure leave it PROCESSING (call again, or wait for CAPTURE_RESULT).
 * `onPaymentCaptured` / `onCaptureFailed` run when Antom's CAPTURE_RESULT arrives (or the reconciliation finds it).
 * @throws H3Error 404, 409 (not authorised, no separate capture, automatic, another capture), 400 (bad amount),
 *   422 (more than authorised) before Antom is asked; the mapped Antom failure after
 */
export async function capturePayment({ client }: Pick<AntomContext, 'client'>, input: AntomCaptureInput): Promise<AntomPaymentRecord> {
  const { payment, send } = await reserveCapture(input)
  if (!send) return payment
  const capture = payment.capture!
  try {
    const answer = await client().capture({ captureRequestId: capture.captureRequestId!, paymentId: payment.paymentId!, captureAmount: capture.amount! })
    return await settleCapture(payment.paymentRequestId, {
      status: 'SUCCESS',
      captureRequestId: capture.captureRequestId,
      ...(answer.captureId ? { captureId: answer.captureId } : {}),
      ...(answer.captureTime ? { capturedAt: answer.captureTime } : {}),
      source: 'capture',
    })
  }
  catch (error) {
    if (error instanceof AntomError && error.kind === 'result' && error.resultStatus === 'F') {
      await settleCapture(payment.paymentRequestId, { status: 'FAIL', captureRequestId: capture.captureRequestId, resultCode: error.resultCode, source: 'capture' })
    }
    throw error
  }
}
