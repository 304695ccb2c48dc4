// <AntomPay>'s markup as a render function. It uses only `createVNode`, which every Nuxt app's entry chunk already
// exports to its pages: a compiled template would add render helpers (renderSlot, createCommentVNode, …) to the
// entry chunk of every page of the shop.
import type { VNode } from 'vue'
import { createVNode as h } from 'vue'
import type { AntomCheckoutStatus, AntomSubmitResult, AntomValidateResult } from '../../types/events'
import type { AntomProduct } from '../../types/routes'
import type { CheckoutState } from '../checkout/core'
import type { AntomTexts } from '../i18n'
import type { AntomPaySlots } from './_api'

/** What the view reads from the component. */
export interface ViewModel {
  state: CheckoutState
  /** `null` while the buyer's locale downloads. */
  texts: AntomTexts | null
  /** True before the component has mounted while it will start on mount (server render, hydration). */
  starting: boolean
  showLoading: boolean
  product: AntomProduct
  /** The hosted Checkout Page's form: where it posts, and the order as JSON. */
  form?: { action: string, order: string }
  start: () => Promise<void>
  confirm: () => Promise<void>
  submit: () => Promise<AntomSubmitResult | undefined>
  validate: () => Promise<AntomValidateResult>
  $slots: AntomPaySlots
}

const STATUS_TEXT: Record<AntomCheckoutStatus, keyof AntomTexts | undefined> = {
  'idle': undefined,
  'creating-session': 'creating',
  'queued': 'queued',
  'loading-sdk': 'loading',
  'ready': 'ready',
  'confirming': 'confirming',
  'paid': 'paid',
  'failed': 'failed',
  'pending': 'pending',
  'cancelled': 'cancelled',
  'error': 'error',
}
const BUSY = new Set<AntomCheckoutStatus>(['creating-session', 'queued', 'loading-sdk', 'confirming'])
const LOADING = new Set<AntomCheckoutStatus>(['creating-session', 'queued', 'loading-sdk'])
const RESULT = new Set<AntomCheckoutStatus>(['paid', 'failed', 'pending', 'cancelled'])
/** While a Payment Element is on its way, shown, or taking a new session: its Pay button is there (enabled when `ready`). */
const ELEMENT_SHOWN = new Set<AntomCheckoutStatus>(['creating-session', 'queued', 'loading-sdk', 'ready', 'confirming'])
const VISUALLY_HIDDEN = 'position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0'

const button = (label: string, onClick: () => unknown) => h('button', { type: 'button', class: 'antom-pay__button', onClick }, label)

/** Before the payment: the hosted Checkout Page's form (it works without JavaScript), else the "Pay" button. */
function renderIdle(vm: ViewModel, label: string, start: () => Promise<void>): VNode {
  const content = vm.$slots.idle?.({ start }) ?? (vm.form ? [h('button', { type: 'submit', class: 'antom-pay__button' }, label)] : [button(label, start)])
  if (!vm.form) return h('div', { class: 'antom-pay__idle' }, content)
  const onSubmit = (event: Event) => {
    event.preventDefault()
    void start()
  }
  return h('form', { class: 'antom-pay__idle', method: 'post', action: vm.form.action, onSubmit }, [
    h('input', { type: 'hidden', name: 'order', value: vm.form.order }),
    ...content,
  ])
}

/** The Payment Element's Pay button (the default slot). */
function renderSubmit(vm: ViewModel, label: string): VNode {
  const disabled = vm.state.status !== 'ready' || vm.state.busy
  const props = { submit: vm.submit, validate: vm.validate, disabled, busy: vm.state.busy }
  return h('div', { class: 'antom-pay__submit' }, vm.$slots.default?.(props) ?? [
    h('button', { 'type': 'button', 'class': 'antom-pay__button', disabled, 'aria-busy': vm.state.busy ? 'true' : 'false', 'onClick': () => void vm.submit() }, label),
  ])
}

/** <AntomPay>'s tree: the live region, one block per state and the element the payment UI draws into. */
export function renderView(vm: ViewModel): VNode {
  const { state, texts, $slots: slots } = vm
  const shown = vm.starting && state.status === 'idle' ? 'creating-session' : state.status
  const key = STATUS_TEXT[shown]
  const text = (name: keyof AntomTexts) => texts?.[name] ?? ''
  const statusText = key ? text(key) : ''
  const error = shown === 'error' ? state.error : null
  // Once the SDK draws its own loading animation, a second one would only flicker.
  const loading = LOADING.has(shown) && !(state.sdkLoading && vm.showLoading)
  const retry = () => vm.start()

  return h('div', {
    'class': 'antom-pay',
    'data-status': state.status,
    'data-product': vm.product,
    'data-simulated': state.session?.simulated ? 'true' : undefined,
    'aria-busy': BUSY.has(shown) ? 'true' : 'false',
  }, [
    h('p', { 'class': 'antom-pay__live', 'role': 'status', 'aria-live': 'polite', 'aria-atomic': 'true', 'style': VISUALLY_HIDDEN }, slots.status?.({ status: shown, text: statusText }) ?? statusText),
    shown === 'idle' ? renderIdle(vm, text(vm.form ? 'continueToPayment' : 'pay'), retry) : null,
    loading
      ? h('div', { class: 'antom-pay__loading' }, slots.loading?.({ status: shown, text: statusText }) ?? [h('p', null, statusText)])
      : null,
    // The payment UI owns this element's children: Vue never renders into it.
    h('div', { class: 'antom-pay__sdk' }),
    vm.product === 'element' && state.session && ELEMENT_SHOWN.has(shown) ? renderSubmit(vm, text('pay')) : null,
    error
      ? h('div', { class: 'antom-pay__error', role: 'alert' }, slots.error?.({ error, retry }) ?? [h('p', null, error.message), error.retryable ? button(text('tryAgain'), retry) : null])
      : null,
    RESULT.has(shown)
      ? h('div', { class: 'antom-pay__result' }, slots.result?.({ status: shown, text: statusText, payment: state.payment, retry, recheck: () => vm.confirm() }) ?? [
          h('p', null, statusText),
          shown === 'failed' || shown === 'cancelled'
            ? button(text(shown === 'failed' ? 'tryAgain' : 'payAgain'), retry)
            : shown === 'pending' ? button(text('checkAgain'), () => vm.confirm()) : null,
        ])
      : null,
  ])
}
