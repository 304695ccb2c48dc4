import { defineEventHandler, setResponseHeaders } from 'h3'
import { useRuntimeConfig } from 'nitropack/runtime'
import { devtoolsPage } from '../page'
import { DEVTOOLS_ROUTE } from '../paths'

// GET /__nuxt-antom (nuxt dev only): the DevTools tab's page, self-contained HTML that reads the JSON endpoints.
export default defineEventHandler((event) => {
  const config = useRuntimeConfig()
  const base = config.app.baseURL.replace(/\/+$/, '')
  setResponseHeaders(event, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
  return devtoolsPage({ api: `${base}${DEVTOOLS_ROUTE}/api`, simulator: `${base}${config.public.antom.prefix}/simulator` })
})
