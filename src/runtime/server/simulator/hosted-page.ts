import { fromAntomAmount } from '../lib/amount'
import type { SimulatedPayment } from './payments'

const escape = (text: string) => text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`)

/**
 * The simulator's hosted Checkout Page, as plain HTML with no script: the order, the amount, and Pay / Fail / Cancel
 * buttons that post back with the page's token. What Antom's hosted page does, reduced to what a test needs.
 */
export function hostedCheckoutPage(payment: SimulatedPayment, token: string, action: string): string {
  const order = payment.request.order as { orderDescription?: string } | undefined
  const amount = `${payment.amount.currency} ${fromAntomAmount(payment.amount)}`
  const button = (value: string, label: string, style: string) =>
    `<button type="submit" name="action" value="${value}" data-testid="antom-ckp-${value}" style="${style}">${label}</button>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Antom Checkout (simulated)</title>
</head>
<body style="font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; color: #1f2329">
<main>
<h1 style="font-size: 1.25rem">Antom Checkout <small style="color: #595959">(simulated)</small></h1>
<p>${escape(order?.orderDescription ?? payment.paymentRequestId)}</p>
<p data-testid="antom-ckp-amount" style="font-size: 1.5rem; font-weight: 600">${escape(amount)}</p>
${payment.status === 'PROCESSING'
  ? `<form method="post" action="${escape(action)}">
<input type="hidden" name="token" value="${escape(token)}">
<fieldset style="border: 0; padding: 0; margin: 1rem 0">
<legend>Payment method</legend>
<label><input type="radio" name="paymentMethodType" value="CARD" checked> Card</label>
<label><input type="radio" name="paymentMethodType" value="ALIPAY_CN"> Alipay</label>
</fieldset>
${button('pay', 'Pay', 'background: #0e55c7; color: #fff; border: 0; padding: .6rem 1.2rem; border-radius: 4px')}
${button('fail', 'Fail', 'background: #fff; color: #a8071a; border: 1px solid #a8071a; padding: .6rem 1.2rem; border-radius: 4px')}
${button('cancel', 'Back to the shop', 'background: #fff; color: #1f2329; border: 1px solid #8c8c8c; padding: .6rem 1.2rem; border-radius: 4px')}
</form>`
  : `<p role="status">This payment is ${escape(payment.status)}.</p>`}
</main>
</body>
</html>`
}
