import { createFetch } from 'ofetch'
import type { AntomSettingsAdapter } from '../lib/adapters'
import { sharedSettings } from '../lib/settings'
import { simulatedUrls, simulatorActive } from '../lib/simulator-mode'
import { handleGatewayRequest } from './gateway'
import { generatedMerchant, SIMULATOR_CLIENT_ID } from './identity'

/**
 * The simulated gateway as a transport: the module's client calls it in process, as it would call Antom over
 * HTTPS, with the same signed request and signed answer, and no HTTP hop.
 */
export const simulatorTransport = createFetch({
  fetch: async (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const headers = new Headers(init.headers)
    const answer = await handleGatewayRequest({
      // The path Antom would see (and the merchant signed), whatever prefix the gateway URL has.
      path: new URL(url, 'http://localhost').pathname.replace(/^.*?(?=\/ams\/)/, ''),
      headers: { clientId: headers.get('client-id') ?? undefined, requestTime: headers.get('request-time') ?? undefined, signature: headers.get('signature') ?? undefined },
      body: typeof init.body === 'string' ? init.body : '',
    })
    return new Response(answer.body, { status: answer.status, headers: answer.headers })
  },
})

/**
 * The settings the module uses while payments are simulated (no Antom keys configured, simulator on): the
 * simulator's generated merchant keys, its client id, and the in-process transport.
 */
export const simulatorSettings: AntomSettingsAdapter = async (config, { siteUrl, prefix }) => {
  if (!simulatorActive(config)) return undefined
  const merchant = await generatedMerchant()
  return {
    clientId: SIMULATOR_CLIENT_ID,
    merchantPrivateKey: merchant.merchantPrivateKey!,
    alipayPublicKey: merchant.antomPublicKey!,
    // Where its HTTP routes are; the module's own calls go through the transport instead.
    gatewayUrl: `${prefix}/simulator`,
    keyVersion: '1',
    ...sharedSettings(config, siteUrl),
    ...simulatedUrls(config, prefix),
    simulated: true,
    transport: simulatorTransport,
  }
}
