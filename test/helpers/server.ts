import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildNuxt, loadNuxt } from '@nuxt/kit'
import { productionSite } from './site'

/**
 * Builds a fixture once into a fresh directory and returns the built server's entry, so a test can run
 * several instances of it, kill one and restart it.
 */
export async function buildFixture(rootDir: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const buildDir = mkdtempSync(join(tmpdir(), 'antom-build-'))
  const nuxt = await loadNuxt({
    cwd: rootDir,
    dev: false,
    overrides: { buildDir, nitro: { output: { dir: join(buildDir, 'output') } }, ...overrides },
  })
  await buildNuxt(nuxt)
  await nuxt.close()
  return join(buildDir, 'output', 'server', 'index.mjs')
}

/** One running instance of a built server, with everything it printed. */
export interface RunningServer {
  url: string
  port: number
  /** The server's process id (the benchmark reads its memory). */
  pid: number
  /** stdout and stderr so far. */
  log: () => string
  kill: (signal?: NodeJS.Signals) => Promise<void>
}

/**
 * Starts a built server on a loopback port and waits until it answers. It gets its site URL and the simulator
 * token (see `productionSite`) unless `env` says otherwise.
 * @param entry the built server's `index.mjs`
 * @param env environment for the server process
 * @param port a fixed port, to restart a server where its notify URL points; a free one by default
 * @param process where and with what environment it runs
 * @param process.cwd the server's working directory (where its default `.data` storage goes)
 * @param process.baseEnv the environment under `env` (default: this process's)
 */
export async function startServer(entry: string, env: Record<string, string> = {}, port?: number, process: { cwd?: string, baseEnv?: NodeJS.ProcessEnv } = {}): Promise<RunningServer> {
  const site = await productionSite(port)
  port = site.port
  const child: ChildProcess = spawn(globalThis.process.execPath, [entry], {
    cwd: process.cwd,
    env: { ...(process.baseEnv ?? globalThis.process.env), ...site.env, ...env, PORT: String(port), HOST: '127.0.0.1', NITRO_PORT: String(port), NITRO_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => {
    output += chunk
  })
  child.stderr!.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  for (let attempt = 0; attempt < 200; attempt++) {
    const up = await fetch(url, { method: 'HEAD' }).then(() => true, () => false)
    if (up) break
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`)
    if (attempt === 199) {
      child.kill()
      throw new Error(`server did not answer on ${url}: ${output}`)
    }
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return {
    url,
    port,
    pid: child.pid!,
    log: () => output,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal)
      await exited
    },
  }
}
