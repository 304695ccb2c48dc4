import type { AntomRuntimeConfig } from '../../types/config'
import type { AntomSettings } from './settings'

/**
 * Supplies the settings for a request instead of runtime config's keys, or undefined to leave them to runtime
 * config. The simulator registers one from its Nitro plugin: with no keys configured, it answers its own
 * generated keys and an in-process transport. Nothing else in the server knows the simulator exists.
 */
export type AntomSettingsAdapter = (config: AntomRuntimeConfig, context: { siteUrl: string, prefix: string }) => Promise<AntomSettings | undefined>

let adapter: AntomSettingsAdapter | undefined

/** Registers the settings adapter (at most one: the last registration wins). */
export function registerAntomSettingsAdapter(next: AntomSettingsAdapter): void {
  adapter = next
}

/** The registered settings adapter, if any. */
export function settingsAdapter(): AntomSettingsAdapter | undefined {
  return adapter
}
