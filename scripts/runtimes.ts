// Builds a Nuxt app for another Nitro runtime and serves it there: Cloudflare Workers (workerd, through `wrangler dev`
// in local mode), Bun and Deno, each from its npm package's binary (nothing is downloaded from anywhere else).
// Used by test/runtimes.test.ts, `npm run playground:workers` and bench/runtimes.ts.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildNuxt, loadNuxt } from '@nuxt/kit'
import { getRandomPort } from 'get-port-please'

export const root = fileURLToPath(new URL('..', import.meta.url))

/** The runtimes besides Node that nuxt-antom is tested on, and the Nitro preset that builds for each. */
export const RUNTIMES = {
  workerd: 'cloudflare-module',
  bun: 'bun',
  deno: 'deno-server',
} as const

export type Runtime = keyof typeof RUNTIMES

/** The KV binding a Workers build keeps nuxt-antom's records (and the simulator's ledger) in. */
export const KV_BINDING = 'ANTOM'

/** A runtime's binary, as its npm package installs it (`bun` and `deno` ship theirs; wrangler runs on Node). */
export function binary(name: 'bun' | 'deno' | 'wrangler'): string {
  if (name === 'wrangler') return join(root, 'node_modules/wrangler/bin/wrangler.js')
  return join(root, 'node_modules/.bin', name)
}

/**
 * The nuxt.config overrides that build an app for a runtime. Workers get Nitro's generated wrangler config
 * (`output/server/wrangler.json`: entry, assets, compatibility date and flags) with a KV namespace bound as
 * {@link KV_BINDING} and the reconciliation schedule as a Cron Trigger, and nuxt-antom's storage on unstorage's
 * `cloudflare-kv-binding` driver. Bun and Deno keep the module's default, the file system.
 */
export function runtimeOverrides(runtime: Runtime): Record<string, unknown> {
  if (runtime !== 'workerd') return { nitro: { preset: RUNTIMES[runtime] } }
  return {
    nitro: {
      preset: RUNTIMES.workerd,
      cloudflare: {
        deployConfig: true,
        nodeCompat: true,
        wrangler: {
          name: 'nuxt-antom',
          // `wrangler dev` simulates the namespace locally; for `wrangler deploy`, put the id `wrangler kv namespace create ANTOM` prints.
          kv_namespaces: [{ binding: KV_BINDING, id: 'nuxt-antom-local' }],
          // The module's antom:reconcile task (every 5 minutes by default) runs on Workers through a Cron Trigger.
          triggers: { crons: ['*/5 * * * *'] },
        },
      },
    },
    antom: { storage: { driver: 'cloudflare-kv-binding', binding: KV_BINDING } },
  }
}

/** Every file under `dir` a build reads (no dependencies, build output or data). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (['node_modules', '.nuxt', '.output', '.data', '.wrangler', 'dist'].includes(name)) return []
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : [path]
  })
}

/**
 * Builds `rootDir` for a runtime and returns the build's output directory (`server/`, `public/`; on Workers
 * `server/wrangler.json`). With `cacheDirs`, the output is kept under `node_modules/.cache` and reused while the
 * module's source, those directories, the overrides and the lockfile are unchanged.
 * @param rootDir the app
 * @param runtime where it will run
 * @param options what else: a cache, more overrides, progress lines
 * @param options.cacheDirs the directories the app's build reads (itself and its layers), to cache by their content
 * @param options.overrides more nuxt.config overrides
 * @param options.log progress lines
 */
