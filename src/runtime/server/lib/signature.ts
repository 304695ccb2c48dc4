import { base64ToBytes, bytesToBase64, utf8 } from './bytes'
import { cryptoKeyOf, RSA_SHA256, type PrivateKeyInput, type PublicKeyInput } from './keys'

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
 * Signs a message with RSA-SHA256 (PKCS#1 v1.5, Web Crypto's RSASSA-PKCS1-v1_5 with SHA-256) and returns the
 * signature base64 then URL-encoded, the form Antom expects in the `signature` header.
 * @param message the parts to sign: path, client id, time header, exact body
 * @param privateKey a key parsed with `parsePrivateKey` (imported into Web Crypto once, on first use), a CryptoKey or a KeyObject
 * @throws AntomError of kind `config`, naming the env var, when Web Crypto refuses the key
 */
export async function signMessage(message: SignedMessage, privateKey: PrivateKeyInput): Promise<string> {
  const key = await cryptoKeyOf(privateKey, 'sign')
  const signature = await crypto.subtle.sign(RSA_SHA256, key, utf8(buildSignContent(message)))
  return encodeURIComponent(bytesToBase64(new Uint8Array(signature)))
}

/** Formats the `signature` header value: `algorithm=RSA256,keyVersion=<n>,signature=<url-encoded base64>`. */
export function formatSignatureHeader(encodedSignature: string, keyVersion = '1'): string {
  return `algorithm=RSA256,keyVersion=${keyVersion},signature=${encodedSignature}`
}

const CANONICAL_PREFIX = 'algorithm=RSA256,keyVersion='
const SIGNATURE_FIELD = /(?:^|,)\s*signature=/i
const ALGORITHM_FIELD = /algorithm=([^,]*)/i
const KEY_VERSION_FIELD = /keyVersion=([^,]*)/i
const BASE64 = /^[A-Z0-9+/]+={0,2}$/i

/**
 * Parses a `signature` header leniently: spaces after commas (as Antom's docs print it), any case of
 * names, and a value that is URL-encoded (either case of hex) or raw base64.
 * The signature is everything after `signature=`, so raw base64 padding (`==`) survives.
 * @returns undefined when there is no usable `signature=` part.
 */
export function parseSignatureHeader(header: string | null | undefined): SignatureHeader | undefined {
  if (!header) return undefined
  let algorithm = 'RSA256'
  let keyVersion = '1'
  let rawValue: string
  const canonicalEnd = header.startsWith(CANONICAL_PREFIX) ? header.indexOf(',signature=', CANONICAL_PREFIX.length) : -1
  if (canonicalEnd > 0) {
    // The form Antom and every SDK send; parsed without regular expressions because it is on the hot path.
    keyVersion = header.slice(CANONICAL_PREFIX.length, canonicalEnd)
    rawValue = header.slice(canonicalEnd + ',signature='.length)
  }
  else {
    const field = SIGNATURE_FIELD.exec(header)
    if (!field) return undefined
    const head = header.slice(0, field.index)
    algorithm = ALGORITHM_FIELD.exec(head)?.[1]?.trim() || algorithm
    keyVersion = KEY_VERSION_FIELD.exec(head)?.[1]?.trim() || keyVersion
    rawValue = header.slice(field.index + field[0].length).trim()
  }
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
  if (!BASE64.test(signature)) return undefined
  return { algorithm, keyVersion, signature }
}

/**
 * Verifies a signed Antom message (a response or a notification) against the given public key.
 * The message must hold the raw header strings and the raw body bytes as received.
 * @param message the signed parts: path, client id, raw time header, raw body
 * @param signatureHeader the whole `signature` header value
 * @param publicKey the signer's public key (Antom's, for responses and notifications): parsed with `parsePublicKey`,
 *   a CryptoKey or a KeyObject
 * @returns false for any signature that is missing, malformed or does not verify
 * @throws AntomError of kind `config`, naming the env var, when Web Crypto refuses the key (a configuration fault, not a bad signature)
 */
export async function verifyMessage(message: SignedMessage, signatureHeader: string | null | undefined, publicKey: PublicKeyInput): Promise<boolean> {
  const parsed = parseSignatureHeader(signatureHeader)
  if (!parsed || parsed.algorithm.toUpperCase() !== 'RSA256') return false
  const key = await cryptoKeyOf(publicKey, 'verify')
  try {
    return await crypto.subtle.verify(RSA_SHA256, key, base64ToBytes(parsed.signature), utf8(buildSignContent(message)))
  }
  catch {
    return false
  }
}
