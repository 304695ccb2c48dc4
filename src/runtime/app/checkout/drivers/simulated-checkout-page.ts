import type { AntomSessionResponse } from '../../../types/routes'
import type { AntomTexts } from '../../i18n'
import { toCheckoutError } from '../../lib/errors'
import type { CheckoutDriver, DriverContext, DriverTarget } from '../driver'
import { button, completeSimulated, element, hostOf, LINE, PRIMARY, SECONDARY, simulatorRoot } from './simulated-ui'

/** The methods the simulated Checkout Page offers, as the simulator's hosted page does. */
const METHODS = [['CARD', 'methodCard'], ['ALIPAY_CN', 'Alipay']] as const

/**
 * The embedded Checkout Page on the local simulator: the simulator's hosted page drawn inline (the order's amount,
 * a method, Pay / Fail / Back to the shop). It raises the events `AMSCheckoutPage` forwards from Antom's page, and
 * completes the payment through the simulator with the method the buyer picked.
 */
export function createDriver(context: DriverContext): CheckoutDriver {
  const { emit } = context
  let live = true
  let busy = false
  let session: AntomSessionResponse | undefined
  let root: HTMLElement | undefined
  const controls: Array<HTMLButtonElement | HTMLInputElement> = []

  function setBusy(value: boolean): void {
    busy = value
    for (const control of controls) control.disabled = value
    emit({ type: 'busy', busy: value })
  }

  function methodPicker(texts: AntomTexts): HTMLFieldSetElement {
    const fieldset = element('fieldset', 'antom-simulator-checkout-page__methods', '', `${LINE};border:0;padding:0;display:flex;gap:1rem`)
    fieldset.append(element('legend', '', texts.methods, 'padding:0;margin-bottom:0.25rem'))
    for (const [value, label] of METHODS) {
      const option = element('label', '', '', 'display:flex;gap:0.25rem;align-items:center')
      const input = document.createElement('input')
      Object.assign(input, { type: 'radio', name: `antom-sim-ckp-method-${session!.paymentRequestId}`, value, checked: value === 'CARD' })
      input.dataset.testid = `antom-ckp-method-${value}`
      controls.push(input)
      option.append(input, label === 'Alipay' ? label : texts[label])
      fieldset.append(option)
    }
    return fieldset
  }

  function render(current: AntomSessionResponse, host: HTMLElement, texts: AntomTexts): void {
    root = simulatorRoot('antom-simulator-checkout-page', `${texts.simulator} · Checkout Page`, current).root
    root.append(methodPicker(texts))
    controls.push(
      button('antom-simulator-checkout-page__pay', texts.simulatorPay, 'antom-ckp-pay', PRIMARY, () => submit('pay')),
      button('antom-simulator-checkout-page__fail', texts.simulatorFail, 'antom-ckp-fail', SECONDARY, () => submit('fail')),
      button('antom-simulator-checkout-page__back', texts.backToShop, 'antom-ckp-back', SECONDARY, () => submit('back')),
    )
    root.append(...controls.filter(control => control instanceof HTMLButtonElement))
    host.append(root)
  }

  async function submit(action: string = 'pay'): Promise<undefined> {
    const current = session
    if (!live || !current || busy) return
    if (action === 'back') {
      emit({ type: 'cancel', sdk: { code: 'SDK_PAYMENT_CLICK_BACK_TO_MERCHANT', message: 'The buyer went back to the shop.' } })
      return
    }
    const method = root?.querySelector<HTMLInputElement>('input[type=radio]:checked')?.value ?? 'CARD'
    setBusy(true)
    try {
      const attempt = await completeSimulated(context, current, action === 'pay' ? 'SUCCESS' : 'FAIL', method)
      if (!live) return
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

  async function mount(current: AntomSessionResponse, target: DriverTarget): Promise<void> {
    session = current
    emit({ type: 'loading', sdk: { code: 'SDK_START_OF_LOADING' } })
    const texts = await context.texts()
    if (!live || context.signal.aborted) return
    render(current, hostOf(target), texts)
    emit({ type: 'ready', sdk: { code: 'SDK_END_OF_LOADING' } })
  }

  function unmount(): void {
    live = false
    root?.remove()
    root = undefined
    controls.length = 0
  }

  return { mount, unmount, submit }
}
