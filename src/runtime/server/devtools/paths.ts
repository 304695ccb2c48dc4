// The DevTools tab's routes, registered by the module in `nuxt dev` only (src/module/devtools.ts).

/** The tab's page; its JSON endpoints live under `<route>/api/`. */
export const DEVTOOLS_ROUTE = '/__nuxt-antom'

/** The dev-only internal route a replay is delivered to, signed with a key only this process holds. */
export const REPLAY_DELIVER_ROUTE = `${DEVTOOLS_ROUTE}/api/replay/deliver`
