import { createSign, createVerify, type KeyObject } from 'node:crypto'

/** The parts of a signed Antom message. The same shape serves requests, responses and notifications. */
export interface SignedMessage {
  /** HTTP method; Antom only uses POST. */
  method?: string
  /** Path (and query, if one was sent) without the domain, e.g. `/ams/sandbox/api/v1/payments/inquiryPayment`. */
  path: string
  /** The `client-id` header value. */
  clientId: string
  /** The raw `request-time` (requests, notifications) or `response-time` (responses) header value. */
  time: string
  /** The exact body string sent on the wire. Never a re-serialised object. */
  body: string
}

/** A parsed `signature` header. */
export interface SignatureHeader {
  /** Always `RSA256` for Antom. */
  algorithm: string
  /** Key version the signer used; Antom and its SDKs send `1`. */
  keyVersion: string
  /** The signature as standard base64 (already URL-decoded). */
  signature: string
}

/**
 * Builds Antom's string to sign: `<METHOD> <path>\n<client-id>.<time>.<body>`.
 * @see https://global.alipay.com/docs/ac/ams/digital_signature
 */
export function buildSignContent(message: SignedMessage): string {
  return `${message.method ?? 'POST'} ${message.path}\n${message.clientId}.${message.time}.${message.body}`
}

/**
 * Signs a message with RSA-SHA256 (PKCS#1 v1.5) and returns the signature base64 then URL-encoded,
 * the form Antom expects in the `signature` header.
 */
export function signMessage(message: SignedMessage, privateKey: KeyObject): string {
  const signer = createSign('RSA-SHA256')
  signer.update(buildSignContent(message), 'utf8')
  return encodeURIComponent(signer.sign(privateKey, 'base64'))
}

/** Formats the `signature` header value: `algorithm=RSA256,keyVersion=<n>,signature=<url-encoded base64>`. */
export function formatSignatureHeader(encodedSignature: string, keyVersion = '1'): string {
  return `algorithm=RSA256,keyVersion=${keyVersion},signature=${encodedSignature}`
}

/**
 * Parses a `signature` header leniently: spaces after commas (as Antom's docs print it), any case of
 * names, and a value that is URL-encoded (either case of hex) or raw base64.
 * The signature is everything after `signature=`, so raw base64 padding (`==`) survives.
 * @returns undefined when there is no usable `signature=` part.
 */
export function parseSignatureHeader(header: string | null | undefined): SignatureHeader | undefined {
  if (!header) return undefined
  const match = /(?:^|,)\s*signature=(.*)$/i.exec(header)
  if (!match) return undefined
  const head = header.slice(0, match.index)
  const fields = Object.fromEntries(head.split(',').map((part) => {
    const [name = '', ...rest] = part.split('=')
    return [name.trim().toLowerCase(), rest.join('=').trim()]
  }))
  const rawValue = match[1]!.trim()
  let signature = rawValue
  if (rawValue.includes('%')) {
    try {
      // decodeURIComponent, not form decoding: a raw base64 `+` must never become a space.
      signature = decodeURIComponent(rawValue)
    }
    catch {
      return undefined
    }
  }
  if (!signature || !/^[A-Z0-9+/]+={0,2}$/i.test(signature)) return undefined
  return {
    algorithm: fields.algorithm || 'RSA256',
    keyVersion: fields.keyversion || '1',
    signature,
  }
}

/**
 * Verifies a signed Antom message (a response or a notification) against the given public key.
 * The message must hold the raw header strings and the raw body bytes as received.
 * @param message the signed parts: path, client id, raw time header, raw body
 * @param signatureHeader the whole `signature` header value
 * @param publicKey the signer's public key (Antom's, for responses and notifications)
 */
export function verifyMessage(message: SignedMessage, signatureHeader: string | null | undefined, publicKey: KeyObject): boolean {
  const parsed = parseSignatureHeader(signatureHeader)
  if (!parsed || parsed.algorithm.toUpperCase() !== 'RSA256') return false
  const verifier = createVerify('RSA-SHA256')
  verifier.update(buildSignContent(message), 'utf8')
  try {
    return verifier.verify(publicKey, parsed.signature, 'base64')
  }
  catch {
    return false
  }
}
