// npm run bench: what nuxt-antom costs a shop, each figure against its limit. Not part of npm test.
import { sign, verify } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cryptoKeyOf, parsePrivateKey, parsePublicKey, RSA_SHA256 } from '../src/runtime/server/lib/keys'
import { buildSignContent, formatSignatureHeader, signMessage, verifyMessage } from '../src/runtime/server/lib/signature'
import { generateTestKeyPair } from '../test/helpers/keys'
import { paymentResult, signedNotification } from '../test/helpers/notifications'
import { buildFixture, startServer, type RunningServer } from '../test/helpers/server'
import { chromium } from 'playwright-core'
import { browserOptions } from '../test/helpers/browser'
import { hydrated, paymentShown, scriptsLoaded } from './lib/browser'
import { gzipBytes, initialJsBytes, initialScripts, linkedScripts } from './lib/client'
import { rate, spread, throughputRatio, type Spread } from './lib/stats'

const ROUNDS = 3
/** `npm run bench -- --client`: the client figures only (no server, crypto or memory rounds). */
const CLIENT_ONLY = process.argv.includes('--client')
const here = dirname(fileURLToPath(import.meta.url))

interface Figure {
  name: string
  unit: string
  measured: Spread
  limit: number
  /** `max`: measured must stay at or under the limit; `min`: at or over it; `info`: shown, no limit. */
  kind: 'max' | 'min' | 'info'
}

const figures: Figure[] = []
function record(name: string, unit: string, runs: number[], limit: number, kind: Figure['kind']) {
  figures.push({ name, unit, measured: spread(runs), limit, kind })
}
const log = (line: string) => process.stderr.write(`${line}\n`)

/**
 * fetch that retries once when a kept-alive socket was closed by the server just as it was reused
 * (Node closes idle sockets after 5 s; every request the bench sends may be repeated safely).
 */
async function send(url: string, init?: RequestInit): Promise<string> {
  try {
    return await (await fetch(url, init)).text()
  }
  catch {
    return (await fetch(url, init)).text()
  }
}

function text(server: RunningServer, path: string): Promise<string> {
  return send(`${server.url}${path}`)
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)])
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024
}

async function clientFigures(antomPublic: string, baselinePublic: string, antom: RunningServer, baseline: RunningServer, composable: { publicDir: string, server: RunningServer }) {
  const [homeWith, homeWithout, checkoutWith, checkoutWithout, homeComposable] = await Promise.all([text(antom, '/'), text(baseline, '/'), text(antom, '/checkout'), text(baseline, '/checkout'), text(composable.server, '/')])
  const homeBaseline = initialJsBytes(baselinePublic, homeWithout)
  record('Home page JS, extra over the app without the module', 'B gz', [initialJsBytes(antomPublic, homeWith) - homeBaseline], 0, 'max')
  record('Home page JS, extra, checkout on useAntomCheckout()', 'B gz', [initialJsBytes(composable.publicDir, homeComposable) - homeBaseline], 0, 'max')
  const sdkChunks = readdirSync(join(antomPublic, '_nuxt')).filter(file => file.endsWith('.js') && readFileSync(join(antomPublic, '_nuxt', file), 'latin1').includes('__APDID'))
  // <AntomPay>'s own code: what the checkout page loads beyond the home page, with the module minus without it,
  // so the shared runtime chunks (counted in the home page figure) are not counted twice.
  const routeBytes = (html: string, home: string, publicDir: string) => {
    const homeFiles = new Set(initialScripts(home))
    return linkedScripts(html)
      .filter(url => !homeFiles.has(url) && !sdkChunks.some(sdk => url.endsWith(sdk)))
      .reduce((sum, url) => sum + gzipBytes(publicDir, url), 0)
  }
  const ownBytes = routeBytes(checkoutWith, homeWith, antomPublic) - routeBytes(checkoutWithout, homeWithout, baselinePublic)
  record('<AntomPay> and composables, SDK excluded', 'B gz', [ownBytes], 3 * 1024, 'max')
  const sdkInInitial = initialScripts(checkoutWith).filter(url => sdkChunks.some(sdk => url.endsWith(sdk))).length
  const sdkLinked = linkedScripts(checkoutWith).filter(url => sdkChunks.some(sdk => url.endsWith(sdk))).length
  record('SDK chunks linked from the checkout page HTML', 'files', [sdkInInitial + sdkLinked], 0, 'max')
  log(`client: SDK chunk ${sdkChunks.join(', ')} (${sdkChunks.reduce((sum, file) => sum + gzipBytes(antomPublic, `/_nuxt/${file}`), 0)} B gz), fetched by <AntomPay> on mount`)
}

