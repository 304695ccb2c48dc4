import { spawn } from 'node:child_process'
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, type RunningServer } from './server'

/** The repository's root, which `npm pack` packs. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** The consumer shop: a fresh app written from the README, installing nuxt-antom from the packed tarball. */
export const consumerShopDir = fileURLToPath(new URL('../consumer/shop', import.meta.url))

/** Where the shop's package.json expects the tarball (`"nuxt-antom": "file:../nuxt-antom.tgz"`), relative to the shop. */
export const TARBALL_NAME = 'nuxt-antom.tgz'

/** What one command printed and how it ended. */
export interface CommandResult {
  code: number | null
  output: string
  ms: number
}

/**
 * Environment for the commands and servers a consumer runs: this Node first on PATH, and nothing of the test
 * runner's (`NODE_ENV=test`, `VITEST*`, the `npm_*` of an `npm test` around us, `NUXT_*`), which a user's shell would not have.
 */
export function consumerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(?:NODE_ENV|VITEST.*|TEST|npm_.*|NUXT_.*|NITRO_.*|INIT_CWD|PORT|HOST)$/i.test(key)) continue
    env[key] = value
  }
  env.PATH = [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter)
  env.CI = '1'
  return { ...env, ...extra }
}

/** Runs a command to its end without blocking the event loop (so hook timeouts still apply) and keeps its output. */
export function run(command: string, args: string[], options: { cwd: string, env?: NodeJS.ProcessEnv }): Promise<CommandResult> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? consumerEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.once('error', reject)
    child.once('close', code => resolve({ code, output, ms: Date.now() - started }))
  })
}

/** Like {@link run}, but throws with the command's output when it fails. */
export async function runOrThrow(command: string, args: string[], options: { cwd: string, env?: NodeJS.ProcessEnv }): Promise<CommandResult> {
  const result = await run(command, args, options)
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} (in ${options.cwd}) exited with ${result.code}:\n${result.output.slice(-6000)}`)
  return result
}

/**
 * Packs the repository as npm would publish it (`prepack` builds `dist/`), then puts the development stub
 * back into `dist/` (`npm run dev:prepare` leaves one there), even when packing failed.
 * @returns the tarball's path and how long packing and restoring took
 */
export async function packModule(destination: string): Promise<{ tarball: string, packMs: number, stubMs: number }> {
  const packed = await run('npm', ['pack', '--pack-destination', destination], { cwd: repoRoot })
  const stub = await runOrThrow('npx', ['--no', 'nuxt-module-build', 'build', '--stub'], { cwd: repoRoot })
  if (packed.code !== 0) throw new Error(`npm pack exited with ${packed.code}:\n${packed.output.slice(-6000)}`)
  const tarballs = readdirSync(destination).filter(name => name.endsWith('.tgz'))
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${destination}`)
  return { tarball: join(destination, tarballs[0]!), packMs: packed.ms, stubMs: stub.ms }
}

/**
 * Copies the consumer shop's sources (not what a local install or build left in it) to `<dir>/shop`, and the
 * tarball to `<dir>/nuxt-antom.tgz`, where the shop's package.json and lockfile expect it.
 */
export function copyConsumerShop(dir: string, tarball: string): string {
  const shop = join(dir, 'shop')
  cpSync(consumerShopDir, shop, {
    recursive: true,
    filter: source => !/[/\\](?:node_modules|\.nuxt|\.output|\.data)$/.test(source),
  })
  copyFileSync(tarball, join(dir, TARBALL_NAME))
  return shop
}

/** The lockfile's entry for the tarball, and the tarball's own package.json, to tell a stale lockfile early. */
export function lockedModule(shop: string): { locked: { version?: string, integrity?: string, dependencies?: Record<string, string> }, packed: { version: string, dependencies?: Record<string, string> } } {
  const lock = JSON.parse(readFileSync(join(shop, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string, integrity?: string, dependencies?: Record<string, string> }> }
  const packed = JSON.parse(readFileSync(join(shop, 'node_modules/nuxt-antom/package.json'), 'utf8')) as { version: string, dependencies?: Record<string, string> }
  return { locked: lock.packages['node_modules/nuxt-antom'] ?? {}, packed }
}

/**
 * Regenerates `test/consumer/shop/package-lock.json` (`npm run consumer:lock`): packs the module, resolves the
 * shop's dependencies against it in a temp copy (starting from the committed lockfile, so only what changed moves),
 * and writes the lockfile back without the tarball's `integrity`. Why without: the tarball's bytes change with
 * every change to the module, and npm checks a recorded integrity even for a local `file:` tarball. Worse, when
 * its cache holds a tarball with the recorded integrity, `npm ci` installs those cached bytes instead of the file
 * (a stale module, silently). With no integrity recorded, `npm ci` reads the file as it is, while every registry
 * package stays pinned by version and integrity.
 */
export async function lockConsumerShop(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'antom-consumer-lock-'))
  try {
    const { tarball } = await packModule(dir)
    const shop = copyConsumerShop(dir, tarball)
    // The module's entry is dropped first: npm would otherwise keep its recorded dependencies (a `file:` tarball
    // without integrity is not read again), and a dependency the module gained would never reach the lockfile.
    const committed = JSON.parse(readFileSync(join(shop, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> }
    delete committed.packages['node_modules/nuxt-antom']
    writeFileSync(join(shop, 'package-lock.json'), JSON.stringify(committed, null, 2))
    // --ignore-scripts: the shop's postinstall (`nuxt prepare`) needs node_modules, which a lock-only install has not.
    await runOrThrow('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: shop })
    const lock = JSON.parse(readFileSync(join(shop, 'package-lock.json'), 'utf8')) as { packages: Record<string, { integrity?: string }> }
    delete lock.packages['node_modules/nuxt-antom']!.integrity
    const target = join(consumerShopDir, 'package-lock.json')
    writeFileSync(target, `${JSON.stringify(lock, null, 2)}\n`)
    return target
  }
  finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Starts a built server with its working directory set (as a deployment would run it), with a user's environment
 * rather than the test runner's, and waits until it answers.
 */
export function startServerIn(cwd: string, env: Record<string, string>, port?: number): Promise<RunningServer> {
  return startServer(join(cwd, '.output/server/index.mjs'), env, port, { cwd, baseEnv: consumerEnv({ NODE_ENV: 'production' }) })
}
