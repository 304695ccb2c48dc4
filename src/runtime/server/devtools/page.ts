import { ANTOM_API } from '../lib/endpoints'

/** The simulator's fault types, as its faults route accepts them. */
const FAULTS: Array<[string, string]> = [
  ['duplicate-notification', 'deliver each notification twice'],
  ['out-of-order', 'a stale PAYMENT_PENDING after the result'],
  ['late-fail', 'a FAIL after SUCCESS'],
  ['lost-notification', 'send no notification'],
  ['delay', 'answer an API call after 3 s'],
  ['http-error', 'answer an API call HTTP 503'],
  ['result-u', 'answer an API call U (unknown)'],
  ['result-f', 'answer an API call F'],
  ['unsigned', 'leave an API answer unsigned'],
  ['bad-signature', 'sign an API answer with a wrong key'],
]

/**
 * The DevTools tab: one self-contained HTML page (no build, nothing in the app's bundles) that reads the tab's JSON
 * endpoints and drives the simulator through its own routes. Every value from the server is set as text, never as
 * HTML: notification bodies come from whoever posted them.
 * @param urls where the tab's JSON endpoints and the simulator's routes are
 * @param urls.api the tab's endpoints, e.g. `/__nuxt-antom/api`
 * @param urls.simulator the simulator's routes, e.g. `/api/_antom/simulator`
 */
