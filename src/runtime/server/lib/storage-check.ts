import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { useStorage } from 'nitropack/runtime'

/**
 * Problems with a file-system mount of the module's storage: its directory must exist (or be creatable) and be
 * writable by this process, or every payment would fail on its first write. Checked synchronously at start so a
 * production server refuses to start instead. Other drivers report their own errors on first use.
 * @param mount `antom` or `antom-simulator`
 */
export function storageProblems(mount: string): string[] {
  const { driver } = useStorage().getMount(`${mount}:`)
  if (driver?.name !== 'fs' && driver?.name !== 'fs-lite') return []
  const base = (driver.options as { base?: string } | undefined)?.base
  if (!base) return []
  const path = resolve(base)
  try {
    mkdirSync(path, { recursive: true })
    // A file written and removed, not access(W_OK): Deno's node:fs asks for --allow-sys (the uid) to answer that, and
    // Nitro's deno-server start command grants only --allow-read and --allow-write.
    const probe = join(path, `.write-check-${crypto.randomUUID()}`)
    writeFileSync(probe, '')
    rmSync(probe)
    return []
  }
  catch (error) {
    return [`The ${mount} storage directory ${path} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Run the server from a writable working directory, or set antom.storage to another driver (e.g. Redis).`]
  }
}
