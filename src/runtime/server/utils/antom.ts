import type { H3Event } from 'h3'
import type { $Fetch } from 'ofetch'
import { useRuntimeConfig } from 'nitropack/runtime'
import { createAntomClient, type AntomClient, type AntomClientOptions } from '../lib/client'
import { AntomError, httpStatusFor } from '../lib/errors'
import { buyerSafeError, httpError } from '../lib/http'
import { toAntomSettings, type AntomSettings } from '../lib/settings'
import { settingsAdapter } from '../lib/adapters'
import type { AntomContext } from '../lib/context'

/**
 * Reads and checks the Antom configuration for this request (runtime config, so `NUXT_ANTOM_*`
 * env vars apply without a rebuild). With no keys configured and the simulator on, the simulator's
 * adapter supplies settings that point at it and its generated keys (`simulated: true`).
 * @param event the request, so runtime config is read per request
 * @throws H3Error 500 (buyer-safe; the cause is logged) when something is missing or a key does not parse.
 * @example const { clientId, notifyUrl } = await useAntomConfig(event)
 */
export async function useAntomConfig(event?: H3Event): Promise<AntomSettings> {
  const config = useRuntimeConfig(event)
  try {
    const adapted = await settingsAdapter()?.(config.antom, { siteUrl: config.public.siteUrl, prefix: config.public.antom.prefix })
    return adapted ?? toAntomSettings(config.antom, config.public.siteUrl)
  }
  catch (error) {
    throw toAntomHttpError(error)
  }
}

/** A client for checked settings: their transport, else Nitro's `$fetch` for a relative gateway (an in-app route). */
function clientFor(settings: AntomSettings, overrides: Partial<AntomClientOptions> = {}): AntomClient {
  const transport = settings.transport ?? (settings.gatewayUrl.startsWith('/') ? globalThis.$fetch as unknown as $Fetch : undefined)
  return createAntomClient({
    clientId: settings.clientId,
    merchantPrivateKey: settings.merchantPrivateKey,
    alipayPublicKey: settings.alipayPublicKey,
    gatewayUrl: settings.gatewayUrl,
    keyVersion: settings.keyVersion,
    timeout: settings.timeout,
    ...(transport ? { fetch: transport } : {}),
    ...overrides,
  })
}

/**
 * What the payment flows work with for this request: the checked settings (read once) and a client for them.
 * @param event the request
 * @throws H3Error 500 (buyer-safe; the cause is logged) for unusable configuration
 */
export async function useAntomContext(event: H3Event): Promise<AntomContext> {
  const settings = await useAntomConfig(event)
  return { event, settings, client: overrides => clientFor(settings, overrides) }
}

/**
 * An Antom API client configured from runtime config: signs requests, verifies answers, retries
 * only what is safe to retry. Talks to the in-process simulator when payments are simulated.
 * @param event the request, so runtime config is read per request
 * @param overrides options that win over runtime config (e.g. a shorter `timeout` for one route)
 * @example const payment = await (await useAntomClient(event)).inquiryPayment({ paymentRequestId })
 */
export async function useAntomClient(event?: H3Event, overrides: Partial<AntomClientOptions> = {}): Promise<AntomClient> {
  return clientFor(await useAntomConfig(event), overrides)
}

/**
 * Turns an AntomError into an HTTP error a browser may see. Status from the error kind (config 500, F 422,
 * U/network/signature 502, timeout 504). A 422 carries Antom's result fields as `data`; a 5xx is logged in full
 * on the server and answers with a generic, buyer-safe message only. Other errors are returned unchanged.
 * @param error anything a util threw
 * @example catch (error) { throw toAntomHttpError(error) }
 */
export function toAntomHttpError(error: unknown) {
  if (error instanceof AntomError) {
    return buyerSafeError(httpError(httpStatusFor(error), error.message, error.toJSON()), `Antom call ${error.endpoint ?? ''}`.trim())
  }
  return error
}