export function devtoolsPage(urls: { api: string, simulator: string }): string {
  const data = JSON.stringify({ ...urls, faults: FAULTS, apis: Object.keys(ANTOM_API) }).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Antom · nuxt-antom DevTools</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>Antom</h1>
  <span id="mode" class="badge" data-testid="mode"></span>
  <nav><a href="#payments">Payments</a><a href="#notifications">Notifications</a><a href="#simulator">Simulator</a><a href="#configuration">Configuration</a></nav>
  <label class="auto"><input type="checkbox" id="auto" checked> refresh every 2 s</label>
  <button type="button" id="refresh">Refresh</button>
</header>
<main>
  <p id="status" role="status" aria-live="polite" data-testid="status"></p>
  <section id="payments" aria-labelledby="payments-title"><h2 id="payments-title">Payments</h2><div class="body"></div></section>
  <section id="notifications" aria-labelledby="notifications-title"><h2 id="notifications-title">Notifications received</h2><div class="body"></div></section>
  <section id="simulator" aria-labelledby="simulator-title"><h2 id="simulator-title">Simulator</h2><div class="controls"></div><div class="body"></div></section>
  <section id="configuration" aria-labelledby="configuration-title"><h2 id="configuration-title">Configuration</h2><div class="body"></div></section>
</main>
<script type="application/json" id="nuxt-antom-devtools">${data}</script>
<script>${SCRIPT}</script>
</body>
</html>`
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--accent:#0969da}
html.dark{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--panel:#151b23;--line:#3d444d;--ok:#3fb950;--bad:#f85149;--warn:#d29922;--accent:#4493f8}
*{box-sizing:border-box}
body{margin:0;font:13px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header{position:sticky;top:0;z-index:1;display:flex;gap:12px;align-items:center;padding:8px 16px;background:var(--panel);border-bottom:1px solid var(--line)}
h1{font-size:16px;margin:0}h2{font-size:14px;margin:0 0 8px}
nav{display:flex;gap:10px;flex:1}nav a{color:var(--accent)}
main{padding:8px 16px 32px}
section{margin:16px 0;padding:12px;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:4px 6px;border-bottom:1px solid var(--line)}
th{color:var(--muted);font-weight:600}
code,pre{font:12px/1.4 ui-monospace,monospace}code.answer{word-break:break-all;color:var(--muted)}pre{margin:4px 0;padding:6px;background:var(--panel);border-radius:4px;white-space:pre-wrap;word-break:break-all;max-height:16em;overflow:auto}
.badge{display:inline-block;padding:0 6px;border-radius:10px;border:1px solid currentColor;font-size:12px}
.ok{color:var(--ok)}.bad{color:var(--bad)}.warn{color:var(--warn)}.muted{color:var(--muted)}
ol.history{margin:4px 0;padding-left:18px}
button{font:inherit;padding:2px 8px;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--fg);cursor:pointer}
button:hover{border-color:var(--accent)}button:disabled{opacity:.5;cursor:not-allowed}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:8px}
select,input{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:2px 4px}
.auto{color:var(--muted)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0 0 8px}dt{color:var(--muted)}dd{margin:0}
`

// Plain browser JavaScript (no build step). Every server value goes in through textContent.
const SCRIPT = `
// The simulator's dispute steps (lib/dispute-state.ts), in the order a dispute moves.
const DISPUTE_STEPS = ['DISPUTE_CREATED', 'DEFENSE_DUE_ALERT', 'DEFENSE_SUPPLIED', 'DISPUTE_ACCEPTED', 'DISPUTE_JUDGED', 'DISPUTE_CANCELLED', 'RDR_RESOLVED']
const { api, simulator, faults, apis } = JSON.parse(document.getElementById('nuxt-antom-devtools').textContent)
const status = document.getElementById('status')
const shown = {}

function h(tag, attrs, ...children) {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value)
    else element.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue
    element.append(child instanceof Node ? child : String(child))
  }
  return element
}
const time = iso => iso ? new Date(iso).toLocaleTimeString() : ''
const money = amount => amount ? amount.currency + ' ' + amount.value + ' (minor units)' : ''
function pretty(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2) } catch { return text || '' }
}

async function request(url, init) {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init && init.headers) } })
  const text = await response.text()
  let body = text
  try { body = JSON.parse(text) } catch {}
  if (!response.ok) throw new Error((body && body.message) || ('HTTP ' + response.status))
  return body
}
async function act(what, run) {
  status.textContent = what + '…'
  try {
    const result = await run()
    status.textContent = what + ': done.'
    await refresh()
    return result
  }
  catch (error) {
    status.textContent = what + ' failed: ' + error.message
  }
}

function render(id, data, draw) {
  const key = JSON.stringify(data)
  if (shown[id] === key) return
  shown[id] = key
  const body = document.querySelector('#' + id + ' > .body')
  body.replaceChildren(draw(data))
}

function drawPayments({ payments, simulatorServes }) {
  if (!payments.length) return h('p', { class: 'muted' }, 'No payment yet. Open a session (POST /session, or <AntomPay>) and it appears here.')
  return h('table', {},
    h('thead', {}, h('tr', {}, ['Payment', 'Amount', 'Status', 'History (state · source · handler)', 'Simulator'].map(title => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, payments.map(payment => h('tr', { 'data-testid': 'payment', 'data-id': payment.paymentRequestId, 'data-status': payment.status },
      h('td', {}, h('code', {}, payment.paymentRequestId), h('div', { class: 'muted' }, payment.referenceOrderId), h('div', { class: 'muted' }, (payment.product || 'cashier') + (payment.paymentMethodType ? ' · ' + payment.paymentMethodType : '') + (payment.simulated ? ' · simulated' : ''))),
      h('td', { 'data-testid': 'amount' }, money(payment.amount)),
      h('td', {}, h('span', { class: 'badge ' + (payment.status === 'SUCCESS' ? 'ok' : ['FAIL', 'CANCELLED'].includes(payment.status) ? 'bad' : 'warn'), 'data-testid': 'payment-status' }, payment.status),
        payment.handledStatus !== payment.status && payment.status !== 'PROCESSING' ? h('div', { class: 'bad' }, 'handler not completed') : null,
        payment.mismatches && payment.mismatches.length ? h('div', { class: 'bad' }, payment.mismatches.length + ' amount mismatch(es)') : null,
        Object.keys(payment.refunds || {}).length ? h('div', { class: 'muted' }, Object.keys(payment.refunds).length + ' refund(s)') : null),
      h('td', {}, h('ol', { class: 'history' },
        h('li', {}, time(payment.createdAt) + ' PROCESSING · session created'),
        (payment.history || []).map(entry => h('li', { 'data-testid': 'history', 'data-status': entry.status },
          time(entry.at) + ' ' + entry.status + ' · ' + entry.source + ' · ',
          entry.handled
            ? h('span', { class: 'ok' }, (entry.handled.handler || 'no handler registered, antom:payment hook') + ' ran ' + time(entry.handled.at))
            : h('span', { class: 'bad' }, 'handler did not complete'))))),
      h('td', {}, (payment.simulated || simulatorServes) && payment.status === 'PROCESSING'
        ? [h('button', { type: 'button', 'data-testid': 'complete-success', onclick: () => complete(payment.paymentRequestId, 'SUCCESS') }, 'Pay'), ' ',
            h('button', { type: 'button', 'data-testid': 'complete-fail', onclick: () => complete(payment.paymentRequestId, 'FAIL') }, 'Fail')]
        : (payment.simulated || simulatorServes) && payment.status === 'SUCCESS'
            ? disputeControl(payment.paymentRequestId)
            : h('span', { class: 'muted' }, payment.simulated || simulatorServes ? payment.status : 'Antom'))))))
}

function disputeControl(id) {
  const step = h('select', { 'aria-label': 'Dispute step', 'data-testid': 'dispute-step' }, DISPUTE_STEPS.map(value => h('option', { value }, value)))
  return h('span', {}, step, ' ', h('button', { type: 'button', 'data-testid': 'dispute', onclick: () => act('Sending ' + step.value + ' for ' + id, () => request(simulator + '/payments/' + encodeURIComponent(id) + '/dispute', { method: 'POST', body: JSON.stringify({ type: step.value }) })) }, 'Dispute'))
}

function drawNotifications(notifications) {
  if (!notifications.length) return h('p', { class: 'muted' }, 'No notification received yet.')
  return h('table', {},
    h('thead', {}, h('tr', {}, ['Received', 'Kind', 'Signature', 'Outcome', 'Answer', 'Body', ''].map(title => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, notifications.map(entry => h('tr', { 'data-testid': 'notification', 'data-id': entry.id, 'data-verification': entry.verification, 'data-outcome': entry.outcome || '', 'data-kind': entry.kind },
      h('td', {}, time(entry.at), h('div', { class: 'muted' }, entry.ms + ' ms'), entry.replayOf ? h('div', { class: 'warn' }, 'replay') : null),
      h('td', {}, h('code', {}, entry.kind || '(not JSON)'), h('div', { class: 'muted' }, entry.paymentRequestId || entry.refundRequestId || ''), entry.disputeId ? h('div', { class: 'muted' }, 'dispute ' + entry.disputeId) : null),
      h('td', {}, h('span', { class: entry.verification === 'passed' ? 'ok' : 'bad', 'data-testid': 'verification' }, entry.verification === 'passed' ? (entry.replayOf ? 'passed (replay key)' : 'passed') : entry.verification),
        entry.reason && entry.verification !== 'passed' ? h('div', { class: 'bad', 'data-testid': 'reason' }, entry.reason) : null),
      h('td', {}, h('span', { 'data-testid': 'outcome' }, entry.outcome || ''),
        entry.outcome === 'duplicate' ? h('div', { class: 'warn' }, 'duplicate: already handled') : null,
        entry.copyOf ? h('div', { class: 'warn', 'data-testid': 'copy' }, 'copy of ' + entry.copyOf.slice(0, 18)) : null,
        entry.reason && entry.verification === 'passed' ? h('div', { class: 'bad', 'data-testid': 'reason' }, entry.reason) : null),
      h('td', {}, h('span', { class: entry.answer.status === 200 ? 'ok' : 'bad', 'data-testid': 'answer-status' }, 'HTTP ' + entry.answer.status), h('div', {}, h('code', { class: 'answer', 'data-testid': 'answer' }, entry.answer.body))),
      h('td', {}, h('details', {}, h('summary', {}, 'body'), h('pre', {}, entry.body === undefined ? '(not read)' : pretty(entry.body)))),
      h('td', {}, entry.verification === 'passed' && entry.body !== undefined
        ? h('button', { type: 'button', 'data-testid': 'replay', title: 'Run this notification through processing again', onclick: () => replay(entry.id) }, 'Replay')
        : null)))))
}

function drawSimulator(deliveries) {
  if (deliveries === null) return h('p', { class: 'muted' }, 'The simulator does not answer here (Antom keys are configured, or it is off).')
  return h('div', {},
    h('h3', {}, 'Notifications the simulator sent'),
    deliveries.length
      ? h('table', {}, h('thead', {}, h('tr', {}, ['Type', 'Payment', 'State', 'Tries'].map(title => h('th', { scope: 'col' }, title)))),
          h('tbody', {}, deliveries.slice().reverse().slice(0, 50).map(delivery => h('tr', { 'data-testid': 'delivery', 'data-state': delivery.state },
            h('td', {}, delivery.notifyType), h('td', {}, h('code', {}, delivery.paymentRequestId)), h('td', {}, delivery.state),
            h('td', {}, delivery.attempts.map(attempt => time(new Date(attempt.at).toISOString()) + ' ' + (attempt.status ? 'HTTP ' + attempt.status : '') + (attempt.acknowledged ? ' acknowledged' : ' ' + (attempt.problem || ''))).join('; ') || 'none yet')))))
      : h('p', { class: 'muted' }, 'None yet.'))
}

function drawConfig(config) {
  const row = (name, value, testid) => [h('dt', {}, name), h('dd', { 'data-testid': testid }, value)]
  return h('div', {},
    h('dl', {},
      row('Mode', config.mode, 'config-mode'),
      row('Region', config.region),
      row('Gateway', config.gateway, 'config-gateway'),
      row('Client id', config.clientId || '(not set)'),
      row('Site URL', config.siteUrl || '(not set: the dev server stands in)'),
      row('Notify URL', config.notifyUrl.configured ? config.notifyUrl.configured + (config.notifyUrl.resolved && config.notifyUrl.resolved !== config.notifyUrl.configured ? ' → ' + config.notifyUrl.resolved : '') : '(the URL in Antom\\'s dashboard)', 'config-notify'),
      row('Redirect URL', config.redirectUrl.configured ? config.redirectUrl.configured + (config.redirectUrl.resolved && config.redirectUrl.resolved !== config.redirectUrl.configured ? ' → ' + config.redirectUrl.resolved : '') : '(not set)', 'config-redirect'),
      row('Merchant public key', config.fingerprints.merchantPublicKey ? 'SHA-256 ' + config.fingerprints.merchantPublicKey + '… (' + config.fingerprints.source + ')' : '(none)', 'fingerprint-merchant'),
      row('Antom public key', config.fingerprints.alipayPublicKey ? 'SHA-256 ' + config.fingerprints.alipayPublicKey + '… (' + config.fingerprints.source + ')' : '(none)', 'fingerprint-antom')),
    config.settingsError ? h('p', { class: 'bad' }, 'Payments cannot run: ' + config.settingsError) : null,
    h('h3', {}, 'Start-up checks'),
    h('table', {}, h('thead', {}, h('tr', {}, ['Check', 'Env', 'Result'].map(title => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, config.checks.map(check => h('tr', { 'data-testid': 'check', 'data-name': check.name, 'data-ok': String(check.ok) },
        h('td', {}, check.name), h('td', {}, h('code', {}, check.env.join(', '))),
        h('td', {}, check.ok ? h('span', { class: 'ok' }, 'ok') : check.problems.map(problem => h('div', { class: 'bad' }, problem))))))),
    config.otherProblems.length ? h('ul', {}, config.otherProblems.map(problem => h('li', { class: 'bad' }, problem))) : null)
}

function complete(id, result) {
  return act((result === 'SUCCESS' ? 'Paying ' : 'Failing ') + id, () => request(simulator + '/payments/' + encodeURIComponent(id) + '/complete', { method: 'POST', body: JSON.stringify({ result }) }))
}
function replay(id) {
  return act('Replaying a notification', () => request(api + '/replay', { method: 'POST', body: JSON.stringify({ id }) }))
}

function simulatorControls() {
  const type = h('select', { id: 'fault-type', 'data-testid': 'fault-type', 'aria-label': 'Fault' }, faults.map(([value, text]) => h('option', { value }, value + ': ' + text)))
  const target = h('select', { id: 'fault-api', 'aria-label': 'API (gateway faults)' }, h('option', { value: '' }, 'any API'), apis.map(name => h('option', { value: name }, name)))
  const times = h('input', { id: 'fault-times', type: 'number', min: '0', max: '1000', value: '1', 'aria-label': 'Times (0: until cleared)', style: 'width:5em' })
  const armed = h('span', { class: 'muted', 'data-testid': 'armed' }, 'No fault armed from here.')
  const arm = (faults, what) => act(what, async () => {
    const result = await request(simulator + '/faults', { method: 'POST', body: JSON.stringify({ faults }) })
    armed.textContent = result.faults.length ? 'Armed: ' + result.faults.map(fault => fault.type + (fault.api ? ' (' + fault.api + ')' : '') + ' ×' + (fault.times === 0 ? '∞' : (fault.times || 1))).join(', ') : 'No fault armed.'
  })
  document.querySelector('#simulator > .controls').replaceChildren(
    h('label', { for: 'fault-type' }, 'Fault'), type, target, h('label', { for: 'fault-times' }, 'times'), times,
    h('button', { type: 'button', 'data-testid': 'arm-fault', onclick: () => {
      const fault = { type: type.value, times: Number(times.value) }
      if (target.value) fault.api = target.value
      if (fault.type === 'delay') fault.delayMs = 3000
      return arm([fault], 'Arming ' + fault.type)
    } }, 'Arm (replaces armed faults)'),
    h('button', { type: 'button', 'data-testid': 'clear-faults', onclick: () => arm([], 'Clearing faults') }, 'Clear faults'),
    armed,
    h('span', { class: 'muted' }, 'Disputes: "Dispute" on a paid payment sends the step chosen (DISPUTE_CREATED opens one).'))
}

let refreshing
let again
function refresh() {
  // One read at a time, so a slow server is not asked again before it answered; a refresh asked for meanwhile
  // (after an action) runs once that read is over.
  if (refreshing) {
    again ??= refreshing.then(() => {
      again = undefined
      return refresh()
    })
    return again
  }
  refreshing = read().finally(() => { refreshing = undefined })
  return refreshing
}
async function read() {
  const [payments, notifications, config, deliveries] = await Promise.all([
    request(api + '/payments'), request(api + '/notifications'), request(api + '/config'),
    request(simulator + '/deliveries').catch(() => null),
  ]).catch((error) => {
    status.textContent = 'Could not read the server: ' + error.message
    return []
  })
  if (!payments) return
  const mode = document.getElementById('mode')
  mode.textContent = config.mode
  mode.className = 'badge ' + (config.checks.every(check => check.ok) ? 'ok' : 'bad')
  render('payments', { payments, simulatorServes: config.simulatorServes }, drawPayments)
  render('notifications', notifications, drawNotifications)
  render('simulator', deliveries, drawSimulator)
  render('configuration', config, drawConfig)
  document.body.dataset.loaded = 'true'
}

simulatorControls()
document.getElementById('refresh').addEventListener('click', () => refresh())
setInterval(() => {
  if (document.getElementById('auto').checked && document.visibilityState === 'visible') refresh()
}, 2000)
refresh()
`
