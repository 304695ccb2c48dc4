import { useRuntimeConfig, useStorage } from 'nitropack/runtime'
import { generateRsaPrivateKey, parsePrivateKey, parsePublicKey, publicKeyOf, type AntomPrivateKey, type AntomPublicKey } from '../lib/keys'
import { withLock } from '../lib/store'

/** The client id the module uses when it talks to its own simulator without configured keys. */
export const SIMULATOR_CLIENT_ID = 'SANDBOX_NUXT_ANTOM_SIMULATOR'

/** A merchant the simulator knows: it verifies that merchant's requests and signs answers for it. */
export interface SimulatorMerchant {
  /** `generated`: the simulator's own pair set, used by the module when no keys are configured. `configured`: keys from runtime config. */
  name: 'generated' | 'configured'
  merchantPublicKey: AntomPublicKey
  antomPrivateKey: AntomPrivateKey
  /** Only for `generated`: what the module signs and verifies with when the simulator is active. */
  merchantPrivateKey?: AntomPrivateKey
  antomPublicKey?: AntomPublicKey
}

interface StoredKeys {
  merchantPrivateKey: string
  antomPrivateKey: string
}

let generated: Promise<SimulatorMerchant> | undefined

/** The simulator's key store: its keys live in storage, so they survive restarts and are shared by instances. */
export function useSimulatorStorage() {
  return useStorage('antom-simulator')
}

/**
 * The simulator's own merchant and Antom key pairs, generated on first use and kept in storage
 * so restarts (and other instances on the same storage) keep using them.
 */
export function generatedMerchant(): Promise<SimulatorMerchant> {
  generated ??= loadOrCreateKeys().then((keys) => {
    const merchantPrivateKey = parsePrivateKey(keys.merchantPrivateKey, { envName: 'simulator key store' })
    const antomPrivateKey = parsePrivateKey(keys.antomPrivateKey, { envName: 'simulator key store' })
    return {
      name: 'generated' as const,
      merchantPrivateKey,
      antomPrivateKey,
      merchantPublicKey: publicKeyOf(merchantPrivateKey),
      antomPublicKey: publicKeyOf(antomPrivateKey),
    }
  }).catch((error) => {
    generated = undefined
    throw error
  })
  return generated
}

async function loadOrCreateKeys(): Promise<StoredKeys> {
  const storage = useSimulatorStorage()
  // Runs once per process (generatedMerchant caches it). Instances that start together on empty shared storage
  // must agree on one key set: only the lock holder generates, and the others find its keys once they get the lock.
  return withLock('simulator:keys', async () => {
    const existing = await storage.getItem<StoredKeys>('keys')
    if (existing?.merchantPrivateKey && existing.antomPrivateKey) return existing
    // Web Crypto's generateKey: off the main thread on Node (the sync call would stall every request for about 0.2 s).
    const [merchantPrivateKey, antomPrivateKey] = await Promise.all([generateRsaPrivateKey(), generateRsaPrivateKey()])
    const fresh: StoredKeys = { merchantPrivateKey, antomPrivateKey }
    await storage.setItem('keys', fresh)
    return fresh
  })
}

/**
 * Every merchant the simulator serves: its generated one, and the one from runtime config
 * (`NUXT_ANTOM_SIMULATOR_MERCHANT_PUBLIC_KEY` + `NUXT_ANTOM_SIMULATOR_ANTOM_PRIVATE_KEY`) when set,
 * which lets apps and tests with keys of their own point `NUXT_ANTOM_GATEWAY_URL` at the simulator.
 */
export async function simulatorMerchants(): Promise<SimulatorMerchant[]> {
  const merchants = [await generatedMerchant()]
  const config = useRuntimeConfig().antom.simulator
  if (config.merchantPublicKey && config.antomPrivateKey) {
    merchants.push({
      name: 'configured',
      merchantPublicKey: parsePublicKey(config.merchantPublicKey, { envName: 'NUXT_ANTOM_SIMULATOR_MERCHANT_PUBLIC_KEY' }),
      antomPrivateKey: parsePrivateKey(config.antomPrivateKey, { envName: 'NUXT_ANTOM_SIMULATOR_ANTOM_PRIVATE_KEY' }),
    })
  }
  return merchants
}