/** A shop's build and its running server, for the client figures. */
interface BenchApp { publicDir: string, server: RunningServer }

/** What a chunk holds, told by a string only it contains (for the bench's log). */
const CHUNK_MARKERS = {
  '<AntomPay>': 'antom-pay__sdk',
  'checkout core': 'has no driver for product',
  'cashier driver': 'AMSCashierPayment.unmount()',
  'element driver': 'AMSElement.destroy()',
  'checkout-page driver': 'AMSCheckoutPage.unmount()',
  'SDK loader': 'Loading the payment SDK took too long',
  'useAntomPayment': 'STATUS_NOT_FOUND',
} as const

/** Strings only one driver's chunk contains (its SDK teardown message), minified or not. */
const DRIVER_MARKERS = {
  'cashier': 'AMSCashierPayment.unmount()',
  'element': 'AMSElement.destroy()',
  'checkout-page': 'AMSCheckoutPage.unmount()',
} as const

/**
 * What each product's checkout page makes the browser download, measured in Chromium (the lazy chunks included:
 * the checkout core, the driver, the locale), SDK excluded, beyond the same page of the app without the module; and
 * that no driver's code is downloaded on pages that do not show it.
 */
async function productFigures(baseline: BenchApp, products: Record<'cashier' | 'element' | 'checkout-page' | 'hosted', BenchApp>) {
  const browser = await chromium.launch(browserOptions.launch)
  try {
    const contents = (app: BenchApp, path: string) => readFileSync(join(app.publicDir, path), 'latin1')
    const isSdk = (app: BenchApp, path: string) => contents(app, path).includes('__APDID')
    const bytes = (app: BenchApp, paths: string[]) => [...new Set(paths)].filter(path => !isSdk(app, path)).reduce((sum, path) => sum + gzipBytes(app.publicDir, path), 0)
    const baselineCheckout = bytes(baseline, (await scriptsLoaded(browser, baseline.server.url, '/checkout', hydrated)).map(script => script.path))
    // Where each driver's code turned up: [driver, app, page].
    const seen: Array<[string, string, string]> = []
    const note = (app: BenchApp, name: string, page: string, paths: string[]) => {
      for (const [driver, marker] of Object.entries(DRIVER_MARKERS)) {
        if (paths.some(path => contents(app, path).includes(marker))) seen.push([driver, name, page])
      }
    }
    for (const [name, app] of Object.entries(products)) {
      const home = await scriptsLoaded(browser, app.server.url, '/', hydrated)
      note(app, name, 'home', home.map(script => script.path))
      const checkout = await scriptsLoaded(browser, app.server.url, '/checkout', async (page, mark) => {
        if (name !== 'hosted') return paymentShown(page)
        await hydrated(page)
        // Nuxt prefetches its error pages once the page is idle: those are not the click's.
        await page.waitForLoadState('networkidle')
        mark()
        await page.getByRole('button').first().click()
        await page.waitForURL(/\/simulator\/checkout\//)
        await page.waitForLoadState('load')
      })
      note(app, name, 'checkout', checkout.map(script => script.path))
      const files = [...new Set(checkout.map(script => script.path))].filter(path => !isSdk(app, path))
      log(`client: ${name} checkout page: ${files.map(path => `${path.split('/').pop()} ${gzipBytes(app.publicDir, path)} B (${Object.entries(CHUNK_MARKERS).find(([, marker]) => contents(app, path).includes(marker))?.[0] ?? 'Nuxt'})`).join(', ')}`)
      const label = name === 'hosted' ? 'checkout-page" (hosted, until the buyer leaves)' : `${name}"${name === 'checkout-page' ? ' (embedded)' : ''}`
      record(`Checkout page JS in Chromium, <AntomPay product="${label}>, SDK excluded`, 'B gz', [bytes(app, checkout.map(script => script.path)) - baselineCheckout], 0, 'info')
      if (name === 'hosted') record('  hosted Checkout Page: JS files fetched after the buyer\'s click', 'files', [checkout.filter(script => script.late).length], 0, 'max')
    }
    for (const driver of Object.keys(DRIVER_MARKERS)) {
      const elsewhere = seen.filter(([seenDriver, app, page]) => seenDriver === driver && !(page === 'checkout' && app === driver))
      record(`${driver} driver downloaded on pages without it (home pages, other products' checkout)`, 'pages', [elsewhere.length], 0, 'max')
      if (elsewhere.length) log(`client: the ${driver} driver was downloaded on ${elsewhere.map(([, app, page]) => `${app} ${page}`).join(', ')}`)
    }
  }
  finally {
    await browser.close()
  }
}

async function cryptoFigures() {
  const { privateKey, publicKey, privateBase64, publicBase64 } = generateTestKeyPair()
  // The core as the server runs it: Web Crypto keys from configuration text, parsed and imported once.
  const corePrivateKey = parsePrivateKey(privateBase64, { envName: 'BENCH' })
  const corePublicKey = parsePublicKey(publicBase64, { envName: 'BENCH' })
  const message = { path: '/ams/api/v1/payments/inquiryPayment', clientId: 'SANDBOX_BENCH', time: '1700000000000', body: JSON.stringify({ paymentRequestId: 'pr_bench', padding: 'x'.repeat(400) }) }
  const header = formatSignatureHeader(await signMessage(message, corePrivateKey))
  const content = buildSignContent(message)
  const rawSignature = decodeURIComponent(header.split('signature=')[1]!)
  // The strict baselines use node:crypto's fastest form (synchronous one-shot sign/verify on a Buffer) on a string to
  // sign built in advance and, for verify, a signature already decoded: everything the core does on top counts against it.
  const nodeSign = () => void sign('sha256', Buffer.from(content), privateKey).toString('base64')
  const nodeVerify = () => void verify('sha256', Buffer.from(content), publicKey, Buffer.from(rawSignature, 'base64'))
  const coreSign = () => signMessage(message, corePrivateKey)
  const coreVerify = () => verifyMessage(message, header, corePublicKey)
  // Web Crypto alone, on bytes prepared in advance: the most any core built on it can reach on this Node.
  const [signingKey, verifyingKey] = [await cryptoKeyOf(corePrivateKey, 'sign'), await cryptoKeyOf(corePublicKey, 'verify')]
  const [contentBytes, signatureBytes] = [new TextEncoder().encode(content), new Uint8Array(Buffer.from(rawSignature, 'base64'))]
  const subtleSign = () => crypto.subtle.sign(RSA_SHA256, signingKey, contentBytes)
  const subtleVerify = () => crypto.subtle.verify(RSA_SHA256, verifyingKey, signatureBytes, contentBytes)
  const ratios = { sign: [] as number[], verify: [] as number[], signAlone: [] as number[], verifyAlone: [] as number[], subtleSign: [] as number[], subtleVerify: [] as number[] }
  for (let round = 0; round < 12; round++) {
    // Web Crypto is asynchronous (on Node it runs on libuv's thread pool): a batch's 25 calls are in flight together,
    // as concurrent requests' are on a server. One at a time, each call also waits for a pool thread to wake up.
    ratios.sign.push(await throughputRatio(400, nodeSign, coreSign))
    ratios.verify.push(await throughputRatio(400, nodeVerify, coreVerify))
    ratios.signAlone.push(await throughputRatio(200, nodeSign, coreSign, { inFlight: 1 }))
    ratios.verifyAlone.push(await throughputRatio(200, nodeVerify, coreVerify, { inFlight: 1 }))
    ratios.subtleSign.push(await throughputRatio(200, nodeSign, subtleSign))
    ratios.subtleVerify.push(await throughputRatio(200, nodeVerify, subtleVerify))
  }
  record('Protocol core sign ÷ raw node:crypto', 'ratio', ratios.sign, 0.9, 'min')
  record('Protocol core verify ÷ raw node:crypto', 'ratio', ratios.verify, 0.9, 'min')
  record('  the same, one call at a time: sign', 'ratio', ratios.signAlone, 0, 'info')
  record('  the same, one call at a time: verify', 'ratio', ratios.verifyAlone, 0, 'info')
  record('  bare crypto.subtle.sign ÷ raw node:crypto', 'ratio', ratios.subtleSign, 0, 'info')
  record('  bare crypto.subtle.verify ÷ raw node:crypto', 'ratio', ratios.subtleVerify, 0, 'info')
  // One sign plus one verify with the core, one after the other, as a session route runs them: the unit of its floor.
  const samples: number[] = []
  for (let index = 0; index < 200; index++) {
    const started = performance.now()
    await verifyMessage(message, formatSignatureHeader(await signMessage(message, corePrivateKey)), corePublicKey)
    samples.push(performance.now() - started)
  }
  return spread(samples).median
}

async function openSessions(server: RunningServer, count: number) {
  const sessions: Array<{ paymentRequestId: string, amount: { currency: string, value: string } }> = []
  await rate(count, 8, async () => {
    sessions.push(JSON.parse(await send(`${server.url}/api/_antom/session`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })))
  })
  return sessions
}

