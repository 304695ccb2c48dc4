import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { AntomError } from './errors'

/** Which configuration value a key came from, so errors can name the env var to fix. */
export interface KeySource {
  /** The env var that sets the key, e.g. `NUXT_ANTOM_MERCHANT_PRIVATE_KEY`. */
  envName: string
}

const PEM_PATTERN = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/
const BASE64_PATTERN = /^[A-Z0-9+/]+={0,2}$/i

const privateKeyCache = new Map<string, KeyObject>()
const publicKeyCache = new Map<string, KeyObject>()

/**
 * Turns the key text from configuration into DER bytes.
 * Antom's dashboard shows bare base64; the Python and PHP SDKs wrap the same bytes in PEM,
 * sometimes with a label that does not match the content, so the label is ignored and the DER decides.
 */
function toDer(text: string, source: KeySource, kind: string): Buffer {
  const trimmed = text.trim()
  if (!trimmed) {
    throw keyError(source, `the ${kind} is empty`)
  }
  const pem = PEM_PATTERN.exec(trimmed)
  const base64 = (pem ? pem[2]! : trimmed).replace(/\\n/g, '').replace(/\s+/g, '')
  if (!BASE64_PATTERN.test(base64)) {
    throw keyError(source, `the ${kind} is neither PEM nor base64 (it contains characters outside the base64 alphabet)`)
  }
  return Buffer.from(base64, 'base64')
}

/**
 * Reads the tag of the first element inside the outer ASN.1 SEQUENCE, skipping `skip` elements.
 * PKCS#8 and PKCS#1 private keys differ in what follows the version INTEGER; SPKI and PKCS#1
 * public keys differ in their first element. That one byte is all the format detection needs.
 */
function innerTag(der: Buffer, skip: number): number | undefined {
  if (der[0] !== 0x30) return undefined
  let offset = 1 + headerLengthSize(der, 1)
  for (let index = 0; index < skip; index++) {
    const lengthOffset = offset + 1
    const lengthSize = headerLengthSize(der, lengthOffset)
    offset = lengthOffset + lengthSize + contentLength(der, lengthOffset)
  }
  return der[offset]
}

function headerLengthSize(der: Buffer, offset: number): number {
  const first = der[offset] ?? 0
  return first < 0x80 ? 1 : 1 + (first & 0x7F)
}

function contentLength(der: Buffer, offset: number): number {
  const first = der[offset] ?? 0
  if (first < 0x80) return first
  let length = 0
  for (let index = 1; index <= (first & 0x7F); index++) {
    length = length * 256 + (der[offset + index] ?? 0)
  }
  return length
}

function keyError(source: KeySource, problem: string, cause?: unknown): AntomError {
  return new AntomError({
    kind: 'config',
    message: `[nuxt-antom] ${source.envName} is not a usable RSA key: ${problem}.`,
    cause,
  })
}

/**
 * Parses the merchant's RSA private key: bare base64 (as the Antom dashboard shows it), or PEM with
 * either the `PRIVATE KEY` or `RSA PRIVATE KEY` label, in PKCS#8 or PKCS#1 form (detected from the DER).
 * Parsed keys are cached, so calling this per request costs a map look-up.
 * @throws AntomError of kind `config` whose message names the env var and the problem, never the key.
 */
export function parsePrivateKey(text: string, source: KeySource): KeyObject {
  const cached = privateKeyCache.get(text)
  if (cached) return cached
  const der = toDer(text, source, 'private key')
  const versionFollower = innerTag(der, 1)
  const type = versionFollower === 0x30 ? 'pkcs8' : versionFollower === 0x02 ? 'pkcs1' : undefined
  if (!type) {
    throw keyError(source, 'the decoded bytes are not a PKCS#8 or PKCS#1 private key')
  }
  let key: KeyObject
  try {
    key = createPrivateKey({ key: der, format: 'der', type })
  }
  catch (error) {
    throw keyError(source, `the ${type.toUpperCase()} private key does not parse`, error)
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw keyError(source, `it is a ${key.asymmetricKeyType} key, Antom signs with RSA`)
  }
  privateKeyCache.set(text, key)
  return key
}

/**
 * Parses an RSA public key (the Antom public key from the dashboard, or a merchant public key in the
 * simulator): bare base64 or PEM, X.509 SubjectPublicKeyInfo or PKCS#1 `RSA PUBLIC KEY`.
 * @throws AntomError of kind `config` whose message names the env var and the problem, never the key.
 */
export function parsePublicKey(text: string, source: KeySource): KeyObject {
  const cached = publicKeyCache.get(text)
  if (cached) return cached
  const der = toDer(text, source, 'public key')
  const first = innerTag(der, 0)
  const type = first === 0x30 ? 'spki' : first === 0x02 ? 'pkcs1' : undefined
  if (!type) {
    throw keyError(source, 'the decoded bytes are not an X.509 (SPKI) or PKCS#1 public key')
  }
  let key: KeyObject
  try {
    key = createPublicKey({ key: der, format: 'der', type })
  }
  catch (error) {
    throw keyError(source, `the ${type === 'spki' ? 'X.509' : 'PKCS#1'} public key does not parse`, error)
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw keyError(source, `it is a ${key.asymmetricKeyType} key, Antom signs with RSA`)
  }
  publicKeyCache.set(text, key)
  return key
}

/** Exports a key in the bare base64 form the Antom dashboard uses (PKCS#8 private, SPKI public). */
export function toDashboardBase64(key: KeyObject): string {
  const der = key.type === 'private'
    ? key.export({ format: 'der', type: 'pkcs8' })
    : key.export({ format: 'der', type: 'spki' })
  return der.toString('base64')
}
