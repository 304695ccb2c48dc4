import { join } from 'node:path'
import type { Nuxt } from '@nuxt/schema'
import type { ModuleOptions } from './options'

type StorageOptions = NonNullable<ModuleOptions['storage']>

/**
 * Mounts the module's storage in Nitro: `antom` for payment records and `antom-simulator` for the simulator's
 * ledger, both surviving restarts by default. The default directory is Nitro's own rule for `.data/kv`: the
 * project in dev, the server's working directory in a build, so the build machine's path never reaches the output.
 */
export function mountStorage(nuxt: Nuxt, options: ModuleOptions): void {
  const storage: StorageOptions = options.storage ?? { driver: 'fs', base: nuxt.options.dev ? join(nuxt.options.rootDir, '.data/antom') : './.data/antom' }
  nuxt.hook('nitro:config', (config) => {
    const nitro = config as { storage?: Record<string, unknown> }
    nitro.storage ||= {}
    nitro.storage.antom ||= storage
    nitro.storage['antom-simulator'] ||= simulatorStorage(storage)
  })
}

/** The simulator's mount: the same driver as the payment records, under a base of its own so keys never collide. */
function simulatorStorage(storage: StorageOptions): StorageOptions {
  const base = typeof storage.base === 'string' ? storage.base : ''
  if (storage.driver === 'fs' || storage.driver === 'fs-lite') {
    return { ...storage, base: base ? `${base.replace(/\/+$/, '')}-simulator` : '.data/antom-simulator' }
  }
  return { ...storage, base: base ? `${base}:simulator` : 'antom-simulator' }
}
