import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'

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

/** One axe-core rule a page breaks, with the elements that break it. */
export interface AxeViolation {
  id: string
  impact?: string | null
  help: string
  nodes: string[]
}

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** The WCAG 2.1 A and AA rules of axe-core. */
export const WCAG21AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** Runs axe-core's WCAG 2.1 A and AA rules on the page as it is now (injecting axe once per document). */
export async function auditPage(page: Page): Promise<AxeViolation[]> {
  if (!await page.evaluate(() => 'axe' in window)) await page.addScriptTag({ path: AXE_SOURCE })
  return page.evaluate(async (values) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string, impact?: string | null, help: string, nodes: Array<{ target: unknown[] }> }> }> } }).axe
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values } })
    return violations.map(violation => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map(node => node.target.join(' ')) }))
  }, WCAG21AA)
}

/** Presses Tab until the element matching `selector` has the focus (at most `limit` times). */
export async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  for (let press = 0; press < limit; press++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(target => document.activeElement?.matches(target) ?? false, selector)) return
  }
  throw new Error(`Tab did not reach ${selector} within ${limit} presses`)
}
