// npm run bench:runtimes: nuxt-antom's protocol core (RSA-SHA256 sign and verify on Web Crypto) in operations per
// second on Node, workerd (wrangler dev, local mode), Bun and Deno, in one run. Each runtime runs the same bundle of
// bench/runtimes/loop.ts and times itself; the median of the rounds is printed with min–max. Not part of npm test.
// ROUNDS=5 ROUND_MS=1000 by default.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { binary, root, serveOnRuntime } from '../scripts/runtimes'
import { generateTestKeyPair } from '../test/helpers/keys'
import type { LoopResult } from './runtimes/loop'

const ROUNDS = Number(process.env.ROUNDS) || 5
const ROUND_MS = Number(process.env.ROUND_MS) || 1000
const log = (line: string) => process.stderr.write(`${line}\n`)

const work = mkdtempSync(join(tmpdir(), 'antom-bench-runtimes-'))
const keys = generateTestKeyPair()
await build({
  entryPoints: [join(root, 'bench/runtimes/loop.ts')],
  outfile: join(work, 'loop.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  define: { __BENCH_KEYS__: JSON.stringify({ privateKey: keys.privateBase64, publicKey: keys.publicBase64 }) },
  logLevel: 'warning',
})
const options = JSON.stringify({ rounds: ROUNDS, ms: ROUND_MS })
writeFileSync(join(work, 'main.mjs'), `import { runLoop } from './loop.mjs'\nconsole.log(JSON.stringify(await runLoop(${options})))\n`)
// The worker runs the loop when asked; local workerd advances its clock during CPU work (production isolates do not).
mkdirSync(join(work, 'worker'))
writeFileSync(join(work, 'worker/index.mjs'), `import { runLoop } from '../loop.mjs'\nexport default { async fetch(request) {\n  if (request.method === 'HEAD') return new Response(null)\n  return Response.json(await runLoop(${options}))\n} }\n`)
writeFileSync(join(work, 'worker/wrangler.json'), JSON.stringify({ name: 'nuxt-antom-bench', main: 'index.mjs', compatibility_date: '2026-11-01' }))

/** Runs the bundle in a process and reads the JSON line it prints. */
function runProcess(command: string, args: string[]): Promise<LoopResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: work, env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(work, 'deno') }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.stderr.on('data', (chunk) => {
      err += chunk
    })
    child.once('error', reject)
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? ''
      try {
        resolve(JSON.parse(line) as LoopResult)
      }
      catch {
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${err || out}`))
      }
    })
  })
}

async function runWorkerd(): Promise<LoopResult> {
  const server = await serveOnRuntime('workerd', join(work, 'worker'), { configPath: join(work, 'worker/wrangler.json') })
  try {
    const response = await fetch(server.url)
    if (!response.ok) throw new Error(`workerd answered ${response.status}: ${await response.text()}\n${server.log()}`)
    return await response.json() as LoopResult
  }
  finally {
    await server.stop()
  }
}

const RUNS: Array<[string, () => Promise<LoopResult>]> = [
  ['Node', () => runProcess(process.execPath, ['main.mjs'])],
  ['workerd', runWorkerd],
  ['Bun', () => runProcess(binary('bun'), ['--no-install', 'main.mjs'])],
  ['Deno', () => runProcess(binary('deno'), ['run', '--no-prompt', 'main.mjs'])],
]

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
const figure = (values: number[]) => `${Math.round(median(values))} (${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))})`

const results: Array<{ runtime: string, result?: LoopResult, error?: string }> = []
try {
  for (const [runtime, run] of RUNS) {
    log(`${runtime}: ${ROUNDS} rounds of ${ROUND_MS} ms each for sign and verify…`)
    try {
      results.push({ runtime, result: await run() })
    }
    catch (error) {
      results.push({ runtime, error: (error as Error).message })
      log(`${runtime} failed: ${(error as Error).message}`)
    }
  }
}
finally {
  rmSync(work, { recursive: true, force: true })
}

const node = results.find(entry => entry.runtime === 'Node')?.result
const rows = results.map(({ runtime, result, error }) => {
  if (!result) return `| ${runtime} | failed: ${error?.split('\n')[0]} | | | | |`
  const ratio = (kind: 'sign' | 'verify') => node ? (median(result[kind]) / median(node[kind])).toFixed(2) : ''
  return `| ${runtime} | ${result.userAgent} | ${figure(result.sign)} | ${ratio('sign')} | ${figure(result.verify)} | ${ratio('verify')} |`
})
console.log([
  `nuxt-antom protocol core, RSA-2048 SHA-256 (PKCS#1 v1.5) on Web Crypto: operations per second, median of ${ROUNDS} rounds of ${ROUND_MS} ms (min–max); ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| runtime | user agent | sign/s | ÷ Node | verify/s | ÷ Node |',
  '|---|---|---|---|---|---|',
  ...rows,
].join('\n'))
mkdirSync(join(root, 'bench/results'), { recursive: true })
writeFileSync(join(root, 'bench/results/runtimes-latest.json'), `${JSON.stringify({ at: new Date().toISOString(), rounds: ROUNDS, roundMs: ROUND_MS, results }, null, 2)}\n`)
if (results.some(entry => entry.error)) process.exitCode = 1
