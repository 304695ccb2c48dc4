import { addServerHandler } from '@nuxt/kit'
import type { Nuxt } from '@nuxt/schema'
import { DEVTOOLS_ROUTE } from '../runtime/server/devtools/paths'

/** The tab's routes under {@link DEVTOOLS_ROUTE}: path, method, file under `runtime/server/devtools/routes`. */
const ROUTES: Array<[string, 'get' | 'post', string]> = [
  ['', 'get', 'page.get'],
  ['/api/payments', 'get', 'payments.get'],
  ['/api/notifications', 'get', 'notifications.get'],
  ['/api/config', 'get', 'config.get'],
  ['/api/replay', 'post', 'replay.post'],
  ['/api/replay/deliver', 'post', 'replay-deliver.post'],
]

/**
 * The Nuxt DevTools tab, in `nuxt dev` only: a self-contained page at `/__nuxt-antom` with its JSON endpoints, served
 * by Nitro routes registered here, and the tab that shows it (`addCustomTab`). A production build registers none of
 * it, so neither the routes nor their code exist there.
 * @param nuxt the Nuxt instance
 * @param resolve resolves a path inside the module's `runtime/server`
 */
export async function setupDevtools(nuxt: Nuxt, resolve: (path: string) => string): Promise<void> {
  if (!nuxt.options.dev) return
  for (const [route, method, file] of ROUTES) {
    addServerHandler({ route: `${DEVTOOLS_ROUTE}${route}`, method, handler: resolve(`devtools/routes/${file}`) })
  }
  const { addCustomTab } = await import('@nuxt/devtools-kit')
  addCustomTab({
    name: 'nuxt-antom',
    title: 'Antom',
    icon: 'carbon:wallet',
    view: { type: 'iframe', src: `${nuxt.options.app.baseURL.replace(/\/+$/, '')}${DEVTOOLS_ROUTE}` },
  }, nuxt)
}
