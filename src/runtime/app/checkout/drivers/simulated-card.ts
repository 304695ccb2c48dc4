// The simulated Payment Element's card form: test cards, validation, and the 3-D Secure challenge.
import type { AntomTexts } from '../../i18n'
import { ALERT, button, element, LINE, PRIMARY, SECONDARY } from './simulated-ui'

/** What a test card does when paid with. */
export type CardOutcome = 'pays' | '3ds' | 'declined'

/** The test cards, as the simulated element lists them; any other valid card number pays. */
export const TEST_CARDS: ReadonlyArray<{ number: string, outcome: CardOutcome, text: keyof AntomTexts }> = [
  { number: '4242 4242 4242 4242', outcome: 'pays', text: 'testCardPays' },
  { number: '4000 0000 0000 3220', outcome: '3ds', text: 'testCard3ds' },
  { number: '4000 0000 0000 0002', outcome: 'declined', text: 'testCardDeclined' },
]

const INPUT = 'font:inherit;padding:0.4rem 0.5rem;border:1px solid #767676;border-radius:4px;width:100%;box-sizing:border-box'
const FIELD = 'display:flex;flex-direction:column;gap:0.25rem;flex:1 1 8rem'

/** Luhn's check digit, as every card number has. */
function luhn(digits: string): boolean {
  let sum = 0
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index])
    if (index % 2) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2
    sum += digit
  }
  return sum % 10 === 0
}

/** `MM/YY` of this month or later. */
function validExpiry(value: string, now = new Date()): boolean {
  const match = /^(\d{2})\s*\/\s*(\d{2})$/.exec(value.trim())
  if (!match) return false
  const month = Number(match[1])
  const year = 2000 + Number(match[2])
  return month >= 1 && month <= 12 && (year > now.getFullYear() || (year === now.getFullYear() && month >= now.getMonth() + 1))
}

/** The card form: its fields, the list of test cards (each fills the form), its check and an error line. */
export function cardForm(texts: AntomTexts, id: string) {
  const root = element('div', 'antom-simulator-element__card', '', `${LINE};display:flex;flex-wrap:wrap;gap:0.5rem`)
  const field = (name: string, label: string, autocomplete: string) => {
    const wrapper = element('label', `antom-simulator-element__field`, '', FIELD)
    const input = element('input', `antom-simulator-element__${name}`, '', INPUT)
    Object.assign(input, { id: `${id}-${name}`, name, autocomplete, inputMode: 'numeric', spellcheck: false })
    input.dataset.testid = `antom-sim-card-${name}`
    wrapper.append(label, input)
    root.append(wrapper)
    return input
  }
  const error = element('p', 'antom-simulator-element__error', '', ALERT)
  error.setAttribute('role', 'alert')
  const number = field('number', texts.cardNumber, 'cc-number')
  number.style.minWidth = '12rem'
  const expiry = field('expiry', texts.cardExpiry, 'cc-exp')
  const cvc = field('cvc', texts.cardCvc, 'cc-csc')
  const list = element('ul', 'antom-simulator-element__test-cards', '', `${LINE};padding:0;margin:0;list-style:none;display:flex;flex-direction:column;gap:0.25rem;font-size:0.9rem`)
  list.setAttribute('aria-label', texts.testCards)
  for (const card of TEST_CARDS) {
    const item = element('li', '', '', '')
    const fill = button('antom-simulator-element__test-card', `${card.number} — ${texts[card.text]}`, `antom-sim-card-${card.outcome}`, `${SECONDARY};padding:0.25rem 0.5rem;font-family:monospace`, () => {
      number.value = card.number
      expiry.value = '12/34'
      cvc.value = '123'
      error.textContent = ''
    })
    item.append(fill)
    list.append(item)
  }
  root.append(element('p', '', texts.testCards, `${LINE};font-size:0.9rem;color:#595959`), list, error)

  return {
    root,
    error,
    controls: [number, expiry, cvc, ...list.querySelectorAll('button')] as Array<HTMLInputElement | HTMLButtonElement>,
    /** Checks the fields and says what is wrong; the outcome of a valid card. */
    check(): CardOutcome | undefined {
      const digits = number.value.replace(/\s+/g, '')
      const valid = /^\d{12,19}$/.test(digits) && luhn(digits) && validExpiry(expiry.value) && /^\d{3,4}$/.test(cvc.value.trim())
      for (const input of [number, expiry, cvc]) input.setAttribute('aria-invalid', String(!valid))
      error.textContent = valid ? '' : texts.cardInvalid
      if (!valid) return undefined
      return TEST_CARDS.find(card => card.number.replace(/\s+/g, '') === digits)?.outcome ?? 'pays'
    },
  }
}

/** What the buyer did in the 3-D Secure challenge. */
export type ChallengeAnswer = 'confirm' | 'fail' | 'cancel'

/** The issuer's 3-D Secure challenge, drawn over the card form; resolves with the buyer's answer. */
export function challenge(host: HTMLElement, texts: AntomTexts, signal: AbortSignal): Promise<ChallengeAnswer> {
  return new Promise((resolve) => {
    const box = element('div', 'antom-simulator-element__challenge', '', `${LINE};border:2px solid #0958d9;border-radius:8px;padding:0.75rem;display:flex;flex-wrap:wrap;gap:0.5rem`)
    box.setAttribute('role', 'dialog')
    box.setAttribute('aria-label', texts.threeDsTitle)
    const finish = (answer: ChallengeAnswer) => {
      box.remove()
      resolve(answer)
    }
    box.append(
      element('p', '', texts.threeDsTitle, `${LINE};font-weight:600`),
      element('p', '', texts.threeDsPrompt, LINE),
      button('', texts.threeDsConfirm, 'antom-sim-3ds-confirm', PRIMARY, () => finish('confirm')),
      button('', texts.threeDsFail, 'antom-sim-3ds-fail', SECONDARY, () => finish('fail')),
      button('', texts.simulatorCancel, 'antom-sim-3ds-cancel', SECONDARY, () => finish('cancel')),
    )
    signal.addEventListener('abort', () => finish('cancel'), { once: true })
    host.append(box)
    box.querySelector('button')?.focus()
  })
}