export async function buildForRuntime(rootDir: string, runtime: Runtime, options: { cacheDirs?: string[], overrides?: Record<string, unknown>, log?: (line: string) => void } = {}): Promise<{ output: string, cached: boolean, seconds: number }> {
  const started = performance.now()
  const overrides = { ...runtimeOverrides(runtime), ...options.overrides }
  let cacheDir: string | undefined
  if (options.cacheDirs) {
    const hash = createHash('sha256').update(JSON.stringify({ runtime, overrides }))
    for (const file of [...sourceFiles(join(root, 'src')), ...options.cacheDirs.flatMap(sourceFiles), join(root, 'package-lock.json')].sort()) {
      hash.update(relative(root, file)).update(readFileSync(file))
    }
    cacheDir = join(root, 'node_modules/.cache/nuxt-antom-runtimes', `${runtime}-${hash.digest('hex').slice(0, 16)}`)
    if (existsSync(join(cacheDir, 'output/server/index.mjs'))) return { output: join(cacheDir, 'output'), cached: true, seconds: 0 }
  }
  const buildDir = mkdtempSync(join(tmpdir(), `antom-${runtime}-`))
  const output = join(buildDir, 'output')
  options.log?.(`building ${relative(root, rootDir) || '.'} with Nitro's ${RUNTIMES[runtime]} preset…`)
  const nitro = (overrides.nitro ?? {}) as Record<string, unknown>
  try {
    const nuxt = await loadNuxt({ cwd: rootDir, dev: false, overrides: { ...overrides, buildDir: join(buildDir, 'nuxt'), nitro: { ...nitro, output: { dir: output } } } })
    await buildNuxt(nuxt)
    await nuxt.close()
  }
  catch (error) {
    rmSync(buildDir, { recursive: true, force: true })
    throw error
  }
  // Nitro points `wrangler deploy` at the generated config from the app's directory; that pointer is build output
  // (and the app's own .wrangler directory, with any local state in it, stays).
  const pointer = join(rootDir, '.wrangler/deploy')
  rmSync(join(pointer, 'config.json'), { force: true })
  for (const dir of [pointer, join(rootDir, '.wrangler')]) {
    if (existsSync(dir) && readdirSync(dir).length === 0) rmSync(dir, { recursive: true })
  }
  const seconds = (performance.now() - started) / 1000
  if (!cacheDir) return { output, cached: false, seconds }
  // Copied into place whole, then renamed: a run that stops halfway never leaves an entry that looks complete.
  const partial = `${cacheDir}.partial`
  rmSync(partial, { recursive: true, force: true })
  mkdirSync(partial, { recursive: true })
  cpSync(output, join(partial, 'output'), { recursive: true })
  rmSync(buildDir, { recursive: true, force: true })
  rmSync(cacheDir, { recursive: true, force: true })
  renameSync(partial, cacheDir)
  // One entry per runtime: older builds of the same runtime are stale.
  const cacheRoot = dirname(cacheDir)
  for (const entry of readdirSync(cacheRoot)) {
    if (entry.startsWith(`${runtime}-`) && join(cacheRoot, entry) !== cacheDir) rmSync(join(cacheRoot, entry), { recursive: true, force: true })
  }
  return { output: join(cacheDir, 'output'), cached: false, seconds }
}

/** A server running on another runtime, with everything it printed. */
export interface RuntimeServer {
  runtime: Runtime
  url: string
  port: number
  /** Its working directory (temporary, removed by `stop`): Bun's and Deno's `.data/` storage is there. */
  cwd: string
  log: () => string
  /** Settles with its exit code when it exits (by itself, or by `stop`). */
  exited: Promise<number | null>
  /** Stops it (its whole process group: wrangler runs workerd as a child). */
  stop: () => Promise<void>
}

/**
 * Serves a build on its runtime on 127.0.0.1:`port` and waits until it answers.
 * - workerd: `wrangler dev` in local mode with the generated wrangler.json, the env as vars (from an env file in a
 *   temporary directory) and KV kept in a temporary directory;
 * - Bun: `bun run server/index.mjs` (Nitro's preview command), auto-install off;
 * - Deno: Nitro's own start command from the generated deno.json, with its permissions (no --allow-sys, no -A).
 * Bun and Deno run in a temporary working directory, where the file-system storage (`.data/`) goes.
 * @param runtime where
 * @param output the build's output directory ({@link buildForRuntime})
 * @param options its environment, port and output
 * @param options.env the app's environment (`NUXT_*`)
 * @param options.port a fixed port; a free one by default
 * @param options.echo also write what it prints to this process's stderr
 * @param options.configPath workerd: another wrangler config than the build's `server/wrangler.json`
 */
