import type { H3Event } from 'h3'
import { getRequestURL } from 'h3'
import { AntomError } from './errors'

/**
 * The origin that relative notify and redirect URLs resolve against: `NUXT_PUBLIC_SITE_URL`. Only in `nuxt dev`
 * does the dev server's own origin stand in for it; a built server never takes an origin from the request's
 * `Host` or `X-Forwarded-*` headers, which any caller can set.
 */
export function publicOrigin(settings: { siteUrl: string }, event: H3Event): string | undefined {
  if (settings.siteUrl) return settings.siteUrl
  return import.meta.dev ? getRequestURL(event).origin : undefined
}

/** True for an absolute http(s) URL. */
export function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value)
    return protocol === 'https:' || protocol === 'http:'
  }
  catch {
    return false
  }
}

/**
 * Makes a configured URL absolute: an absolute one is kept, a path is resolved against `origin`.
 * @param value the configured URL
 * @param origin the site URL, see {@link publicOrigin}
 * @param envName the env var the URL came from, named in the error
 * @throws AntomError of kind `config` for a relative URL without an origin
 */
export function resolvePublicUrl(value: string, origin: string | undefined, envName: string): string {
  if (isAbsoluteHttpUrl(value)) return value
  if (!origin) {
    throw new AntomError({
      kind: 'config',
      message: `[nuxt-antom] ${envName} is a path (${value}) and no site URL is configured: set NUXT_PUBLIC_SITE_URL (runtimeConfig.public.siteUrl) to the shop's public origin, or make ${envName} absolute.`,
    })
  }
  return new URL(value, `${origin}/`).toString()
}
