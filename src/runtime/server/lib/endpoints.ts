/** Antom's regional gateways. `US` is for merchants registered in the United States. */
export const ANTOM_REGION_DOMAINS = {
  SG: 'https://open-sea-global.alipay.com',
  NA: 'https://open-na-global.alipay.com',
  US: 'https://open.antglobal-us.com',
  EU: 'https://open-de-global.alipay.com',
} as const

/** A region with a known Antom gateway. */
export type AntomRegion = keyof typeof ANTOM_REGION_DOMAINS

/** The online-payment APIs a checkout uses, by their path segment. */
export const ANTOM_API = {
  createPaymentSession: 'v1/payments/createPaymentSession',
  inquiryPayment: 'v1/payments/inquiryPayment',
  cancel: 'v1/payments/cancel',
  refund: 'v1/payments/refund',
  inquiryRefund: 'v1/payments/inquiryRefund',
  capture: 'v1/payments/capture',
  acceptDispute: 'v1/payments/acceptDispute',
  supplyDefenseDocument: 'v1/payments/supplyDefenseDocument',
  downloadDisputeEvidence: 'v1/payments/downloadDisputeEvidence',
} as const

/** One of the APIs in {@link ANTOM_API}. */
export type AntomApiName = keyof typeof ANTOM_API

/** True when Antom treats the client id as a sandbox one (the rule of every official SDK). */
export function isSandboxClientId(clientId: string): boolean {
  return clientId.startsWith('SANDBOX_')
}

/**
 * The path to call and sign for an API: `/ams/sandbox/api/...` for `SANDBOX_` client ids,
 * `/ams/api/...` otherwise.
 */
export function apiPath(clientId: string, api: AntomApiName): string {
  return `/ams/${isSandboxClientId(clientId) ? 'sandbox/api' : 'api'}/${ANTOM_API[api]}`
}

/**
 * Picks the gateway origin: an explicit URL wins (the simulator, a proxy), otherwise the region's domain.
 * A trailing slash is dropped; a path on an explicit URL is kept (the simulator lives under a prefix).
 */
export function resolveGatewayUrl(options: { gatewayUrl?: string, region?: string }): string {
  if (options.gatewayUrl) return options.gatewayUrl.replace(/\/+$/, '')
  const region = (options.region || 'SG').toUpperCase()
  if (!(region in ANTOM_REGION_DOMAINS)) {
    throw new Error(`[nuxt-antom] Unknown Antom region "${options.region}". Use one of ${Object.keys(ANTOM_REGION_DOMAINS).join(', ')}, or set gatewayUrl.`)
  }
  return ANTOM_REGION_DOMAINS[region as AntomRegion]
}
