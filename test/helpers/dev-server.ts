import { spawn } from 'node:child_process'
import { getRandomPort } from 'get-port-please'
import { consumerEnv } from './consumer'

/** A `nuxi dev` server of a fixture, with everything it printed. */
export interface DevServer {
  url: string
  log: () => string
  stop: () => Promise<void>
}

/**
 * Starts `nuxi dev <rootDir>` on a loopback port, in a process group of its own (nuxi forks the server), and waits
 * until `readyPath` answers 200: the first request waits for Vite and Nitro to build.
 * @param rootDir the fixture
 * @param env the server's env, over a shell's (nothing of the test runner's)
 * @param readyPath a path that answers 200 once the app is up
 */
export async function startDevServer(rootDir: string, env: Record<string, string>, readyPath = '/'): Promise<DevServer> {
  const port = await getRandomPort('127.0.0.1')
  const child = spawn('npx', ['--no', 'nuxi', 'dev', rootDir, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: rootDir,
    env: consumerEnv({ ...env, NUXT_TELEMETRY_DISABLED: '1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout!.on('data', (chunk) => {
    output += chunk
  })
  child.stderr!.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode !== null) return
    try {
      process.kill(-child.pid!, 'SIGTERM')
    }
    catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      }
      catch {
        // already gone
      }
    }, 10_000)
    await exited
    clearTimeout(timer)
  }
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 240_000
  for (;;) {
    const status = await fetch(`${url}${readyPath}`).then(response => response.status, () => 0)
    if (status === 200) break
    if (child.exitCode !== null) throw new Error(`nuxi dev exited with ${child.exitCode}:\n${output.slice(-4000)}`)
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`nuxi dev did not answer ${readyPath} within 240 s:\n${output.slice(-4000)}`)
    }
    await new Promise(resolve => setTimeout(resolve, 500))
  }
  return { url, log: () => output, stop }
}
