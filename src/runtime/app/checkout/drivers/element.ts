import type { AntomSdkEvent, AntomSubmitResult } from '../../../types/events'
import type { AntomSessionResponse } from '../../../types/routes'
import { toCheckoutError } from '../../lib/errors'
import type { AntomPaymentElement } from '../../lib/sdk'
import { downloadAntomSdk, withTimeout } from '../../lib/sdk'
import type { CheckoutDriver, DriverContext, DriverEvent, DriverTarget } from '../driver'
import { fromSubmitResult } from '../element-events'
import { quietly, sdkDriverBase } from '../sdk-driver'
import { fromSdkEvent, sdkError } from '../sdk-events'

type MountOptions = Parameters<AntomPaymentElement['mount']>[0]

/** Payment results the Payment Element's own callback may also report: its `submitPayment()` answer decides them. */
const ELEMENT_ANSWERED = new Set(['SDK_PAYMENT_FAIL', 'SDK_PAYMENT_ERROR', 'SDK_PAYMENT_CANCEL'])

/**
 * A Payment Element's callback event: like {@link fromSdkEvent}, except that a failure or cancel is only passed on
 * (the buyer may try again in the element; `submitPayment()`'s answer says whether a new session is needed).
 */
function fromElementEvent(sdk: AntomSdkEvent): DriverEvent {
  return ELEMENT_ANSWERED.has(sdk.code) ? { type: 'event', sdk } : fromSdkEvent(sdk)
}

/** The themes the constructor takes (`mount` takes all of the SDK's). */
const CONSTRUCTOR_THEMES = new Set(['default', 'night'])

/**
 * Antom's Payment Element (`AMSElement`): the buyer picks a card, a wallet or a local method in an element on the
 * shop's page and pays with the shop's button (`submit()` → `submitPayment()`). A declined payment keeps the
 * element; when Antom says the session is spent (`needChangeSessionForRetry`) the checkout opens a new one and
 * hands it over with `updatePayment()`, as it does after an order change. `destroy()` when the checkout leaves.
 */
export function createDriver(context: DriverContext): CheckoutDriver {
  const { emit } = context
  const base = sdkDriverBase(context)
  let element: AntomPaymentElement | undefined
  let busy = false
  // Codes the element's callback reported during a submit: the answer does not report them twice.
  const reported = new Set<string>()
  const isCurrent = (instance: AntomPaymentElement | undefined) => base.live() && instance !== undefined && element === instance

  function unmount(): void {
    const instance = element
    element = undefined
    if (instance) quietly('AMSElement.destroy()', () => instance.destroy())
    base.release()
  }

  function mountOptions(): MountOptions {
    // `showLoading` is the cashier's; the element takes `theme`, `layout`, `variables` and `card`.
    const { showLoading: _showLoading, ...appearance } = context.appearance()
    return { type: 'payment', appearance, notRedirectAfterComplete: context.notRedirectAfterComplete() } as MountOptions
  }

  async function mount(session: AntomSessionResponse, target: DriverTarget): Promise<void> {
    if (!target.selector) {
      emit({ type: 'fail', error: toCheckoutError('SDK_MOUNT_ERROR', new Error('The Payment Element needs a container: set `container` (a CSS selector).'), (await context.texts()).sdkRejected, false) })
      return
    }
    const sdk = await base.acquire()
    if (!sdk) return
    const theme = context.appearance().theme
    let instance: AntomPaymentElement | undefined
    try {
      instance = base.track(() => new sdk.AMSElement({
        sessionData: session.paymentSessionData,
        // The element takes sandbox / prod in any case; without it, it would use prod.
        environment: context.config.environment as 'sandbox' | 'prod',
        locale: context.locale,
        ...(typeof theme === 'string' && CONSTRUCTOR_THEMES.has(theme) ? { appearance: { theme } as never } : {}),
        onEventCallback: (event) => {
          if (!isCurrent(instance)) return
          reported.add(event.code)
          emit(fromElementEvent(event))
        },
        loading: {
          onStartLoading: () => isCurrent(instance) && emit({ type: 'loading', sdk: { code: 'SDK_START_OF_LOADING' } }),
          onEndLoading: () => isCurrent(instance) && emit({ type: 'ready', sdk: { code: 'SDK_END_OF_LOADING' } }),
        },
      }))
    }
    catch (caught) {
      // InvalidElementConfigError: empty session data, an unknown environment.
      emit({ type: 'fail', error: toCheckoutError('SDK_INIT_PARAMETER_ERROR', caught, (await context.texts()).sdkRejected, false) })
      return
    }
    element = instance
    let answer: { error?: { code?: unknown, message?: unknown } } | undefined
    try {
      // Resolves with `{ error }` rather than rejecting, e.g. after 10 s when Antom cannot be reached.
      answer = await base.track(() => instance!.mount(mountOptions(), target.selector!))
    }
    catch (caught) {
      // An exception, not an answer of the SDK's: its text is for the console.
      if (isCurrent(instance)) emit({ type: 'fail', error: toCheckoutError('SDK_MOUNT_ERROR', caught, (await context.texts()).error) })
      return
    }
    if (!isCurrent(instance)) return
    if (answer?.error) emit({ type: 'fail', error: sdkError(answer.error, 'SDK_MOUNT_ERROR', true) })
    else emit({ type: 'ready' })
  }

  async function submit(): Promise<AntomSubmitResult | undefined> {
    const instance = element
    if (!isCurrent(instance) || busy) return undefined
    busy = true
    reported.clear()
    emit({ type: 'busy', busy: true })
    let result: AntomSubmitResult
    try {
      result = await instance!.submitPayment()
    }
    catch (caught) {
      const error = sdkError((caught ?? {}) as { code?: unknown, message?: unknown }, 'SDK_PAYMENT_ERROR', true)
      result = { status: 'FAIL', error: { code: error.code, message: error.message } }
    }
    busy = false
    if (!isCurrent(instance)) return result
    emit({ type: 'busy', busy: false })
    const event = fromSubmitResult(result, await context.texts())
    if ('sdk' in event && event.sdk && reported.has(event.sdk.code)) delete event.sdk
    emit(event)
    return result
  }

  async function update(session: AntomSessionResponse): Promise<boolean> {
    const instance = element
    if (!isCurrent(instance)) return false
    try {
      const updated = await withTimeout(instance!.updatePayment(session.paymentSessionData), context.sdkLoadTimeout, () => new Error('updatePayment() did not answer.'))
      return updated === true && isCurrent(instance)
    }
    catch {
      return false
    }
  }

  return {
    mount,
    unmount,
    submit,
    update,
    validate: async () => (element && base.live() ? element.validateFields() : { isValid: false }),
  }
}

/** The Payment Element has no warm-up of its own: this only downloads the SDK's code early. */
export function preload(): Promise<void> {
  return downloadAntomSdk()
}
