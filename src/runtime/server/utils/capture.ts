import type { H3Event } from 'h3'
import type { AntomPaymentRecord } from '../../types/payments'
import { capturePayment, type AntomCaptureInput } from '../lib/flow/capture'
import { toAntomHttpError, useAntomContext } from './antom'

export type { AntomCaptureInput } from '../lib/flow/capture'

/**
 * Captures (takes the money of) an authorised card payment created with `MANUAL` capture, e.g. when you ship: all of
 * the authorised amount, or less. The capture and its id are stored before Antom is called, so a retry (the same
 * `captureRequestId`, or none while one is in flight) cannot capture twice. `onPaymentCaptured` / `onCaptureFailed`
 * run once, when Antom's CAPTURE_RESULT arrives.
 * @param event the request
 * @param input which payment, optionally how much and your capture id
 * @returns the payment record, `capture.status` SUCCESS, FAIL or PROCESSING (Antom's answer was not final: call again)
 * @throws H3Error 404 unknown payment, 409 not authorised / no separate capture / automatic capture / another capture or
 *   a failed one, 400 bad amount, 422 more than authorised (all before Antom is asked); Antom failures as
 *   `toAntomHttpError` maps them
 * @example await captureAntomPayment(event, { paymentRequestId: order.paymentRequestId })
 */
export async function captureAntomPayment(event: H3Event, input: AntomCaptureInput): Promise<AntomPaymentRecord> {
  try {
    return await capturePayment(await useAntomContext(event), input)
  }
  catch (error) {
    throw toAntomHttpError(error)
  }
}
