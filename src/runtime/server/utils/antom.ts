import type { H3Event } from 'h3'
import { createError } from 'h3'
import { useRuntimeConfig } from '#imports'
import { createAntomClient, type AntomClient, type AntomClientOptions } from '../lib/client'
import { AntomError, httpStatusFor } from '../lib/errors'
import { toAntomSettings, type AntomSettings } from '../lib/settings'

/**
 * Reads and checks the Antom configuration for this request (runtime config, so `NUXT_ANTOM_*`
 * env vars apply without a rebuild).
 * @throws H3Error 500 naming the env vars to set when something is missing or a key does not parse.
 * @example const { clientId, notifyUrl } = useAntomConfig(event)
 */
export function useAntomConfig(event?: H3Event): AntomSettings {
  try {
    return toAntomSettings(useRuntimeConfig(event).antom)
  }
  catch (error) {
    throw toAntomHttpError(error)
  }
}

/**
 * An Antom API client configured from runtime config: signs requests, verifies answers, retries
 * only what is safe to retry.
 * @param event the request, so runtime config is read per request
 * @param overrides options that win over runtime config (e.g. a shorter `timeout` for one route)
 * @example const session = await useAntomClient(event).inquiryPayment({ paymentRequestId })
 */
export function useAntomClient(event?: H3Event, overrides: Partial<AntomClientOptions> = {}): AntomClient {
  const settings = useAntomConfig(event)
  return createAntomClient({
    clientId: settings.clientId,
    merchantPrivateKey: settings.merchantPrivateKey,
    alipayPublicKey: settings.alipayPublicKey,
    gatewayUrl: settings.gatewayUrl,
    keyVersion: settings.keyVersion,
    timeout: settings.timeout,
    ...overrides,
  })
}

/**
 * Turns an AntomError into an HTTP error with a safe body: status from the error kind
 * (config 500, F 422, U/network/signature 502, timeout 504) and Antom's result fields as `data`.
 */
export function toAntomHttpError(error: unknown) {
  if (error instanceof AntomError) {
    return createError({ statusCode: httpStatusFor(error), message: error.message, data: error.toJSON(), cause: error })
  }
  return error
}
