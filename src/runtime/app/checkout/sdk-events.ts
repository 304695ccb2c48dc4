import type { AntomCheckoutError, AntomSdkEvent } from '../../types/events'
import type { DriverEvent } from './driver'

/** Event codes after which the outcome is asked from the server. */
const ATTEMPT_CODES = new Set(['SDK_PAYMENT_SUCCESSFUL', 'SDK_PAYMENT_PROCESSING', 'SDK_PAYMENT_FAIL', 'SDK_PAYMENT_ERROR'])
/** Event codes that mean the UI cannot be shown. */
const FATAL_CODES = new Set(['SDK_INTERNAL_ERROR', 'SDK_CREATEPAYMENT_PARAMETER_ERROR', 'SDK_INIT_PARAMETER_ERROR', 'SDK_CREATECOMPONENT_ERROR', 'SDK_CREATE_COMPONENT_ERROR'])
/** Error codes the buyer can recover from inside the UI (e.g. by picking another method). */
const RECOVERABLE_CODES = new Set(['SDK_LAUNCH_PAYMENT_APP_ERROR', 'SDK_CALL_URL_ERROR'])

/** An {@link AntomCheckoutError} from an SDK event or error object, keeping its code and message. */
export function sdkError(event: { code?: unknown, message?: unknown }, fallbackCode: string, retryable: boolean): AntomCheckoutError {
  const code = typeof event.code === 'string' && event.code ? event.code : fallbackCode
  const message = typeof event.message === 'string' && event.message ? event.message : `The payment SDK reported ${code}.`
  return { code, message, retryable }
}

/**
 * The typed event an `@alipay/ams-checkout` event code stands for (the same codes for the cashier,
 * the Payment Element and the embedded Checkout Page). Unknown codes pass through as `event`.
 * @see https://docs.antom.com/ac/sdks/ref
 */
export function fromSdkEvent(sdk: AntomSdkEvent): DriverEvent {
  const code = sdk.code
  if (code === 'SDK_START_OF_LOADING') return { type: 'loading', sdk }
  if (code === 'SDK_END_OF_LOADING') return { type: 'ready', sdk }
  if (code === 'SDK_PAYMENT_CANCEL') return { type: 'cancel', sdk }
  if (ATTEMPT_CODES.has(code)) {
    return code === 'SDK_PAYMENT_ERROR' ? { type: 'attempt', sdk, error: sdkError(sdk, code, false) } : { type: 'attempt', sdk }
  }
  if (FATAL_CODES.has(code)) return { type: 'fail', sdk, error: sdkError(sdk, code, true) }
  if (RECOVERABLE_CODES.has(code)) return { type: 'warn', sdk, error: sdkError(sdk, code, false) }
  return { type: 'event', sdk }
}
