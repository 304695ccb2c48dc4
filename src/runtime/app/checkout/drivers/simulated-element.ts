import type { AntomSubmitResult } from '../../../types/events'
import type { AntomSessionResponse } from '../../../types/routes'
import type { AntomTexts } from '../../i18n'
import { formatAntomAmount } from '../../lib/amount'
import { toCheckoutError } from '../../lib/errors'
import type { CheckoutDriver, DriverContext, DriverTarget } from '../driver'
import { fromSubmitResult } from '../element-events'
import type { ChallengeAnswer } from './simulated-card'
import { cardForm, challenge } from './simulated-card'
import { button, completeSimulated, element, hostOf, LINE, simulatorRoot } from './simulated-ui'

type Tab = 'card' | 'wallet'
/** The simulated wallet: what the buyer pays with on the wallet tab. */
const WALLET = 'ALIPAY_CN'

/**
 * Payment Element on the local simulator: method tabs (a card form with test cards, a wallet), paid with the shop's
 * button like the real element (`submit()`, answered like `submitPayment()`). The test cards pay, ask for a 3-D
 * Secure challenge (confirm: paid; fail: the session is spent and a new one follows, as at Antom; cancel: nothing
 * happens), or are declined in the element (the session stays payable). Payments complete through the simulator with
 * the method the buyer used (`CARD`, `ALIPAY_CN`).
 */
export function createDriver(context: DriverContext): CheckoutDriver {
  const { emit } = context
  let live = true
  let busy = false
  let tab: Tab = 'card'
  let session: AntomSessionResponse | undefined
  let root: HTMLElement | undefined
  let amount: HTMLElement | undefined
  let card: ReturnType<typeof cardForm> | undefined
  const abort = new AbortController()
  const controls: Array<HTMLButtonElement | HTMLInputElement> = []

  function setBusy(value: boolean): void {
    busy = value
    for (const control of controls) control.disabled = value
    emit({ type: 'busy', busy: value })
  }

  function tabs(texts: AntomTexts, panels: Record<Tab, HTMLElement>): HTMLElement {
    const list = element('div', 'antom-simulator-element__tabs', '', `${LINE};display:flex;gap:0.5rem`)
    list.setAttribute('role', 'tablist')
    list.setAttribute('aria-label', texts.methods)
    const entries: Array<[Tab, string]> = [['card', texts.methodCard], ['wallet', texts.methodWallet]]
    const select = (next: Tab) => {
      tab = next
      for (const node of list.querySelectorAll<HTMLButtonElement>('[role=tab]')) {
        const selected = node.dataset.tab === next
        node.setAttribute('aria-selected', String(selected))
        node.tabIndex = selected ? 0 : -1
        node.style.background = selected ? '#0958d9' : '#fff'
        node.style.color = selected ? '#fff' : '#0958d9'
      }
      for (const [name, panel] of Object.entries(panels)) panel.hidden = name !== next
    }
    for (const [name, label] of entries) {
      const node = button('antom-simulator-element__tab', label, `antom-sim-tab-${name}`, '', () => select(name))
      node.setAttribute('role', 'tab')
      node.dataset.tab = name
      node.addEventListener('keydown', (event) => {
        if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
        const other = name === 'card' ? 'wallet' : 'card'
        select(other)
        list.querySelector<HTMLButtonElement>(`[data-tab=${other}]`)?.focus()
      })
      controls.push(node)
      list.append(node)
    }
    select(tab)
    return list
  }

  function render(current: AntomSessionResponse, host: HTMLElement, texts: AntomTexts): void {
    const shown = simulatorRoot('antom-simulator-element', `${texts.simulator} · Payment Element`, current)
    root = shown.root
    amount = shown.amount
    card = cardForm(texts, `antom-sim-${current.paymentRequestId}`)
    const wallet = element('div', 'antom-simulator-element__wallet', '', LINE)
    wallet.append(element('p', '', `Alipay (${WALLET})`, 'margin:0;font-weight:600'), element('p', '', texts.walletNote, 'margin:0'))
    const panels: Record<Tab, HTMLElement> = { card: card.root, wallet }
    for (const panel of Object.values(panels)) panel.setAttribute('role', 'tabpanel')
    controls.push(...card.controls)
    root.append(tabs(texts, panels), card.root, wallet)
    host.append(root)
  }

  /** What the buyer's submit comes to: a payment completed through the simulator, or an answer the element gives itself. */
  async function pay(current: AntomSessionResponse, texts: AntomTexts): Promise<{ result: AntomSubmitResult, redirectUrl?: string }> {
    const completed = async (result: 'SUCCESS' | 'FAIL', method: string) => {
      const attempt = await completeSimulated(context, current, result, method)
      return { result: { status: result } as AntomSubmitResult, redirectUrl: attempt.redirectUrl }
    }
    if (tab === 'wallet') return completed('SUCCESS', WALLET)
    const outcome = card!.check()
    if (!outcome) return { result: { status: 'FAIL', error: { code: 'PARAM_INVALID', message: texts.cardInvalid, needChangeSessionForRetry: false } } }
    if (outcome === 'declined') {
      // Declined by the issuer: the element says so and the buyer may try another card in the same session.
      card!.error.textContent = texts.cardDeclined
      return { result: { status: 'FAIL', error: { code: 'CARD_DECLINED', message: texts.cardDeclined, needChangeSessionForRetry: false } } }
    }
    if (outcome === '3ds') {
      const answer: ChallengeAnswer = await challenge(card!.root, texts, abort.signal)
      if (answer === 'cancel') {
        card!.error.textContent = texts.threeDsCancelled
        return { result: { status: 'CANCELLED', userCanceled3D: true } }
      }
      if (answer === 'fail') {
        await completeSimulated(context, current, 'FAIL', 'CARD')
        card!.error.textContent = texts.threeDsFailed
        return { result: { status: 'FAIL', error: { code: 'THREE_D_SECURE_FAILED', message: texts.threeDsFailed, needChangeSessionForRetry: true } } }
      }
    }
    return completed('SUCCESS', 'CARD')
  }

  async function submit(): Promise<AntomSubmitResult | undefined> {
    const current = session
    if (!live || !current || busy) return undefined
    setBusy(true)
    const texts = await context.texts()
    let outcome: { result: AntomSubmitResult, redirectUrl?: string }
    try {
      outcome = await pay(current, texts)
    }
    catch (caught) {
      if (live) emit({ type: 'fail', error: toCheckoutError('SIMULATOR_ERROR', caught, texts.simulatorFailed) })
      return { status: 'FAIL', error: { code: 'SIMULATOR_ERROR', message: texts.simulatorFailed } }
    }
    finally {
      if (live) setBusy(false)
    }
    if (!live) return outcome.result
    const event = fromSubmitResult(outcome.result, texts)
    // Like the real element after a payment: the form goes, the checkout shows the server's result.
    if (event.type === 'attempt') root?.remove()
    emit(event.type === 'attempt' ? { ...event, redirectUrl: outcome.redirectUrl } : event)
    return outcome.result
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
    abort.abort()
    root?.remove()
    root = undefined
    controls.length = 0
  }

  return {
    mount,
    unmount,
    submit,
    validate: async () => {
      if (!live) return { isValid: false }
      return { isValid: tab === 'wallet' || card?.check() !== undefined }
    },
    // updatePayment(): the same form, the new session's amount.
    update: async (next) => {
      if (!live || !root) return false
      session = next
      if (amount) amount.textContent = formatAntomAmount(next.amount)
      return true
    },
  }
}
