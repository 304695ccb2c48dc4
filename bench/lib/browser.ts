import type { Browser, Page } from 'playwright-core'
import { isExternal } from '../../test/helpers/browser'

/** A JS file a page fetched from its own server (script, preload or prefetch), and whether it was fetched after `mark()`. */
export interface LoadedScript {
  path: string
  late: boolean
}

/**
 * Opens `path` in a fresh context (no cache), lets `settle` drive the page, and lists the same-origin JS files it
 * fetched; requests for other hosts are stopped (the bench never leaves the machine). `mark()` splits the list into
 * files fetched before and after a moment (the hosted Checkout Page: after the buyer's click).
 */
export async function scriptsLoaded(browser: Browser, base: string, path: string, settle: (page: Page, mark: () => void) => Promise<void>): Promise<LoadedScript[]> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const scripts: LoadedScript[] = []
  let late = false
  await page.route(request => isExternal(request), route => route.abort('internetdisconnected'))
  page.on('request', (request) => {
    const url = new URL(request.url())
    // Scripts, module preloads and prefetches alike: every JS file the browser downloads counts.
    if (url.pathname.endsWith('.js') && !isExternal(url)) scripts.push({ path: url.pathname, late })
  })
  await page.goto(`${base}${path}`, { waitUntil: 'load' })
  await settle(page, () => {
    late = true
  })
  await context.close()
  return scripts
}

/** Waits until Nuxt has mounted the app (the page's own scripts ran). */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => !!(document.querySelector('#__nuxt') as unknown as { __vue_app__?: unknown } | null)?.__vue_app__)
}

/** Waits until `<AntomPay>` shows its payment UI or its error state. */
export async function paymentShown(page: Page): Promise<void> {
  await page.waitForFunction(() => /^(?:ready|error)$/.test(document.querySelector('.antom-pay')?.getAttribute('data-status') ?? ''), undefined, { timeout: 60_000 })
}
