import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Debian's Chromium, launched with the flags this project's machines need (no downloads, no outside traffic). */
export const browserOptions = {
  type: 'chromium' as const,
  launch: {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
}

/** The playground, which the browser tests run as built. */
export const playgroundDir = fileURLToPath(new URL('../../playground', import.meta.url))

/** Where the browser tests save screenshots (the README shows copies from docs/screenshots). */
export function screenshotPath(name: string): string {
  const dir = fileURLToPath(new URL('../screenshots', import.meta.url))
  mkdirSync(dir, { recursive: true })
  return `${dir}/${name}.png`
}

/** True for any address that is not this machine: the browser tests never let a request leave it. */
export function isExternal(url: URL): boolean {
  return !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
}
