import type { AntomRuntimeConfig } from '../../types/config'
import { isSandboxClientId, resolveGatewayUrl } from './endpoints'
import { parsePrivateKey, parsePublicKey } from './keys'
import { isAbsoluteHttpUrl } from './origin'
import { MIN_SIMULATOR_TOKEN_LENGTH, noAntomKeys, simulatedUrls, simulatorActive } from './simulator-mode'

/** How the server will take payments. */
export type AntomMode = 'simulated' | 'sandbox' | 'prod'

/** The configuration as the start-up check sees it: what it will do, and what is wrong. Never a secret. */
export interface AntomConfigReport {
  mode: AntomMode
  region: string
  /** The gateway origin API calls go to (the simulator's path when simulated). */
  gateway: string
  /** The notify URL sent to Antom, as configured (may be a path, resolved against the site URL), or '' for the dashboard's. */
  notifyUrl: string
  /** The redirect URL template, as configured. */
  redirectUrl: string
  /** Each problem says what is wrong and which env var fixes it. */
  problems: string[]
}

/** What the check reads besides the private config. */
export interface ConfigCheckContext {
  /** `runtimeConfig.public.siteUrl` (`NUXT_PUBLIC_SITE_URL`). */
  siteUrl: string
  /** The module's route prefix. */
  prefix: string
  /** True in `nuxt dev`, where the dev server's origin may stand in for the site URL. */
  dev: boolean
}

const CREDENTIALS: Array<[keyof AntomRuntimeConfig, string]> = [
  ['clientId', 'NUXT_ANTOM_CLIENT_ID'],
  ['merchantPrivateKey', 'NUXT_ANTOM_MERCHANT_PRIVATE_KEY'],
  ['alipayPublicKey', 'NUXT_ANTOM_ALIPAY_PUBLIC_KEY'],
]

/** Problems with a configured URL that may be absolute or a path resolved against the site URL. */
function urlProblems(value: string, envName: string, context: ConfigCheckContext): string[] {
  if (!value) return []
  if (isAbsoluteHttpUrl(value)) return []
  if (!value.startsWith('/')) return [`${envName} must be an absolute http(s) URL or a path starting with /, got "${value}".`]
  if (!context.siteUrl && !context.dev) {
    return [`${envName} is a path (${value}) and NUXT_PUBLIC_SITE_URL is not set: set NUXT_PUBLIC_SITE_URL to the shop's public origin (https://shop.example), or make ${envName} absolute. The request's Host header is never used.`]
  }
  return []
}

/**
 * Checks the module's runtime configuration once, the way the routes will use it: credentials present and
 * parseable, URLs valid and resolvable without the request, the simulator's token long enough. Errors name the
 * env var to set and never echo a value that could be secret.
 */
export function checkAntomConfig(config: AntomRuntimeConfig, context: ConfigCheckContext): AntomConfigReport {
  const problems: string[] = []
  const simulated = simulatorActive(config)
  const region = String(config.region || 'SG').toUpperCase()
  let gateway = `${context.prefix}/simulator`

  if (context.siteUrl && !isAbsoluteHttpUrl(context.siteUrl)) {
    problems.push(`NUXT_PUBLIC_SITE_URL must be an absolute http(s) origin such as https://shop.example, got "${context.siteUrl}".`)
  }
  const token = String(config.simulator?.token ?? '')
  if (token && token.length < MIN_SIMULATOR_TOKEN_LENGTH) {
    problems.push(`NUXT_ANTOM_SIMULATOR_TOKEN must be at least ${MIN_SIMULATOR_TOKEN_LENGTH} characters.`)
  }
  if (!simulated) {
    const missing = CREDENTIALS.filter(([key]) => !String(config[key] ?? '').trim()).map(([, env]) => env)
    if (missing.length) {
      const hint = noAntomKeys(config) ? ' (or, in a build with antom.simulator: true, NUXT_ANTOM_SIMULATOR_TOKEN to simulate payments)' : ''
      problems.push(`Antom is not configured: set ${missing.join(', ')}${hint}.`)
    }
    for (const [key, envName, parse] of [['merchantPrivateKey', 'NUXT_ANTOM_MERCHANT_PRIVATE_KEY', parsePrivateKey], ['alipayPublicKey', 'NUXT_ANTOM_ALIPAY_PUBLIC_KEY', parsePublicKey]] as const) {
      if (!String(config[key] ?? '').trim()) continue
      try {
        parse(config[key], { envName })
      }
      catch (error) {
        problems.push((error as Error).message.replace(/^\[nuxt-antom\] /, ''))
      }
    }
    try {
      gateway = resolveGatewayUrl({ gatewayUrl: config.gatewayUrl, region: config.region })
      if (!gateway.startsWith('/') && !isAbsoluteHttpUrl(gateway)) problems.push(`NUXT_ANTOM_GATEWAY_URL must be an absolute http(s) URL or a path, got "${gateway}".`)
    }
    catch (error) {
      problems.push(`${(error as Error).message.replace(/^\[nuxt-antom\] /, '')} (NUXT_ANTOM_REGION / NUXT_ANTOM_GATEWAY_URL)`)
    }
  }

  const { notifyUrl, redirectUrl } = simulated ? simulatedUrls(config, context.prefix) : config
  problems.push(...urlProblems(notifyUrl, 'NUXT_ANTOM_NOTIFY_URL', context))
  problems.push(...urlProblems(redirectUrl, 'NUXT_ANTOM_REDIRECT_URL', context))
  if (!redirectUrl) problems.push('NUXT_ANTOM_REDIRECT_URL is not set: Antom needs the page the buyer returns to, e.g. /checkout/result?paymentRequestId={paymentRequestId}.')

  const mode: AntomMode = simulated ? 'simulated' : isSandboxClientId(String(config.clientId ?? '')) ? 'sandbox' : 'prod'
  return { mode, region, gateway, notifyUrl, redirectUrl, problems }
}
