import type { AntomPaymentOutcome } from '../../types/events'
import type { AntomPaymentStatusResponse } from '../../types/routes'
import type { PollPaymentOptions } from '../lib/poll'
import { buyerPartDone, outcomeOf, pollAntomPayment } from '../lib/poll'

/** The server's answer after one polling round: `pending` when it had no final status in time. */
export interface Confirmation {
  outcome: AntomPaymentOutcome
  payment: AntomPaymentStatusResponse | null
}

/**
 * The checkout's confirmation: the cashier's word is a hint, the server's status is the proof. One polling round
 * of the status route at a time, the same rounds and outcome mapping as `useAntomPayment` (`pollAntomPayment`,
 * `outcomeOf`); `stop()` ends it and its promise resolves with `undefined`. The round ends once the buyer's part is
 * done (`buyerPartDone`): an authorised card payment is `pending` until its capture, which may come days later.
 */
export function createConfirmation(prefix: string, options: Omit<PollPaymentOptions, 'signal'>) {
  let controller: AbortController | undefined
  return {
    async run(paymentRequestId: string): Promise<Confirmation | undefined> {
      controller?.abort()
      const own = controller = new AbortController()
      const result = await pollAntomPayment(prefix, paymentRequestId, {
        ...options,
        signal: own.signal,
        until: buyerPartDone,
        onStatus: (payment) => {
          if (!own.signal.aborted) options.onStatus?.(payment)
        },
      })
      if (result.aborted || own.signal.aborted) return undefined
      return { outcome: outcomeOf(result.status) ?? 'pending', payment: result.status }
    },
    stop(): void {
      controller?.abort()
      controller = undefined
    },
  }
}
