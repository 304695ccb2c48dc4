import type { AntomSessionResponse } from '../../../types/routes'
import type { AntomTexts } from '../../i18n'
import { toCheckoutError } from '../../lib/errors'
import type { CheckoutDriver, DriverContext } from '../driver'
import { button, completeSimulated, element, hostOf, LINE, PRIMARY, SECONDARY, simulatorRoot } from './simulated-ui'

type Action = 'pay' | 'fail' | 'cancel'

/**
 * The local simulator's cashier: plain DOM with the amount and Pay / Fail / Cancel buttons. It raises
 * the SDK's events, so the checkout treats it like the real cashier: the payment is confirmed with the
 * server, and after a final result the buyer follows the session's redirect URL (the real cashier
 * redirects by itself).
 */
export function createDriver(context: DriverContext): CheckoutDriver {
  const { emit } = context
  let live = true
  let busy = false
  let session: AntomSessionResponse | undefined
  let root: HTMLElement | undefined
  const buttons: HTMLButtonElement[] = []

  function setBusy(value: boolean): void {
    busy = value
    for (const node of buttons) node.disabled = value
    emit({ type: 'busy', busy: value })
  }

  function render(current: AntomSessionResponse, host: HTMLElement, texts: AntomTexts): void {
    root = simulatorRoot('antom-simulator-cashier', texts.simulator, current).root
    // Empty when the buyer picks the method (Payment Element, Checkout Page).
    if (current.paymentMethodType) root.append(element('p', 'antom-simulator-cashier__method', current.paymentMethodType, LINE))
    const actions: Array<[Action, string, string]> = [
      ['pay', texts.simulatorPay, PRIMARY],
      ['fail', texts.simulatorFail, SECONDARY],
      ['cancel', texts.simulatorCancel, SECONDARY],
    ]
    for (const [action, label, colors] of actions) {
      buttons.push(button(`antom-simulator-cashier__${action}`, label, `antom-sim-${action}`, colors, () => submit(action)))
    }
    root.append(...buttons)
    host.append(root)
  }

  function unmount(): void {
    live = false
    root?.remove()
    root = undefined
    buttons.length = 0
  }

  async function submit(action: string = 'pay'): Promise<undefined> {
    const current = session
    if (!live || !current || busy) return
    if (action === 'cancel') {
      emit({ type: 'cancel', sdk: { code: 'SDK_PAYMENT_CANCEL', message: 'The buyer cancelled in the simulator.' } })
      return
    }
    setBusy(true)
    try {
      const attempt = await completeSimulated(context, current, action === 'pay' ? 'SUCCESS' : 'FAIL')
      if (!live) return
      // Like the real cashier after a payment: its buttons go, the checkout shows the server's result.
      root?.remove()
      emit(attempt)
    }
    catch (caught) {
      const message = (await context.texts()).simulatorFailed
      if (live) emit({ type: 'fail', error: toCheckoutError('SIMULATOR_ERROR', caught, message) })
    }
    finally {
      if (live) setBusy(false)
    }
  }

  async function mount(current: AntomSessionResponse, target: Parameters<CheckoutDriver['mount']>[1]): Promise<void> {
    session = current
    emit({ type: 'loading', sdk: { code: 'SDK_START_OF_LOADING' } })
    const texts = await context.texts()
    if (!live || context.signal.aborted) return
    render(current, hostOf(target), texts)
    emit({ type: 'ready', sdk: { code: 'SDK_END_OF_LOADING' } })
  }

  return { mount, unmount, submit }
}
