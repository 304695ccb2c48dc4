import type { H3Event } from 'h3'
import { useRuntimeConfig } from 'nitropack/runtime'
import { sessionRouteBuilt } from '#nuxt-antom/build'
import { settingsAdapter } from '../lib/adapters'
import { bytesToHex } from '../lib/bytes'
import { checkoutOptions } from '../lib/checkout'
import { checkAntomConfig, type AntomMode } from '../lib/config-check'
import { sha256 } from '../lib/digest'
import { publicKeyOf, type AntomPublicKey } from '../lib/keys'
import { publicOrigin, resolvePublicUrl } from '../lib/origin'
import { toAntomSettings, type AntomSettings } from '../lib/settings'
import { storageProblems } from '../lib/storage-check'

/** One start-up check as the tab lists it: what it covers, whether it holds, and what to do when it does not. */
export interface DevtoolsCheck {
  name: string
  /** The env vars that fix it. */
  env: string[]
  ok: boolean
  /** What is wrong and how to fix it (the start-up check's words); empty when it holds. */
  problems: string[]
}

/** The configuration as the tab shows it: what payments run on and what the start-up check says. Never a key. */
export interface DevtoolsConfig {
  mode: AntomMode
  region: string
  gateway: string
  /** True when the simulator answers this app's payments (simulated, or the gateway URL is the simulator's). */
  simulatorServes: boolean
  clientId: string
  notifyUrl: { configured: string, resolved: string }
  redirectUrl: { configured: string, resolved: string }
  siteUrl: string
  /** SHA-256 of each public key's DER (the merchant key's public half), first 16 hex digits: compare with the dashboard's. */
  fingerprints: { merchantPublicKey?: string, alipayPublicKey?: string, source: 'runtime config' | 'simulator' }
  checks: DevtoolsCheck[]
  /** Problems no check above covers. */
  otherProblems: string[]
  /** Why the settings cannot be used right now, when they cannot. */
  settingsError?: string
}

const CHECKS: Array<[string, string[]]> = [
  ['Client id', ['NUXT_ANTOM_CLIENT_ID']],
  ['Merchant private key', ['NUXT_ANTOM_MERCHANT_PRIVATE_KEY']],
  ['Antom public key', ['NUXT_ANTOM_ALIPAY_PUBLIC_KEY']],
  ['Gateway', ['NUXT_ANTOM_GATEWAY_URL', 'NUXT_ANTOM_REGION']],
  ['Site URL', ['NUXT_PUBLIC_SITE_URL']],
  ['Notify URL', ['NUXT_ANTOM_NOTIFY_URL']],
  ['Redirect URL', ['NUXT_ANTOM_REDIRECT_URL']],
  ['Simulator token', ['NUXT_ANTOM_SIMULATOR_TOKEN']],
]

/** The first 16 hex digits of the SHA-256 of a public key's DER. */
export function fingerprint(key: AntomPublicKey): string {
  return bytesToHex(sha256(key.der)).slice(0, 16)
}

/** The check a problem belongs to: the one whose env var it names first. */
function checkOf(problem: string): string | undefined {
  let best: { name: string, index: number } | undefined
  for (const [name, envs] of CHECKS) {
    for (const env of envs) {
      const index = problem.indexOf(env)
      if (index >= 0 && (!best || index < best.index)) best = { name, index }
    }
  }
  return best?.name
}

/** The settings the routes would use now (runtime config, or the simulator's adapter), without logging a failure. */
export async function currentSettings(): Promise<AntomSettings> {
  const config = useRuntimeConfig()
  const adapted = await settingsAdapter()?.(config.antom, { siteUrl: config.public.siteUrl, prefix: config.public.antom.prefix })
  return adapted ?? toAntomSettings(config.antom, config.public.siteUrl)
}

/** The configuration report for the tab: the start-up check, the resolved URLs and the key fingerprints. */
export async function devtoolsConfig(event: H3Event): Promise<DevtoolsConfig> {
  const config = useRuntimeConfig()
  const { prefix } = config.public.antom
  const report = checkAntomConfig(config.antom, { siteUrl: config.public.siteUrl, prefix, dev: true })
  let settings: AntomSettings | undefined
  let settingsError: string | undefined
  try {
    settings = await currentSettings()
  }
  catch (error) {
    settingsError = (error as Error).message.replace(/^\[nuxt-antom\] /, '')
  }
  const origin = publicOrigin({ siteUrl: config.public.siteUrl }, event)
  const resolve = (value: string, env: string) => {
    if (!value) return ''
    try {
      return resolvePublicUrl(value, origin, env)
    }
    catch {
      return ''
    }
  }
  const checks: DevtoolsCheck[] = CHECKS.map(([name, env]) => ({ name, env, ok: true, problems: [] }))
  const otherProblems: string[] = []
  for (const problem of report.problems) {
    const check = checks.find(candidate => candidate.name === checkOf(problem))
    if (check) check.problems.push(problem)
    else otherProblems.push(problem)
  }
  checks.push({ name: 'Storage', env: [], ok: true, problems: [...storageProblems('antom'), ...storageProblems('antom-simulator')] })
  checks.push({
    name: 'Order resolver',
    env: [],
    ok: true,
    problems: sessionRouteBuilt && !checkoutOptions()?.resolveOrder
      ? ['No order resolver is registered, so POST /session answers 500: call defineAntomCheckout({ resolveOrder }) in a Nitro plugin (server/plugins/antom.ts), or turn the route off with antom.routes.session: false.']
      : [],
  })
  for (const check of checks) check.ok = check.problems.length === 0
  return {
    mode: report.mode,
    region: report.region,
    gateway: report.gateway,
    simulatorServes: report.mode === 'simulated' || report.gateway.replace(/\/+$/, '').endsWith(`${prefix}/simulator`),
    clientId: settings?.clientId ?? String(config.antom.clientId ?? ''),
    notifyUrl: { configured: report.notifyUrl, resolved: resolve(report.notifyUrl, 'NUXT_ANTOM_NOTIFY_URL') },
    redirectUrl: { configured: report.redirectUrl, resolved: resolve(report.redirectUrl, 'NUXT_ANTOM_REDIRECT_URL') },
    siteUrl: config.public.siteUrl,
    fingerprints: {
      ...(settings ? { merchantPublicKey: fingerprint(publicKeyOf(settings.merchantPrivateKey)), alipayPublicKey: fingerprint(settings.alipayPublicKey) } : {}),
      source: settings?.simulated ? 'simulator' : 'runtime config',
    },
    checks,
    otherProblems,
    ...(settingsError ? { settingsError } : {}),
  }
}