async function serverFigures(server: RunningServer, keys: { antomKey: ReturnType<typeof generateTestKeyPair>['privateKey'], clientId: string }, signVerifyMs: number) {
  for (let warm = 0; warm < 200; warm++) await send(`${server.url}/api/ping`)

  const newRatios: number[] = []
  const duplicateRatios: number[] = []
  const latencyRatios: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const sessions = await openSessions(server, 600)
    // Notifications are signed before the clock starts: the bench measures the server, not this process.
    const fresh = sessions.map(session => signedNotification(paymentResult(session.paymentRequestId, session.amount), { key: keys.antomKey, clientId: keys.clientId, path: '/api/_antom/notify' }))
    // The bare route gets the very same request (headers and body), so only the module's work differs.
    const bare = await rate(3000, 10, index => send(`${server.url}/api/ping`, fresh[index % fresh.length]!))
    const newRate = await rate(fresh.length, 10, index => send(`${server.url}/api/_antom/notify`, fresh[index]!))
    const duplicate = fresh[0]!
    const duplicateRate = await rate(3000, 10, () => send(`${server.url}/api/_antom/notify`, duplicate))
    newRatios.push(newRate / bare)
    duplicateRatios.push(duplicateRate / bare)
    log(`server round ${round + 1}: bare ${Math.round(bare)}/s, new notifications ${Math.round(newRate)}/s, duplicates ${Math.round(duplicateRate)}/s`)

    // Sessions and the bare route alternate, one request at a time, so both see the same machine.
    const latencies: number[] = []
    const bareLatencies: number[] = []
    const timed = async (into: number[], path: string) => {
      const started = performance.now()
      await send(`${server.url}${path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
      into.push(performance.now() - started)
    }
    for (let index = 0; index < 60; index++) {
      await timed(latencies, '/api/_antom/session')
      await timed(bareLatencies, '/api/ping')
    }
    const median = spread(latencies).median
    const bareMedian = spread(bareLatencies).median
    // A session against the in-process simulator signs and verifies twice (request and answer, on each side).
    const floor = bareMedian + 2 * signVerifyMs
    latencyRatios.push(median / floor)
    log(`session route: median ${median.toFixed(2)} ms; bare route ${bareMedian.toFixed(2)} ms; one core sign + verify ${signVerifyMs.toFixed(2)} ms; floor ${floor.toFixed(2)} ms`)
  }
  record('Notify throughput (new) ÷ bare route', 'ratio', newRatios, 0.5, 'min')
  record('Notify throughput (duplicates) ÷ bare route', 'ratio', duplicateRatios, 0.5, 'min')
  record('Session route latency ÷ (bare route + 2 × (sign + verify))', 'ratio', latencyRatios, 1.5, 'max')
}

async function memoryFigures(server: RunningServer, keys: { antomKey: ReturnType<typeof generateTestKeyPair>['privateKey'], clientId: string }) {
  // The same 1,000 payments in every round: the first round changes their states, later rounds are all
  // duplicates, so stored data stops growing and any climb left is memory the server keeps by mistake.
  const sessions = await openSessions(server, 1000)
  const bodies = sessions.flatMap(session => [
    ...Array.from({ length: 6 }, () => paymentResult(session.paymentRequestId, session.amount)),
    ...Array.from({ length: 4 }, () => paymentResult(session.paymentRequestId, session.amount, 'S', 'PAYMENT_PENDING')),
  ])
  const growth: number[] = []
  const readings: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const signed = bodies.map(body => signedNotification(body, { key: keys.antomKey, clientId: keys.clientId, path: '/api/_antom/notify' }))
    await new Promise(resolve => setTimeout(resolve, 500))
    const before = rssMb(server.pid)
    await rate(signed.length, 10, index => send(`${server.url}/api/_antom/notify`, signed[index]!))
    await new Promise(resolve => setTimeout(resolve, 500))
    const after = rssMb(server.pid)
    growth.push(after - before)
    readings.push(after)
    log(`memory round ${round + 1}: RSS ${before.toFixed(1)} MB before 10,000 notifications, ${after.toFixed(1)} MB after`)
  }
  record('Server RSS growth over 10,000 notifications', 'MB', growth, 30, 'max')
  record('Server RSS climb from the first round to the last', 'MB', [readings.at(-1)! - readings[0]!], 30, 'max')
}

function format(figure: Figure): string[] {
  const digits = figure.unit === 'ratio' ? 2 : figure.unit === 'MB' ? 1 : 0
  const value = (number: number) => number.toFixed(digits)
  const { median, min, max } = figure.measured
  const range = min === max ? '' : `${value(min)}–${value(max)}`
  if (figure.kind === 'info') return [figure.name, `${value(median)} ${figure.unit}`, range, '—', '', '']
  const ok = figure.kind === 'max' ? median <= figure.limit : median >= figure.limit
  const share = figure.limit === 0 ? (median === 0 ? '0' : '∞') : (median / figure.limit).toFixed(2)
  return [figure.name, `${value(median)} ${figure.unit}`, range, `${figure.kind === 'max' ? '≤' : '≥'} ${figure.limit} ${figure.unit}`, share, ok ? 'ok' : 'MISSED']
}

async function main() {
  const started = Date.now()
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`
  log(`machine: ${machine}`)
  const merchant = generateTestKeyPair()
  const antomKeys = generateTestKeyPair()
  const clientId = 'SANDBOX_BENCH'
  const env = {
    NUXT_ANTOM_CLIENT_ID: clientId,
    NUXT_ANTOM_MERCHANT_PRIVATE_KEY: merchant.privateBase64,
    NUXT_ANTOM_ALIPAY_PUBLIC_KEY: antomKeys.publicBase64,
    NUXT_ANTOM_NOTIFY_URL: '/api/_antom/notify',
    NUXT_ANTOM_GATEWAY_URL: '/api/_antom/simulator',
    NUXT_ANTOM_SIMULATOR_MERCHANT_PUBLIC_KEY: merchant.publicBase64,
    NUXT_ANTOM_SIMULATOR_ANTOM_PRIVATE_KEY: antomKeys.privateBase64,
    NUXT_ANTOM_SIMULATOR_FAULTS: JSON.stringify([{ type: 'lost-notification' }]),
  }
  log('building the bench apps…')
  const antomEntry = await buildFixture(join(here, 'apps/antom'))
  const baselineEntry = await buildFixture(join(here, 'apps/baseline'))
  const composableEntry = await buildFixture(join(here, 'apps/composable'))
  // One shop per product, each with <AntomPay> for that product on its checkout page.
  const productEntries = {
    'element': await buildFixture(join(here, 'apps/element')),
    'checkout-page': await buildFixture(join(here, 'apps/checkout-page')),
    'hosted': await buildFixture(join(here, 'apps/hosted')),
  }
  if (!CLIENT_ONLY) {
    // What a shop's server bundle carries for the module, built as a shop would ship it: without the simulator.
    const withoutSimulatorEntry = await buildFixture(join(here, 'apps/antom'), { antom: { simulator: false, storage: { driver: 'memory' } } })
    // Code only: source maps are not deployed code (and double the figure).
    const serverBytes = (entry: string) => filesUnder(dirname(entry)).filter(file => !file.endsWith('.map')).reduce((sum, file) => sum + statSync(file).size, 0)
    record('Server bundle added by nuxt-antom (no simulator)', 'KB', [(serverBytes(withoutSimulatorEntry) - serverBytes(baselineEntry)) / 1024], 512, 'max')
  }
  const publicOf = (entry: string) => join(dirname(dirname(entry)), 'public')
  const antom = await startServer(antomEntry, env)
  const baseline = await startServer(baselineEntry)
  const composable = await startServer(composableEntry, env)
  const productServers: RunningServer[] = []
  try {
    await clientFigures(publicOf(antomEntry), publicOf(baselineEntry), antom, baseline, { publicDir: publicOf(composableEntry), server: composable })
    const productApp = async (entry: string): Promise<BenchApp> => {
      const server = await startServer(entry, env)
      productServers.push(server)
      return { publicDir: publicOf(entry), server }
    }
    for (const [name, entry] of Object.entries(productEntries)) {
      record(`Home page JS, extra over the app without the module, <AntomPay product="${name === 'hosted' ? 'checkout-page" hosted' : `${name}"`}> app`, 'B gz', [initialJsBytes(publicOf(entry), await text((await productApp(entry)).server, '/')) - initialJsBytes(publicOf(baselineEntry), await text(baseline, '/'))], 0, 'max')
    }
    const [element, checkoutPage, hosted] = productServers.map((server, index) => ({ server, publicDir: publicOf(Object.values(productEntries)[index]!) }))
    await productFigures({ publicDir: publicOf(baselineEntry), server: baseline }, { 'cashier': { publicDir: publicOf(antomEntry), server: antom }, 'element': element!, 'checkout-page': checkoutPage!, 'hosted': hosted! })
    await Promise.all([baseline.kill(), composable.kill(), ...productServers.map(server => server.kill())])
    if (!CLIENT_ONLY) {
      const signVerifyMs = await cryptoFigures()
      const keys = { antomKey: antomKeys.privateKey, clientId }
      await serverFigures(antom, keys, signVerifyMs)
      await memoryFigures(antom, keys)
    }
  }
  catch (error) {
    log(`the bench app's server said:\n${antom.log().slice(-3000)}`)
    throw error
  }
  finally {
    await Promise.all([antom.kill(), baseline.kill(), composable.kill(), ...productServers.map(server => server.kill())])
  }

  const rows = [['figure', 'median', 'min–max', 'limit', 'median ÷ limit', ''], ...figures.map(format)]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map(row => row[column]!.length)))
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`
  const table = [line(rows[0]!), `|${widths.map(width => '-'.repeat(width + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n')
  const date = new Date().toISOString().slice(0, 10)
  process.stdout.write(`\nnuxt-antom benchmark, ${date}; ${machine}; ${ROUNDS} rounds where repeated; ${Math.round((Date.now() - started) / 1000)} s\n\n${table}\n`)
  const resultsDir = join(here, 'results')
  mkdirSync(resultsDir, { recursive: true })
  const resultsFile = CLIENT_ONLY ? 'client-latest.json' : 'latest.json'
  writeFileSync(join(resultsDir, resultsFile), `${JSON.stringify({ date, machine, figures }, null, 2)}\n`)
  process.stdout.write(`\nwritten to bench/results/${resultsFile}\n`)
}

await main()
