import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getRandomPort } from 'get-port-please'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserOptions, isExternal } from './helpers/browser'
import { copyConsumerShop, lockedModule, packModule, run, runOrThrow, startServerIn, type CommandResult } from './helpers/consumer'
import { report } from './helpers/report'
import type { RunningServer } from './helpers/server'

interface Session {
  paymentRequestId: string
  amount: { currency: string, value: string }
  simulated: boolean
}
interface Handled {
  handler: string
  paymentRequestId: string
  status: string
}

/** All files under a directory, relative to it. */
function filesUnder(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter(entry => entry.isFile()).map(entry => join(entry.parentPath, entry.name).slice(dir.length + 1)) : []
}

/**
 * "Ship-ready" item 2: the package as npm would publish it works in a fresh shop. The shop (test/consumer/shop) is
 * written from the README and installs nuxt-antom from the packed tarball with its committed lockfile; its build is
 * then run from another directory, with the build directory gone, as a deployment runs it.
 */
describe('the packed package in a fresh shop', () => {
  const times: Record<string, number> = {}
  const token = randomBytes(24).toString('base64url').slice(0, 32)
  /** The build directory: the tarball and the shop next to it, deleted before the server starts. */
  let buildDir = ''
  /** Where the built server runs: only `.output` is copied there. */
  let runDir = ''
  let server: RunningServer | undefined
  let typecheck: CommandResult
  let lock: ReturnType<typeof lockedModule>
  /** Packed files whose installed copy differs from the tarball's. */
  let installedMismatches: string[] = []
  let builtFiles: string[] = []
  let builtWithBuildPath: string[] = []
  const paid: string[] = []
  let kitExports = ''

  beforeAll(async () => {
    buildDir = mkdtempSync(join(tmpdir(), 'antom-consumer-build-'))
    const packed = await packModule(buildDir)
    times.pack = packed.packMs
    times.stub = packed.stubMs
    const shopDir = copyConsumerShop(buildDir, packed.tarball)

    // `npm ci` with the committed lockfile: every registry package pinned by version and integrity. The lockfile
    // records no integrity for the tarball, whose bytes change with the module (npm would refuse the new bytes, or
    // take an older tarball with the recorded integrity from its cache); `npm run consumer:lock` regenerates it.
    const installed = await runOrThrow('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: shopDir })
    times.install = installed.ms
    lock = lockedModule(shopDir)
    // The module npm installed must be the bytes just packed (a cached older tarball must never stand in).
    const unpacked = join(buildDir, 'unpacked')
    mkdirSync(unpacked)
    await runOrThrow('tar', ['-xzf', packed.tarball, '-C', unpacked], { cwd: buildDir })
    installedMismatches = filesUnder(join(unpacked, 'package')).filter((file) => {
      const copy = join(shopDir, 'node_modules/nuxt-antom', file)
      return !existsSync(copy) || !readFileSync(copy).equals(readFileSync(join(unpacked, 'package', file)))
    })

    // The testing kit as a shop imports it: `nuxt-antom/testing`, resolved through the package's exports.
    kitExports = (await runOrThrow('node', ['--input-type=module', '-e', 'const kit = await import("nuxt-antom/testing"); console.log(Object.keys(kit).sort().join(" "))'], { cwd: shopDir })).output.trim()

    const built = await runOrThrow('npx', ['--no', 'nuxi', 'build'], { cwd: shopDir })
    times.build = built.ms
    typecheck = await run('npx', ['--no', 'nuxi', 'typecheck'], { cwd: shopDir })
    times.typecheck = typecheck.ms

    runDir = mkdtempSync(join(tmpdir(), 'antom-consumer-run-'))
    cpSync(join(shopDir, '.output'), join(runDir, '.output'), { recursive: true })
    rmSync(buildDir, { recursive: true, force: true })
    builtFiles = filesUnder(join(runDir, '.output'))
    builtWithBuildPath = builtFiles.filter(file => readFileSync(join(runDir, '.output', file)).includes(buildDir))

    const port = await getRandomPort('127.0.0.1')
    server = await startServerIn(runDir, {
      NUXT_PUBLIC_SITE_URL: `http://127.0.0.1:${port}`,
      NUXT_ANTOM_SIMULATOR_TOKEN: token,
    }, port)
  }, 480_000)

  afterAll(async () => {
    await server?.kill()
    const seconds = (name: string) => times[name] === undefined ? '-' : `${(times[name]! / 1000).toFixed(1)} s`
    report(`[consumer] npm pack ${seconds('pack')} (dev stub restored in ${seconds('stub')}), npm ci ${seconds('install')}, nuxi build ${seconds('build')}, `
      + `nuxi typecheck ${seconds('typecheck')}, HTTP flow ${seconds('http')}, browser flow ${seconds('browser')}`)
    for (const dir of [runDir, buildDir]) {
      if (dir) rmSync(dir, { recursive: true, force: true })
    }
  })

  /** A JSON call to the running shop; `auth` adds the simulator's bearer token. */
  async function call<T>(path: string, init: { body?: unknown, auth?: boolean } = {}): Promise<{ status: number, body: T }> {
    const response = await fetch(`${server!.url}${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      headers: { 'content-type': 'application/json', ...(init.auth ? { authorization: `Bearer ${token}` } : {}) },
    })
    const text = await response.text()
    try {
      return { status: response.status, body: JSON.parse(text) as T }
    }
    catch {
      return { status: response.status, body: text as T }
    }
  }

  /** Waits until the simulator's notification for a payment was acknowledged, then returns the handlers that ran for it. */
  async function handledAfterNotification(paymentRequestId: string): Promise<Handled[]> {
    await expect.poll(async () => (await call<Array<{ state: string }>>(`/api/_antom/simulator/deliveries?paymentRequestId=${paymentRequestId}`, { auth: true })).body, { timeout: 15_000 })
      .toEqual([expect.objectContaining({ state: 'acknowledged' })])
    return (await call<Handled[]>(`/api/shop/handled?paymentRequestId=${paymentRequestId}`)).body
  }

  it('installs the module from the tarball with the committed lockfile', () => {
    // A stale lockfile (the module's dependencies or version changed): run `npm run consumer:lock`.
    expect(lock.locked.version).toBe(lock.packed.version)
    expect(lock.locked.dependencies ?? {}).toEqual(lock.packed.dependencies ?? {})
    // No integrity for the tarball (see lockConsumerShop): npm reads the file as packed, not a cached copy.
    expect(lock.locked.integrity).toBeUndefined()
    expect(installedMismatches).toEqual([])
  })

  it('exports the testing kit as nuxt-antom/testing', () => {
    expect(kitExports.split(' ')).toEqual(['advanceSimulatedDispute', 'armSimulatorFaults', 'captureResultNotification', 'completeSimulatedPayment', 'createAntomTestKeys', 'disputeNotification', 'paymentPendingNotification', 'paymentResultNotification', 'refundResultNotification', 'signAntomNotification', 'waitForAntomPayment'])
  })

  it('type-checks (nuxi typecheck)', () => {
    expect(typecheck.code, typecheck.output).toBe(0)
  })

  it('pays over HTTP: session, simulated payment, SUCCESS from the server, onPaymentSucceeded once', async () => {
    const started = Date.now()
    const { status, body: session } = await call<Session>('/api/_antom/session', { body: { items: [{ sku: 'mug', quantity: 2 }] } })
    expect(status, JSON.stringify(session)).toBe(200)
    expect(session).toMatchObject({ amount: { currency: 'USD', value: '2400' }, simulated: true })
    paid.push(session.paymentRequestId)

    // The simulator's control routes need the bearer token in a production build.
    expect((await call(`/api/_antom/simulator/payments/${session.paymentRequestId}/complete`, { body: { result: 'SUCCESS' } })).status).toBe(401)
    const completed = await call<{ paymentStatus: string }>(`/api/_antom/simulator/payments/${session.paymentRequestId}/complete`, { body: { result: 'SUCCESS' }, auth: true })
    expect(completed.status, JSON.stringify(completed.body)).toBe(200)

    await expect.poll(async () => (await call<{ status: string }>(`/api/_antom/payments/${session.paymentRequestId}`)).body.status, { timeout: 15_000 }).toBe('SUCCESS')
    const handled = await handledAfterNotification(session.paymentRequestId)
    expect(handled.filter(entry => entry.handler === 'onPaymentSucceeded')).toHaveLength(1)
    expect(handled.map(entry => entry.handler)).toEqual(['onPaymentSucceeded'])
    times.http = Date.now() - started
  })

  it('pays in Chromium: checkout page, simulated cashier, result page shows SUCCESS from the server', async () => {
    const started = Date.now()
    const browser = await chromium.launch(browserOptions.launch)
    try {
      const page = await browser.newPage()
      const external: string[] = []
      await page.route(url => isExternal(url), route => route.abort())
      page.on('request', (request) => {
        if (isExternal(new URL(request.url()))) external.push(request.url())
      })
      const pageErrors: string[] = []
      page.on('pageerror', error => pageErrors.push(error.message))

      await page.goto(`${server!.url}/`)
      // Hydrated (as @nuxt/test-utils waits for it): the buttons work.
      await page.waitForFunction(() => (window as { useNuxtApp?: () => { isHydrating: boolean } }).useNuxtApp?.().isHydrating === false)
      await page.getByTestId('add-mug').click()
      await page.getByTestId('add-tee').click()
      const sessionResponse = page.waitForResponse(response => response.url().endsWith('/api/_antom/session'))
      await page.getByTestId('go-checkout').click()
      const session = await (await sessionResponse).json() as Session
      expect(session).toMatchObject({ amount: { currency: 'USD', value: '3750' }, simulated: true })
      paid.push(session.paymentRequestId)

      await page.locator('.antom-simulator-cashier').waitFor()
      const completion = page.waitForResponse(response => response.url().includes(`/simulator/payments/${session.paymentRequestId}/complete`))
      await page.getByTestId('antom-sim-pay').click()
      const completed = await completion
      expect(completed.status(), `the cashier's complete call: ${await completed.text()}`).toBe(200)
      await page.waitForURL(new RegExp(`/result\\?paymentRequestId=${session.paymentRequestId}`))
      await expect.poll(() => page.getByTestId('result-status').textContent(), { timeout: 15_000 }).toBe('SUCCESS')
      expect(await page.getByTestId('result-outcome').textContent()).toMatch(/payment was received/)

      expect((await call<{ status: string }>(`/api/_antom/payments/${session.paymentRequestId}`)).body.status).toBe('SUCCESS')
      const handled = await handledAfterNotification(session.paymentRequestId)
      expect(handled.map(entry => entry.handler)).toEqual(['onPaymentSucceeded'])
      expect(external).toEqual([])
      expect(pageErrors).toEqual([])
    }
    finally {
      await browser.close()
    }
    times.browser = Date.now() - started
  })

  it('keeps its records in the server\'s working directory and never touches or names the build directory', () => {
    expect(paid.length).toBeGreaterThan(0)
    // The build directory was deleted before the server started; a storage path compiled in from it would recreate it.
    expect(existsSync(buildDir), `the build directory was recreated: ${filesUnder(buildDir).join(', ')}`).toBe(false)
    const records = filesUnder(join(runDir, '.data/antom'))
    for (const id of paid) expect(records.some(file => file.includes(id)), `${id} in ${records.join(', ')}`).toBe(true)
    expect(filesUnder(join(runDir, '.data/antom-simulator')).length).toBeGreaterThan(0)
    expect(server!.log()).not.toContain(buildDir)
    // Nor does the build: a path from the build machine means something resolved at build time that belongs to the server.
    expect(builtFiles.length).toBeGreaterThan(0)
    expect(builtWithBuildPath, `built files naming ${buildDir}`).toEqual([])
  })
})
