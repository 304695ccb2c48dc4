import { toCheckoutError } from '../../lib/errors'
import type { AntomCashier } from '../../lib/sdk'
import { preloadAntomSdk } from '../../lib/sdk'
import type { CheckoutDriver, DriverContext } from '../driver'
import { quietly, sdkDriverBase } from '../sdk-driver'
import { fromSdkEvent, sdkError } from '../sdk-events'

/**
 * The Antom SDK's `AMSCashierPayment`: waits for the page's single SDK slot, downloads the SDK
 * (once per page load, with a timeout and a fresh download on retry), and renders the cashier into
 * the target element, or as the SDK's pop-up without one.
 */
export function createDriver(context: DriverContext): CheckoutDriver {
  const { emit } = context
  const base = sdkDriverBase(context)
  let cashier: AntomCashier | undefined
  const isCurrent = (instance: AntomCashier | undefined) => base.live() && instance !== undefined && cashier === instance

  function unmount(): void {
    const instance = cashier
    cashier = undefined
    if (instance) quietly('AMSCashierPayment.unmount()', () => instance.unmount())
    base.release()
  }

  async function mount(session: Parameters<CheckoutDriver['mount']>[0], target: Parameters<CheckoutDriver['mount']>[1]): Promise<void> {
    const sdk = await base.acquire()
    if (!sdk) return

    let instance: AntomCashier | undefined
    try {
      instance = new sdk.AMSCashierPayment({
        environment: context.config.environment,
        locale: context.locale,
        analytics: { enabled: context.config.analytics !== false },
        onLog: (log) => {
          if (isCurrent(instance)) emit({ type: 'log', log })
        },
        onEventCallback: (event) => {
          if (isCurrent(instance)) emit(fromSdkEvent(event))
        },
        onError: (failure) => {
          if (isCurrent(instance)) emit({ type: 'fail', error: sdkError(failure, 'SDK_INTERNAL_ERROR', true) })
        },
        onClose: () => {
          if (isCurrent(instance)) emit({ type: 'close', sdk: { code: 'SDK_PAYMENT_CANCEL', message: 'The buyer closed the cashier.' } })
        },
      })
    }
    catch (caught) {
      emit({ type: 'fail', error: toCheckoutError('SDK_INIT_PARAMETER_ERROR', caught, (await context.texts()).sdkRejected, false) })
      return
    }
    cashier = instance
    const params = {
      sessionData: session.paymentSessionData,
      appearance: context.appearance(),
      notRedirectAfterComplete: context.notRedirectAfterComplete(),
    }
    try {
      await (target.selector ? instance.mountComponent(params, target.selector) : instance.createComponent(params))
    }
    catch (caught) {
      if (isCurrent(instance)) emit({ type: 'fail', error: sdkError((caught ?? {}) as { code?: unknown, message?: unknown }, 'SDK_MOUNT_ERROR', true) })
      return
    }
    if (isCurrent(instance)) emit({ type: 'ready' })
  }

  return {
    mount,
    unmount,
    // The cashier's card form can be checked before the buyer presses its own button.
    validate: async () => (cashier ? cashier.validateFields() : { isValid: false }),
  }
}

/** Downloads the SDK and warms up its cashier before a session exists. */
export function preload(config: DriverContext['config']): Promise<void> {
  return preloadAntomSdk(config.environment)
}
