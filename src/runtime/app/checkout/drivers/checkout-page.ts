import type { AntomSdkEvent } from '../../../types/events'
import type { AntomSessionResponse } from '../../../types/routes'
import { toCheckoutError } from '../../lib/errors'
import type { AntomEmbeddedCheckoutPage } from '../../lib/sdk'
import { downloadAntomSdk, withTimeout } from '../../lib/sdk'
import type { CheckoutDriver, DriverContext, DriverEvent, DriverTarget } from '../driver'
import { quietly, sdkDriverBase } from '../sdk-driver'
import { fromSdkEvent } from '../sdk-events'

/** The events Antom's page posts to `AMSCheckoutPage`; "back to the shop" leaves it like a cancel. */
function fromPageEvent(sdk: AntomSdkEvent): DriverEvent {
  return sdk.code === 'SDK_PAYMENT_CLICK_BACK_TO_MERCHANT' ? { type: 'cancel', sdk } : fromSdkEvent(sdk)
}

/**
 * Whether Antom's page answers at all. Its iframe reports nothing when it cannot load (a blocked or failed frame
 * still fires `load`), so its address is asked once, without credentials, as an opaque request.
 */
async function reachable(src: string, timeout: number, signal: AbortSignal): Promise<boolean> {
  const url = new URL(src)
  try {
    await withTimeout(fetch(`${url.origin}${url.pathname}`, { method: 'HEAD', mode: 'no-cors', cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer', signal }), timeout, () => new Error('timeout'))
    return true
  }
  catch {
    return signal.aborted
  }
}

/**
 * Antom's Checkout Page embedded in the shop's page (`AMSCheckoutPage`, desktop and mobile web only): an iframe of
 * Antom's page for the session, which forwards `SDK_PAYMENT_SUCCESSFUL`, `SDK_PAYMENT_FAIL`, `SDK_PAYMENT_CANCEL`
 * and `SDK_PAYMENT_CLICK_BACK_TO_MERCHANT`. `unmount()` removes the iframe and the SDK's message listener.
 */
export function createDriver(context: DriverContext): CheckoutDriver {
  const { emit } = context
  const base = sdkDriverBase(context)
  const probe = new AbortController()
  let page: AntomEmbeddedCheckoutPage | undefined
  const isCurrent = (instance: AntomEmbeddedCheckoutPage | undefined) => base.live() && instance !== undefined && page === instance

  function unmount(): void {
    probe.abort()
    const instance = page
    page = undefined
    if (instance) quietly('AMSCheckoutPage.unmount()', () => instance.unmount())
    base.release()
  }

  async function mount(session: AntomSessionResponse, target: DriverTarget): Promise<void> {
    const texts = await context.texts()
    if (!target.selector) {
      emit({ type: 'fail', error: toCheckoutError('SDK_MOUNT_ERROR', new Error('The embedded Checkout Page needs a container: set `container` (a CSS selector).'), texts.checkoutPageFailed, false) })
      return
    }
    const sdk = await base.acquire()
    if (!sdk) return
    let instance: AntomEmbeddedCheckoutPage | undefined
    try {
      instance = base.track(() => new sdk.AMSCheckoutPage({
        environment: context.config.environment as 'sandbox' | 'prod',
        locale: context.locale,
        onEventCallback: (event) => {
          if (isCurrent(instance)) emit(fromPageEvent(event))
        },
      }))
      page = instance
      await base.track(() => instance!.mountComponent({ sessionData: session.paymentSessionData }, target.selector!))
    }
    catch (caught) {
      // PARAMS_ERROR_INVALID_SESSION_DATA, PARAMS_ERROR_ALREADY_MOUNTED, PARAMS_ERROR_INVALID_SELECTOR: for the console.
      if (base.live()) emit({ type: 'fail', error: toCheckoutError('SDK_MOUNT_ERROR', caught, texts.checkoutPageFailed) })
      return
    }
    const src = document.querySelector<HTMLIFrameElement>(`${target.selector} iframe`)?.src
    if (src && !(await reachable(src, context.sdkLoadTimeout, probe.signal))) {
      if (isCurrent(instance)) emit({ type: 'fail', error: toCheckoutError('CHECKOUT_PAGE_UNREACHABLE', new Error(`${new URL(src).origin} did not answer.`), texts.checkoutPageFailed) })
      return
    }
    if (isCurrent(instance)) emit({ type: 'ready' })
  }

  return { mount, unmount }
}

/** Downloads the SDK's code early (the embedded Checkout Page has no warm-up of its own). */
export function preload(): Promise<void> {
  return downloadAntomSdk()
}
