import { toCheckoutError } from '../../lib/errors'
import type { AntomCashier, AntomSdkModule } from '../../lib/sdk'
import { loadAntomSdk, preloadAntomSdk, withTimeout } from '../../lib/sdk'
import type { ReleaseSdkSlot } from '../../lib/slot'
import { acquireSdkSlot, isSdkSlotTaken } from '../../lib/slot'
import type { CheckoutDriver, DriverContext } from '../driver'
import { fromSdkEvent, sdkError } from '../sdk-events'

/**
 * The Antom SDK's `AMSCashierPayment`: waits for the page's single SDK slot, downloads the SDK
 * (once per page load, with a timeout and a fresh download on retry), and renders the cashier into
 * the target element, or as the SDK's pop-up without one.
 */
export function createDriver(context: DriverContext): CheckoutDriver {
  const { signal, emit } = context
  let live = true
  let cashier: AntomCashier | undefined
  let release: ReleaseSdkSlot | undefined
  const isCurrent = (instance: AntomCashier | undefined) => live && !signal.aborted && instance !== undefined && cashier === instance

  function unmount(): void {
    live = false
    const instance = cashier
    cashier = undefined
    if (instance) {
      try {
        instance.unmount()
      }
      catch (caught) {
        console.warn('[nuxt-antom] AMSCashierPayment.unmount() failed', caught)
      }
    }
    release?.()
    release = undefined
  }

  async function loadSdk(): Promise<AntomSdkModule | undefined> {
    let timedOut = false
    try {
      return await withTimeout(loadAntomSdk(), context.sdkLoadTimeout, () => {
        timedOut = true
        return new Error('Loading the payment SDK took too long.')
      })
    }
    catch (caught) {
      const texts = await context.texts()
      if (live && !signal.aborted) {
        emit({ type: 'fail', error: timedOut ? toCheckoutError('SDK_LOAD_TIMEOUT', caught, texts.sdkTimeout) : toCheckoutError('SDK_LOAD_ERROR', caught, texts.sdkLoadFailed) })
      }
      return undefined
    }
  }

  async function mount(session: Parameters<CheckoutDriver['mount']>[0], target: Parameters<CheckoutDriver['mount']>[1]): Promise<void> {
    if (isSdkSlotTaken()) emit({ type: 'queue' })
    try {
      release = await acquireSdkSlot(signal)
    }
    catch {
      return
    }
    if (!live) return unmount()
    emit({ type: 'load' })
    const sdk = await loadSdk()
    if (!sdk || !live || signal.aborted) return

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

  return { mount, unmount }
}

/** Downloads the SDK and warms up its cashier before a session exists. */
export function preload(config: DriverContext['config']): Promise<void> {
  return preloadAntomSdk(config.environment)
}