export async function serveOnRuntime(runtime: Runtime, output: string, options: { env?: Record<string, string>, port?: number, echo?: boolean, configPath?: string } = {}): Promise<RuntimeServer> {
  const port = options.port ?? await getRandomPort('127.0.0.1')
  const work = mkdtempSync(join(tmpdir(), `antom-run-${runtime}-`))
  const env: Record<string, string> = { ...options.env }
  const base = { ...process.env, NO_COLOR: '1' }
  let command: string
  let args: string[]
  let childEnv: NodeJS.ProcessEnv
  if (runtime === 'workerd') {
    const envFile = join(work, 'worker.env')
    writeFileSync(envFile, Object.entries(env).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join('\n'))
    command = process.execPath
    args = [binary('wrangler'), 'dev', '--config', options.configPath ?? join(output, 'server/wrangler.json'), '--ip', '127.0.0.1', '--port', String(port),
      '--inspector-port', String(await getRandomPort('127.0.0.1')), '--persist-to', join(work, 'state'), '--env-file', envFile,
      '--show-interactive-dev-session=false', '--log-level', 'info']
    // No account, no metrics, wrangler's own files in the temporary directory.
    childEnv = { ...base, WRANGLER_SEND_METRICS: 'false', XDG_CONFIG_HOME: join(work, 'config'), CI: '1' }
  }
  else if (runtime === 'bun') {
    command = binary('bun')
    args = ['--no-install', 'run', join(output, 'server/index.mjs')]
    childEnv = { ...base, ...env, PORT: String(port), HOST: '127.0.0.1', NITRO_PORT: String(port), NITRO_HOST: '127.0.0.1' }
  }
  else {
    // deno.json: { "tasks": { "start": "deno run --allow-net … ./server/index.mjs" } }
    const start = (JSON.parse(readFileSync(join(output, 'deno.json'), 'utf8')) as { tasks: { start: string } }).tasks.start.split(/\s+/)
    command = binary('deno')
    args = start.slice(1).map(arg => arg === './server/index.mjs' ? join(output, 'server/index.mjs') : arg)
    childEnv = { ...base, ...env, PORT: String(port), HOST: '127.0.0.1', NITRO_PORT: String(port), NITRO_HOST: '127.0.0.1', DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(work, 'deno') }
  }
  const child = spawn(command, args, { cwd: work, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let log = ''
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk) => {
      log += chunk
      if (options.echo) process.stderr.write(chunk)
    })
  }
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM')
      }
      catch {
        // already gone
      }
      const killed = await Promise.race([exited.then(() => true), new Promise<boolean>(resolve => setTimeout(() => resolve(false), 5000))])
      if (!killed) {
        try {
          process.kill(-child.pid!, 'SIGKILL')
        }
        catch {
          // already gone
        }
        await exited
      }
    }
    rmSync(work, { recursive: true, force: true })
  }
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    const up = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) }).then(() => true, () => false)
    if (up) break
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`${runtime} did not serve ${url}: ${child.exitCode === null ? 'no answer within 60 s' : `exited with ${child.exitCode}`}\n${log}`)
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  return { runtime, url, port, cwd: work, log: () => log, exited, stop }
}

/** The wrangler config a Workers build generated, for reading its bindings. */
export function wranglerConfig(output: string): { kv_namespaces?: Array<{ binding: string, id: string }>, compatibility_date?: string, compatibility_flags?: string[], triggers?: { crons?: string[] } } {
  return JSON.parse(readFileSync(join(output, 'server/wrangler.json'), 'utf8'))
}
