import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

/** The JS files a page's HTML makes the browser fetch at once (scripts and modulepreload links). */
export function initialScripts(html: string): string[] {
  const files = new Set<string>()
  for (const match of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) files.add(match[1]!)
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"|<link[^>]+href="([^"]+\.js)"[^>]+rel="modulepreload"/g)) files.add((match[1] ?? match[2])!)
  return [...files]
}

/** Every JS file the HTML links in any way (preload, prefetch, script). */
export function linkedScripts(html: string): string[] {
  return [...new Set([...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map(match => match[1]!))]
}

/** Gzip size of one built file, as served from `publicDir`. */
export function gzipBytes(publicDir: string, url: string): number {
  return gzipSync(readFileSync(join(publicDir, url))).length
}

/** Gzip bytes of a page's initial JS. */
export function initialJsBytes(publicDir: string, html: string): number {
  return initialScripts(html).reduce((sum, url) => sum + gzipBytes(publicDir, url), 0)
}
