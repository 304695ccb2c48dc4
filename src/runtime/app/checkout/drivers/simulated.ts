import type { AntomSessionResponse } from '../../../types/routes'
import type { AntomTexts } from '../../i18n'
import { formatAntomAmount } from '../../lib/amount'
import { requestSimulatorComplete } from '../../lib/api'
import { toCheckoutError } from '../../lib/errors'
import type { CheckoutDriver, DriverContext } from '../driver'

type Action = 'pay' | 'fail' | 'cancel'

// Styles are set through the CSSOM (a strict style-src CSP allows it) and do not depend on the shop's CSS.
// Dark text on white and white on #0958d9 both pass WCAG AA (≥ 4.5:1).
const BOX = 'border:1px dashed #767676;border-radius:8px;padding:0.75rem 1rem;display:flex;flex-wrap:wrap;gap:0.5rem;align-items:center;background:#fff;color:#1b1f24'
const LINE = 'margin:0;flex-basis:100%'
const BUTTON = 'font:inherit;cursor:pointer;padding:0.5rem 1rem;border-radius:6px;border:1px solid #0958d9'

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text: string, css: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  node.className = className
  node.textContent = text
  node.style.cssText = css
  return node
}

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
    for (const button of buttons) button.disabled = value
    emit({ type: 'busy', busy: value })
  }

  function render(current: AntomSessionResponse, host: HTMLElement, texts: AntomTexts): void {
    root = element('div', 'antom-simulator-cashier', '', BOX)
    root.setAttribute('role', 'group')
    root.setAttribute('aria-label', texts.simulator)
    root.append(
      element('p', 'antom-simulator-cashier__title', texts.simulator, `${LINE};font-size:0.8rem;text-transform:uppercase;letter-spacing:0.05em;color:#595959`),
      element('p', 'antom-simulator-cashier__amount', formatAntomAmount(current.amount), `${LINE};font-size:1.4rem;font-weight:600`),
    )
    // Empty when the buyer picks the method (Payment Element, Checkout Page).
    if (current.paymentMethodType) root.append(element('p', 'antom-simulator-cashier__method', current.paymentMethodType, LINE))
    const actions: Array<[Action, string, string]> = [
      ['pay', texts.simulatorPay, 'background:#0958d9;color:#fff'],
      ['fail', texts.simulatorFail, 'background:#fff;color:#0958d9'],
      ['cancel', texts.simulatorCancel, 'background:#fff;color:#0958d9'],
    ]
    for (const [action, label, colors] of actions) {
      const button = element('button', `antom-simulator-cashier__${action}`, label, `${BUTTON};${colors}`)
      button.type = 'button'
      button.dataset.testid = `antom-sim-${action}`
      button.addEventListener('click', () => void submit(action))
      buttons.push(button)
      root.append(button)
    }
    host.append(root)
  }

  function unmount(): void {
    live = false
    root?.remove()
    root = undefined
    buttons.length = 0
  }

  async function submit(action: string = 'pay'): Promise<void> {
    const current = session
    if (!live || !current || busy) return
    if (action === 'cancel') {
      emit({ type: 'cancel', sdk: { code: 'SDK_PAYMENT_CANCEL', message: 'The buyer cancelled in the simulator.' } })
      return
    }
    setBusy(true)
    try {
      const answer = await requestSimulatorComplete(context.config.prefix, current, action === 'pay' ? 'SUCCESS' : 'FAIL')
      if (!live) return
      // Like the real cashier after a payment: its buttons go, the checkout shows the server's result.
      root?.remove()
      emit({
        type: 'attempt',
        sdk: answer.paymentStatus === 'SUCCESS'
          ? { code: 'SDK_PAYMENT_SUCCESSFUL', message: 'The simulated payment succeeded.' }
          : { code: 'SDK_PAYMENT_FAIL', message: 'The simulated payment failed.' },
        redirectUrl: answer.redirectUrl,
      })
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
    render(current, target.element ?? (target.selector ? document.querySelector<HTMLElement>(target.selector) : null) ?? document.body, texts)
    emit({ type: 'ready', sdk: { code: 'SDK_END_OF_LOADING' } })
  }

  return { mount, unmount, submit }
}
