import type { AntomCheckoutError, AntomSubmitResult } from '../../types/events'
import type { AntomTexts } from '../i18n'
import type { DriverEvent } from './driver'

/**
 * What a Payment Element's `submitPayment()` answer means for the checkout: a payment to confirm with the server
 * (`SUCCESS`, `PROCESSING`, `PENDING`), or a declined attempt the buyer may repeat (`FAIL`, `CANCELLED`), in a new
 * session when the SDK says so. `texts` word it for the buyer when the SDK gives no message.
 */
export function fromSubmitResult(result: AntomSubmitResult, texts: Pick<AntomTexts, 'failed' | 'threeDsCancelled'>): DriverEvent {
  const status = String(result.status ?? '').toUpperCase()
  if (status === 'SUCCESS' || status === 'S') return { type: 'attempt', sdk: { code: 'SDK_PAYMENT_SUCCESSFUL' } }
  if (status === 'PROCESSING' || status === 'PENDING' || status === 'U') return { type: 'attempt', sdk: { code: 'SDK_PAYMENT_PROCESSING' } }
  const cancelled = status === 'CANCELLED' || result.userCanceled3D === true
  const message = result.error?.message || (cancelled ? texts.threeDsCancelled : texts.failed)
  const error: AntomCheckoutError = { code: result.error?.code || 'PAYMENT_DECLINED', message, retryable: true }
  return {
    type: 'declined',
    sdk: { code: cancelled ? 'SDK_PAYMENT_CANCEL' : 'SDK_PAYMENT_FAIL', message: error.message },
    error,
    renew: result.error?.needChangeSessionForRetry === true,
  }
}
