import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestOptions } from '@nuxt/test-utils/e2e'
import { buildFixture } from './server'
import { siteSetup } from './site'

const root = fileURLToPath(new URL('../..', import.meta.url))
const fixtures = join(root, 'test/fixtures')

/**
 * The builds the e2e tests share, one per scenario family: a fixture and the config it is built with. Each is built
 * once and reused by every file (and by later runs, until the module, the fixture or the lockfile changes).
 */
const FAMILIES = {
  /** The shop: server-priced catalogue, handlers that record what they saw, simulator built in, memory storage. */
  'shop': { rootDir: join(fixtures, 'shop'), overrides: {} },
  /** The shop on the default file-system storage (relative to the server's working directory): restarts. */
  'shop-fs': { rootDir: join(fixtures, 'shop'), overrides: { antom: { storage: { driver: 'fs', base: './.data/antom' } } } },
  /** A bare app with the simulator and memory storage: the simulator's own protocol, configuration. */
  'basic': { rootDir: join(fixtures, 'basic'), overrides: { antom: { storage: { driver: 'memory' } } } },
  /** The playground as a demo ships (simulator built in), on memory storage: shops' own tests, written with the kit. */
  'playground': { rootDir: join(root, 'playground'), overrides: { antom: { storage: { driver: 'memory' } } } },
  /** The bare app built without the simulator, on the default storage: start-up checks. */
  'basic-no-simulator': { rootDir: join(fixtures, 'basic'), overrides: { antom: { simulator: false } } },
} satisfies Record<string, { rootDir: string, overrides: Record<string, unknown> }>

/** A family of {@link FAMILIES}. */
export type BuildFamily = keyof typeof FAMILIES

/** Every file under `dir` that a build reads (no dependencies, build output or data). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (['node_modules', '.nuxt', '.output', '.data', 'dist'].includes(name)) return []
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : [path]
  })
}

/** What a build depends on: the module's source, the fixture, the config, the lockfile. */
function fingerprint(family: BuildFamily): string {
  const { rootDir, overrides } = FAMILIES[family]
  const hash = createHash('sha256').update(JSON.stringify({ family, overrides }))
  for (const file of [...sourceFiles(join(root, 'src')), ...sourceFiles(rootDir), join(root, 'package-lock.json')].sort()) {
    hash.update(relative(root, file)).update(readFileSync(file))
  }
  return hash.digest('hex').slice(0, 16)
}

/**
 * The built server entry of a family, built on first use and cached under `node_modules/.cache`.
 * @returns the path of `output/server/index.mjs`
 */
export async function prebuilt(family: BuildFamily): Promise<string> {
  const dir = join(root, 'node_modules/.cache/nuxt-antom-builds', `${family}-${fingerprint(family)}`)
  const entry = join(dir, 'output/server/index.mjs')
  if (existsSync(entry)) return entry
  const buildDir = dirname(dirname(dirname(await buildFixture(FAMILIES[family].rootDir, FAMILIES[family].overrides))))
  // Copied into place whole, then renamed: a run that stops halfway never leaves a cache entry that looks complete.
  const partial = `${dir}.partial`
  rmSync(partial, { recursive: true, force: true })
  mkdirSync(partial, { recursive: true })
  cpSync(join(buildDir, 'output'), join(partial, 'output'), { recursive: true })
  rmSync(buildDir, { recursive: true, force: true })
  rmSync(dir, { recursive: true, force: true })
  renameSync(partial, dir)
  return entry
}

/**
 * `@nuxt/test-utils` setup options that start a family's shared build (no build of its own) on a known port with
 * the production site env (see `siteSetup`) under the test's own.
 */
export async function prebuiltSetup(family: BuildFamily, options: Partial<TestOptions> = {}): Promise<Partial<TestOptions>> {
  const output = dirname(dirname(await prebuilt(family)))
  return siteSetup({ rootDir: FAMILIES[family].rootDir, ...options, build: false, nuxtConfig: { nitro: { output: { dir: output } } } })
}
