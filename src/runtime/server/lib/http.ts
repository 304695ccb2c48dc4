import type { H3Event } from 'h3'
import { createError, getRequestHeader, getRequestIP, getRequestWebStream, isError, setResponseHeader } from 'h3'

/** A request on a Node socket, as h3 types it (the type only: nothing here imports node:http). */
type NodeRequest = H3Event['node']['req']

/** The largest body the module's routes read (session, notify, simulator): Antom's own notifications are a few KiB. */
export const MAX_BODY_BYTES = 64 * 1024

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/**
 * An h3 error whose `statusMessage` is the status's reason phrase (never upstream or user text) and whose
 * `message` says what is wrong. Without an explicit phrase, h3 answers every error with "Server Error".
 */
export function httpError(statusCode: number, message: string, data?: Record<string, unknown>) {
  return createError({ statusCode, statusMessage: REASONS[statusCode] ?? 'Error', message, ...(data ? { data } : {}) })
}

/**
 * Reads the request body as UTF-8 text, at most `limit` bytes: a declared `content-length` over the limit is
 * refused before anything is read, and a streamed body is cut off as soon as it passes the limit.
 * @param event the request
 * @param limit the most bytes to read
 * @throws H3Error 413 when the body is larger than `limit`
 */
export async function readBodyText(event: H3Event, limit = MAX_BODY_BYTES): Promise<string> {
  const tooLarge = () => {
    // What is left of the upload stays unread; the connection is not reused for another request.
    setResponseHeader(event, 'connection', 'close')
    return httpError(413, `The request body is larger than ${limit} bytes.`)
  }
  if (Number(getRequestHeader(event, 'content-length')) > limit) throw tooLarge()
  const bytes = isNodeStream(event) ? await readNodeStream(event.node.req, limit) : await readWebStream(event, limit)
  if (!bytes) throw tooLarge()
  return new TextDecoder().decode(bytes)
}

/** True for a request that arrived on a Node socket (not an in-process call, not a runtime with Web requests). */
function isNodeStream(event: H3Event): boolean {
  const req = event.node?.req as (NodeRequest & Record<string, unknown>) | undefined
  return !!req && typeof req.on === 'function' && !event.web?.request && !('__unenv__' in req) && !('rawBody' in req) && !('body' in req)
}

/**
 * Reads a Node request stream, or returns undefined once it passes `limit`: the stream is then paused, not
 * destroyed, so the 413 answer still reaches a client that is busy uploading.
 */
function readNodeStream(req: NodeRequest, limit: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = []
    let size = 0
    const cleanup = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    const onData = (chunk: Uint8Array) => {
      size += chunk.length
      if (size <= limit) return chunks.push(chunk)
      cleanup()
      req.pause()
      resolve(undefined)
    }
    const onEnd = () => {
      cleanup()
      resolve(concat(chunks, size))
    }
    const onError = (error: Error) => {
      cleanup()
      reject(error)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}

/** Reads the body through h3's Web stream (Workers, Deno, Bun, in-process calls), or undefined past `limit`. */
async function readWebStream(event: H3Event, limit: number): Promise<Uint8Array | undefined> {
  const stream = getRequestWebStream(event)
  if (!stream) return new Uint8Array()
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    const chunk = typeof value === 'string' ? new TextEncoder().encode(value) : value as Uint8Array
    size += chunk.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      return undefined
    }
    chunks.push(chunk)
  }
  return concat(chunks, size)
}

/** The chunks of a body as one array of `size` bytes. */
function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/**
 * Reads a JSON body of at most `limit` bytes.
 * @throws H3Error 413 when it is larger, 400 when it is not JSON
 */
export async function readJsonBody(event: H3Event, limit = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readBodyText(event, limit)
  if (!text.trim()) return undefined
  try {
    return JSON.parse(text)
  }
  catch {
    throw httpError(400, 'The request body is not valid JSON.')
  }
}

/** A zod schema, or anything else with a `parse` that throws on bad input. */
export interface BodySchema<T> {
  parse: (input: unknown) => T
}

/**
 * Validates a parsed body with a schema (zod, or anything with a throwing `parse`).
 * @param schema the schema; its first issue names the field in the message
 * @param body the parsed body
 * @param what how the message names the body, e.g. `Invalid order`
 * @throws H3Error 400 naming the first field that is wrong and why
 */
export function parseBody<T>(schema: BodySchema<T>, body: unknown, what = 'Invalid body'): T {
  try {
    return schema.parse(body)
  }
  catch (error) {
    const issue = (error as { issues?: Array<{ path: PropertyKey[], message: string }> }).issues?.[0]
    throw httpError(400, `${what}: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : (error as Error).message}`)
  }
}

/** What a buyer is told for each server-side failure; the cause goes to the server log only. */
const BUYER_MESSAGES: Record<number, string> = {
  502: 'The payment service did not answer as expected. Please try again in a moment.',
  504: 'The payment service took too long to answer. Please try again in a moment.',
}

/**
 * Turns a failure into what the browser may see. 4xx errors pass unchanged (their message is meant for the
 * buyer: what is wrong with the request). Anything else is logged in full on the server and answered with its
 * status and a generic message, so no configuration detail, env var name or upstream text reaches the browser.
 * @param error anything a route or util threw
 * @param action what was being done, for the log line, e.g. `Opening a payment session`
 */
export function buyerSafeError(error: unknown, action: string) {
  const statusCode = isError(error) ? error.statusCode : 500
  if ((statusCode >= 400 && statusCode < 500) || buyerSafe.has(error as object)) return error
  console.error(`[nuxt-antom] ${action} failed:`, error)
  const status = statusCode in BUYER_MESSAGES ? statusCode : 500
  const safe = httpError(status, BUYER_MESSAGES[status] ?? 'Something went wrong on our side. Please try again in a moment.')
  buyerSafe.add(safe)
  return safe
}

/** Errors {@link buyerSafeError} made: already logged, passed on as they are. */
const buyerSafe = new WeakSet<object>()

/**
 * The buyer's IP address. `X-Forwarded-For` is believed only for as many proxies as `trustedProxies` says:
 * each trusted proxy appends the address it saw, so the entry `trustedProxies` from the end is the one the
 * outermost trusted proxy received. Anything left of it was written by the caller and is ignored.
 * @param event the request
 * @param trustedProxies how many reverse proxies in front of the server append to `X-Forwarded-For` (0: none, use the socket)
 */
export function clientIp(event: H3Event, trustedProxies: number): string | undefined {
  if (trustedProxies > 0) {
    const hops = (getRequestHeader(event, 'x-forwarded-for') ?? '').split(',').map(hop => hop.trim()).filter(Boolean)
    if (hops.length >= trustedProxies) return hops[hops.length - trustedProxies]
  }
  return getRequestIP(event)
}
