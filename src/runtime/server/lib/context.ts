import type { H3Event } from 'h3'
import type { AntomClient, AntomClientOptions } from './client'
import type { AntomSettings } from './settings'

/**
 * What the payment flows are given: the request, the checked settings, and the Antom client for them. The public
 * server utils build it; the flows never read runtime config or choose a gateway themselves.
 */
export interface AntomContext {
  /** The request being handled. */
  event: H3Event
  /** The configuration, checked and with parsed keys. */
  settings: AntomSettings
  /** An Antom client for these settings; `overrides` for one use (e.g. no retries). */
  client: (overrides?: Partial<AntomClientOptions>) => AntomClient
}
