import type { AntomPaymentRecord } from '../../../types/payments'
import type { AntomContext } from '../context'
import { httpError } from '../http'
import { isFinal, isVoidable } from '../payment-state'
import { getPaymentRecord } from '../store'
import { applyReportedState } from './transitions'

/**
 * Cancels (closes) an unfinished payment at Antom and records it as CANCELLED, running the failure handler once.
 * A card payment that is authorised but not captured (capture PENDING) is cancelled too: that voids the
 * authorisation, and the hold on the card is released. Any other final payment is refused without asking Antom: a
 * paid one (or a card whose capture was asked for) must be refunded instead.
 * @param paymentRequestId the payment
 * @param context builds the flow's context, only once the payment may be cancelled
 * @throws H3Error 404 unknown payment, 409 final payment; AntomError when Antom refuses
 */
export async function cancelPayment(paymentRequestId: string, context: () => Promise<AntomContext>): Promise<AntomPaymentRecord> {
  const stored = await getPaymentRecord(paymentRequestId)
  if (!stored) throw httpError(404, `No payment ${paymentRequestId}.`)
  if (isFinal(stored.status) && !isVoidable(stored)) {
    const advice = stored.status !== 'SUCCESS'
      ? ''
      : stored.capture
        ? ` Its capture is ${stored.capture.status}: only an uncaptured authorisation can be cancelled; refund a captured payment with refundAntomPayment.`
        : ' A paid payment cannot be cancelled; refund it with refundAntomPayment.'
    throw httpError(409, `Payment ${paymentRequestId} is already ${stored.status}.${advice}`)
  }
  const { event, client } = await context()
  await client().cancelPayment({ paymentRequestId })
  const { payment } = await applyReportedState({ paymentRequestId, status: 'CANCELLED', source: 'cancel' }, event)
  return payment!
}
