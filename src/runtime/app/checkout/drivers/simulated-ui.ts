// The simulator's payment UIs (cashier, Payment Element, Checkout Page) as plain DOM. Styles are set through the
// CSSOM, which a strict style-src Content-Security-Policy allows, and do not depend on the shop's CSS. Dark text on
// white and white on #0958d9 both pass WCAG AA (≥ 4.5:1).
import type { AntomSdkEvent } from '../../../types/events'
import type { AntomSessionResponse } from '../../../types/routes'
import { formatAntomAmount } from '../../lib/amount'
import { requestSimulatorComplete } from '../../lib/api'
import type { DriverContext, DriverEvent, DriverTarget } from '../driver'

export const BOX = 'border:1px dashed #767676;border-radius:8px;padding:0.75rem 1rem;display:flex;flex-wrap:wrap;gap:0.5rem;align-items:center;background:#fff;color:#1b1f24'
export const LINE = 'margin:0;flex-basis:100%'
export const BUTTON = 'font:inherit;cursor:pointer;padding:0.5rem 1rem;border-radius:6px;border:1px solid #0958d9'
export const PRIMARY = 'background:#0958d9;color:#fff'
export const SECONDARY = 'background:#fff;color:#0958d9'
export const TITLE = `${LINE};font-size:0.8rem;text-transform:uppercase;letter-spacing:0.05em;color:#595959`
export const AMOUNT = `${LINE};font-size:1.4rem;font-weight:600`
export const ALERT = `${LINE};color:#a8071a;font-weight:600`

/** An element with a class, a text and its inline style. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text: string, css: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  node.className = className
  node.textContent = text
  node.style.cssText = css
  return node
}

/** A `type="button"` button with its test id. */
export function button(className: string, label: string, testId: string, css: string, onClick: () => unknown): HTMLButtonElement {
  const node = element('button', className, label, `${BUTTON};${css}`)
  node.type = 'button'
  node.dataset.testid = testId
  node.addEventListener('click', () => void onClick())
  return node
}

/** The simulated UI's root: a labelled group with its title and the amount. */
export function simulatorRoot(className: string, title: string, session: AntomSessionResponse): { root: HTMLElement, amount: HTMLElement } {
  const root = element('div', className, '', BOX)
  root.setAttribute('role', 'group')
  root.setAttribute('aria-label', title)
  const amount = element('p', `${className}__amount`, formatAntomAmount(session.amount), AMOUNT)
  root.append(element('p', `${className}__title`, title, TITLE), amount)
  return { root, amount }
}

/** The element a simulated UI draws into: the target's, else the selector's, else the page's body. */
export function hostOf(target: DriverTarget): HTMLElement {
  return target.element ?? (target.selector ? document.querySelector<HTMLElement>(target.selector) : null) ?? document.body
}

/**
 * The buyer pays or fails in a simulated UI: the simulator completes the payment (authorised by the session data,
 * as at Antom) and the attempt is reported with the SDK's event and the session's redirect URL, which the real UIs
 * follow by themselves.
 */
export async function completeSimulated(context: DriverContext, session: AntomSessionResponse, result: 'SUCCESS' | 'FAIL', paymentMethodType?: string): Promise<DriverEvent & { type: 'attempt' }> {
  const answer = await requestSimulatorComplete(context.config.prefix, session, result, paymentMethodType)
  const sdk: AntomSdkEvent = answer.paymentStatus === 'SUCCESS'
    ? { code: 'SDK_PAYMENT_SUCCESSFUL', message: 'The simulated payment succeeded.' }
    : { code: 'SDK_PAYMENT_FAIL', message: 'The simulated payment failed.' }
  return { type: 'attempt', sdk, redirectUrl: answer.redirectUrl }
}
