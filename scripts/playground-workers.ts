// PORT=8787 npm run playground:workers: the playground built with Nitro's cloudflare-module preset and served by
// `wrangler dev` (workerd, local mode: no Cloudflare account, KV simulated on disk) on http://127.0.0.1:$PORT.
// Payments run on the simulator unless NUXT_ANTOM_* keys are set; every NUXT_* variable of this shell is passed on.
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { buildForRuntime, root, serveOnRuntime } from './runtimes'

const log = (line: string) => process.stderr.write(`[playground:workers] ${line}\n`)
const port = Number(process.env.PORT) || 8787
const env: Record<string, string> = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('NUXT_') && entry[1] !== undefined))
env.NUXT_PUBLIC_SITE_URL ||= `http://127.0.0.1:${port}`
// A production build runs the simulator only with a token; the buyer's cashier needs none (it pays with its session data).
const generatedToken = env.NUXT_ANTOM_SIMULATOR_TOKEN ? undefined : randomBytes(24).toString('base64url')
if (generatedToken) env.NUXT_ANTOM_SIMULATOR_TOKEN = generatedToken

const { output, seconds } = await buildForRuntime(join(root, 'playground'), 'workerd', { log })
log(`built in ${seconds.toFixed(1)} s: ${output}`)
const server = await serveOnRuntime('workerd', output, { port, env, echo: true })
log(`serving ${server.url} on workerd (wrangler dev, local mode)${generatedToken ? `; simulator token for its control routes: ${generatedToken}` : ''}. Ctrl-C stops it.`)

let stopping = false
const stop = async (code: number) => {
  stopping = true
  await server.stop()
  rmSync(dirname(output), { recursive: true, force: true })
  process.exit(code)
}
process.once('SIGINT', () => stop(0))
process.once('SIGTERM', () => stop(0))
server.exited.then((code) => {
  if (stopping) return
  log(`wrangler dev exited (${code})`)
  return stop(code ?? 1)
})
