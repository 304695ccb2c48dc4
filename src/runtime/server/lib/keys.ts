import { base64ToBytes, bytesToBase64 } from './bytes'
import { AntomError } from './errors'

// RSA keys on Web Crypto (`crypto.subtle`), which every Nitro runtime has. Key text is parsed synchronously
// (PEM/base64 → DER, PKCS#1 wrapped into PKCS#8 or SPKI, the structure checked), so the start-up check can refuse a
// broken key at once; the asynchronous `importKey` runs on first use, once per key, and its CryptoKey is reused.

/** Which configuration value a key came from, so errors can name the env var to fix. */
export interface KeySource {
  /** The env var that sets the key, e.g. `NUXT_ANTOM_MERCHANT_PRIVATE_KEY`. */
  envName: string
}

/** An RSA private key parsed from configuration: PKCS#8 DER, whatever form the text had. */
export interface AntomPrivateKey {
  readonly type: 'private'
  /** PKCS#8 PrivateKeyInfo DER (a PKCS#1 key arrives here already wrapped). */
  readonly der: Uint8Array<ArrayBuffer>
  readonly source: KeySource
}

/** An RSA public key parsed from configuration: X.509 SubjectPublicKeyInfo DER, whatever form the text had. */
export interface AntomPublicKey {
  readonly type: 'public'
  /** SPKI DER (a PKCS#1 `RSA PUBLIC KEY` arrives here already wrapped). */
  readonly der: Uint8Array<ArrayBuffer>
  readonly source: KeySource
}

/**
 * A node:crypto `KeyObject`, accepted by its shape (this file imports nothing from Node) so code written for the
 * earlier node:crypto core keeps working on Node: it is exported to DER once and then handled like parsed text.
 */
export interface KeyObjectLike {
  readonly type: string
  readonly asymmetricKeyType?: string
  export(options: { format: 'der', type: 'pkcs8' | 'spki' }): Uint8Array
}

/** What signs: key text parsed with {@link parsePrivateKey}, a Web Crypto key (RSASSA-PKCS1-v1_5, SHA-256, `sign`), or a KeyObject. */
export type PrivateKeyInput = AntomPrivateKey | CryptoKey | KeyObjectLike
/** What verifies: key text parsed with {@link parsePublicKey}, a Web Crypto key (RSASSA-PKCS1-v1_5, SHA-256, `verify`), or a KeyObject. */
export type PublicKeyInput = AntomPublicKey | CryptoKey | KeyObjectLike

/** The Web Crypto algorithm of Antom's `RSA256`: RSASSA-PKCS1-v1_5 with SHA-256. */
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const

const PEM_PATTERN = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/
const BASE64_PATTERN = /^[A-Z0-9+/]+={0,2}$/i

const SEQUENCE = 0x30
const INTEGER = 0x02
const BIT_STRING = 0x03
const OCTET_STRING = 0x04
const NULL = 0x05
const OBJECT_IDENTIFIER = 0x06

/** DER of the OID 1.2.840.113549.1.1.1 (rsaEncryption), the algorithm of every RSA PKCS#8 and SPKI key. */
const RSA_ENCRYPTION = '2a864886f70d010101'
/** Other key algorithms by OID, named the way node:crypto's `asymmetricKeyType` names them. */
const OTHER_ALGORITHMS: Record<string, string> = {
  '2a864886f70d01010a': 'rsa-pss',
  '2a8648ce3d0201': 'ec',
  '2a8648ce380401': 'dsa',
  '2a864886f70d010301': 'dh',
  '2b656e': 'x25519',
  '2b656f': 'x448',
  '2b6570': 'ed25519',
  '2b6571': 'ed448',
}

const privateKeyCache = new Map<string, AntomPrivateKey>()
const publicKeyCache = new Map<string, AntomPublicKey>()
const keyObjects = new WeakMap<object, AntomPrivateKey | AntomPublicKey>()
/** CryptoKeys already imported, by the parsed key they came from: the hot path reads this without awaiting. */
const imported = new WeakMap<object, CryptoKey>()
const importing = new WeakMap<object, Promise<CryptoKey>>()

function keyError(source: KeySource, problem: string, cause?: unknown): AntomError {
  return new AntomError({
    kind: 'config',
    message: `[nuxt-antom] ${source.envName} is not a usable RSA key: ${problem}.`,
    cause,
  })
}

/**
 * Turns the key text from configuration into DER bytes.
 * Antom's dashboard shows bare base64; the Python and PHP SDKs wrap the same bytes in PEM,
 * sometimes with a label that does not match the content, so the label is ignored and the DER decides.
 */
function toDer(text: string, source: KeySource, kind: string): Uint8Array<ArrayBuffer> {
  const trimmed = text.trim()
  if (!trimmed) {
    throw keyError(source, `the ${kind} is empty`)
  }
  const pem = PEM_PATTERN.exec(trimmed)
  const base64 = (pem ? pem[2]! : trimmed).replace(/\\n/g, '').replace(/\s+/g, '')
  if (!BASE64_PATTERN.test(base64)) {
    throw keyError(source, `the ${kind} is neither PEM nor base64 (it contains characters outside the base64 alphabet)`)
  }
  try {
    return base64ToBytes(base64)
  }
  catch (error) {
    throw keyError(source, `the ${kind} is not valid base64 (its length is off: truncated?)`, error)
  }
}

/** One DER element: its tag, where its content starts and where it ends (exclusive). */
interface Element {
  tag: number
  start: number
  contentStart: number
  end: number
}

/**
 * Reads the DER element at `offset`, which must end at or before `limit`.
 * @returns undefined when the bytes there are not a well-formed element (truncated, or a length that overruns)
 */
function readElement(der: Uint8Array, offset: number, limit: number): Element | undefined {
  const available = Math.min(limit, der.length)
  if (offset + 2 > available) return undefined
  const tag = der[offset]!
  const first = der[offset + 1]!
  let length = first
  let contentStart = offset + 2
  if (first >= 0x80) {
    const size = first & 0x7F
    // Indefinite lengths (0x80) are BER, not DER; no key comes near 2^32 bytes.
    if (size === 0 || size > 4 || contentStart + size > available) return undefined
    length = 0
    for (let index = 0; index < size; index++) length = length * 256 + der[contentStart + index]!
    contentStart += size
  }
  const end = contentStart + length
  return end <= limit ? { tag, start: offset, contentStart, end } : undefined
}

/** The elements inside a constructed element, or undefined when they do not exactly fill it. */
function childrenOf(der: Uint8Array, parent: Element): Element[] | undefined {
  const children: Element[] = []
  for (let offset = parent.contentStart; offset < parent.end;) {
    const child = readElement(der, offset, parent.end)
    if (!child) return undefined
    children.push(child)
    offset = child.end
  }
  return children
}

/** The outer SEQUENCE's elements, when the bytes are exactly one well-formed SEQUENCE. */
function topLevel(der: Uint8Array): Element[] | undefined {
  const outer = readElement(der, 0, der.length)
  if (!outer || outer.tag !== SEQUENCE || outer.end !== der.length) return undefined
  return childrenOf(der, outer)
}

const hex = (bytes: Uint8Array) => Array.from(bytes, byte => byte.toString(16).padStart(2, '0')).join('')
const contentOf = (der: Uint8Array, element: Element) => der.subarray(element.contentStart, element.end)
const bytesOf = (der: Uint8Array, element: Element) => der.subarray(element.start, element.end)

/** A PKCS#1 RSAPrivateKey: version, n, e, d, p, q, dp, dq, qinv (and, for multi-prime keys, more). */
function isRsaPrivateKey(der: Uint8Array): boolean {
  const fields = topLevel(der)
  return !!fields && fields.length >= 9 && fields.slice(0, 9).every(field => field.tag === INTEGER && field.end > field.contentStart)
}

/** A PKCS#1 RSAPublicKey: n, e. */
function isRsaPublicKey(der: Uint8Array): boolean {
  const fields = topLevel(der)
  return !!fields && fields.length === 2 && fields.every(field => field.tag === INTEGER && field.end > field.contentStart)
}

/** Names the algorithm of an AlgorithmIdentifier: `rsa`, another known type, or its OID in hex. */
function algorithmOf(der: Uint8Array, identifier: Element): string | undefined {
  if (identifier.tag !== SEQUENCE) return undefined
  const [oid] = childrenOf(der, identifier) ?? []
  if (!oid || oid.tag !== OBJECT_IDENTIFIER) return undefined
  const value = hex(contentOf(der, oid))
  return value === RSA_ENCRYPTION ? 'rsa' : OTHER_ALGORITHMS[value] ?? `OID ${value}`
}

/** DER of a tag and its content. */
function encode(tag: number, ...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const length = parts.reduce((sum, part) => sum + part.length, 0)
  const lengthBytes: number[] = []
  if (length < 0x80) {
    lengthBytes.push(length)
  }
  else {
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthBytes.unshift(rest % 256)
    lengthBytes.unshift(0x80 | lengthBytes.length)
  }
  const out = new Uint8Array(1 + lengthBytes.length + length)
  out[0] = tag
  out.set(lengthBytes, 1)
  let offset = 1 + lengthBytes.length
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** `SEQUENCE { OID rsaEncryption, NULL }`. */
const RSA_ALGORITHM_IDENTIFIER = encode(SEQUENCE, encode(OBJECT_IDENTIFIER, Uint8Array.from(RSA_ENCRYPTION.match(/../g)!, byte => Number.parseInt(byte, 16))), encode(NULL))

/** PKCS#1 RSAPrivateKey → PKCS#8 `SEQUENCE { INTEGER 0, rsaEncryption, OCTET STRING { RSAPrivateKey } }` (Node's own export, byte for byte). */
function wrapPkcs1Private(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  return encode(SEQUENCE, encode(INTEGER, new Uint8Array([0])), RSA_ALGORITHM_IDENTIFIER, encode(OCTET_STRING, pkcs1))
}

/** PKCS#1 RSAPublicKey → SPKI `SEQUENCE { rsaEncryption, BIT STRING { 0 unused bits, RSAPublicKey } }`. */
function wrapPkcs1Public(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  return encode(SEQUENCE, RSA_ALGORITHM_IDENTIFIER, encode(BIT_STRING, new Uint8Array([0]), pkcs1))
}

/**
 * Parses the merchant's RSA private key: bare base64 (as the Antom dashboard shows it), or PEM with
 * either the `PRIVATE KEY` or `RSA PRIVATE KEY` label, in PKCS#8 or PKCS#1 form (detected from the DER).
 * Synchronous and structural (the key is imported into Web Crypto on first use); parsed keys are cached by their
 * text, so calling this per request costs a map look-up and the import happens once.
 * @throws AntomError of kind `config` whose message names the env var and the problem, never the key.
 */
export function parsePrivateKey(text: string, source: KeySource): AntomPrivateKey {
  const cached = privateKeyCache.get(text)
  if (cached) return cached
  const der = toDer(text, source, 'private key')
  // PKCS#8 and PKCS#1 both open with a version INTEGER; what follows decides: the AlgorithmIdentifier
  // SEQUENCE (PKCS#8) or the modulus INTEGER (PKCS#1).
  // Read leniently (a truncated key is still recognised, then reported as truncated below).
  const outer = readElement(der, 0, Number.MAX_SAFE_INTEGER)
  const version = outer?.tag === SEQUENCE ? readElement(der, outer.contentStart, der.length) : undefined
  const follower = version?.tag === INTEGER ? der[version.end] : undefined
  const type = follower === SEQUENCE ? 'PKCS#8' : follower === INTEGER ? 'PKCS#1' : undefined
  if (!type) {
    throw keyError(source, 'the decoded bytes are not a PKCS#8 or PKCS#1 private key')
  }
  let pkcs8: Uint8Array<ArrayBuffer>
  if (type === 'PKCS#1') {
    if (!isRsaPrivateKey(der)) throw keyError(source, 'the PKCS#1 private key does not parse (truncated or malformed DER)')
    pkcs8 = wrapPkcs1Private(der)
  }
  else {
    const fields = topLevel(der)
    if (!fields || fields.length < 3 || fields[2]!.tag !== OCTET_STRING) {
      throw keyError(source, 'the PKCS#8 private key does not parse (truncated or malformed DER)')
    }
    const algorithm = algorithmOf(der, fields[1]!)
    if (algorithm !== 'rsa') {
      throw keyError(source, algorithm ? `it is a ${algorithm} key, Antom signs with RSA` : 'the PKCS#8 private key does not parse (no algorithm)')
    }
    if (!isRsaPrivateKey(contentOf(der, fields[2]!))) {
      throw keyError(source, 'the PKCS#8 private key does not parse (its RSA key is truncated or malformed)')
    }
    pkcs8 = der
  }
  const key: AntomPrivateKey = Object.freeze({ type: 'private', der: pkcs8, source })
  privateKeyCache.set(text, key)
  return key
}

/**
 * Parses an RSA public key (the Antom public key from the dashboard, or a merchant public key in the
 * simulator): bare base64 or PEM, X.509 SubjectPublicKeyInfo or PKCS#1 `RSA PUBLIC KEY`.
 * Synchronous and structural, cached by text like {@link parsePrivateKey}.
 * @throws AntomError of kind `config` whose message names the env var and the problem, never the key.
 */
export function parsePublicKey(text: string, source: KeySource): AntomPublicKey {
  const cached = publicKeyCache.get(text)
  if (cached) return cached
  const der = toDer(text, source, 'public key')
  // SPKI opens with the AlgorithmIdentifier SEQUENCE, a PKCS#1 public key with the modulus INTEGER.
  const outer = readElement(der, 0, Number.MAX_SAFE_INTEGER)
  const first = outer?.tag === SEQUENCE ? der[outer.contentStart] : undefined
  const type = first === SEQUENCE ? 'X.509' : first === INTEGER ? 'PKCS#1' : undefined
  if (!type) {
    throw keyError(source, 'the decoded bytes are not an X.509 (SPKI) or PKCS#1 public key')
  }
  let spki: Uint8Array<ArrayBuffer>
  if (type === 'PKCS#1') {
    if (!isRsaPublicKey(der)) throw keyError(source, 'the PKCS#1 public key does not parse (truncated or malformed DER)')
    spki = wrapPkcs1Public(der)
  }
  else {
    const fields = topLevel(der)
    if (!fields || fields.length !== 2 || fields[1]!.tag !== BIT_STRING) {
      throw keyError(source, 'the X.509 public key does not parse (truncated or malformed DER)')
    }
    const algorithm = algorithmOf(der, fields[0]!)
    if (algorithm !== 'rsa') {
      throw keyError(source, algorithm ? `it is a ${algorithm} key, Antom signs with RSA` : 'the X.509 public key does not parse (no algorithm)')
    }
    const bits = contentOf(der, fields[1]!)
    if (bits[0] !== 0 || !isRsaPublicKey(bits.subarray(1))) {
      throw keyError(source, 'the X.509 public key does not parse (its RSA key is truncated or malformed)')
    }
    spki = der
  }
  const key: AntomPublicKey = Object.freeze({ type: 'public', der: spki, source })
  publicKeyCache.set(text, key)
  return key
}

/** The public half of a parsed private key (its modulus and exponent), without Web Crypto: synchronous. */
export function publicKeyOf(privateKey: AntomPrivateKey): AntomPublicKey {
  const fields = topLevel(privateKey.der)!
  const rsa = contentOf(privateKey.der, fields[2]!)
  const [, modulus, exponent] = topLevel(rsa)!
  const pkcs1 = encode(SEQUENCE, bytesOf(rsa, modulus!), bytesOf(rsa, exponent!))
  return Object.freeze({ type: 'public', der: wrapPkcs1Public(pkcs1), source: privateKey.source })
}

/** Exports a key in the bare base64 form the Antom dashboard uses (PKCS#8 private, SPKI public). */
export function toDashboardBase64(key: AntomPrivateKey | AntomPublicKey): string {
  return bytesToBase64(key.der)
}

/**
 * A new RSA-2048 private key (e = 65537) as bare base64 PKCS#8, made with `crypto.subtle.generateKey`
 * (off the main thread on Node, so a request is not stalled the ~0.2 s a key takes).
 */
export async function generateRsaPrivateKey(): Promise<string> {
  const pair = await crypto.subtle.generateKey({ ...RSA_SHA256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify'])
  return bytesToBase64(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)))
}

function isParsed(key: object): key is AntomPrivateKey | AntomPublicKey {
  return 'der' in key && 'source' in key
}

function isKeyObject(key: object): key is KeyObjectLike {
  return typeof (key as Partial<KeyObjectLike>).export === 'function' && !('algorithm' in key)
}

const KEY_OBJECT_SOURCE: KeySource = { envName: 'the KeyObject passed in' }

/** A node:crypto KeyObject as a parsed key (exported once, cached by the object). */
function fromKeyObject(key: KeyObjectLike, type: 'private' | 'public'): AntomPrivateKey | AntomPublicKey {
  const cached = keyObjects.get(key)
  if (cached?.type === type) return cached
  if (key.type !== type) throw keyError(KEY_OBJECT_SOURCE, `it is a ${key.type} key where a ${type} key is needed`)
  if (key.asymmetricKeyType !== 'rsa') throw keyError(KEY_OBJECT_SOURCE, `it is a ${key.asymmetricKeyType} key, Antom signs with RSA`)
  const der = Uint8Array.from(key.export({ format: 'der', type: type === 'private' ? 'pkcs8' : 'spki' }))
  const parsed = Object.freeze({ type, der, source: KEY_OBJECT_SOURCE }) as AntomPrivateKey | AntomPublicKey
  keyObjects.set(key, parsed)
  return parsed
}

/**
 * The Web Crypto key to sign or verify with. Parsed keys are imported on first use and the CryptoKey is kept
 * (one `importKey` per key, ever); later calls return it synchronously. A CryptoKey is used as it is.
 * @throws AntomError of kind `config`, naming the env var, when Web Crypto refuses the key
 */
export function cryptoKeyOf(key: PrivateKeyInput, usage: 'sign'): CryptoKey | Promise<CryptoKey>
export function cryptoKeyOf(key: PublicKeyInput, usage: 'verify'): CryptoKey | Promise<CryptoKey>
export function cryptoKeyOf(key: PrivateKeyInput | PublicKeyInput, usage: 'sign' | 'verify'): CryptoKey | Promise<CryptoKey> {
  const type = usage === 'sign' ? 'private' : 'public'
  const parsed = isParsed(key) ? key : isKeyObject(key) ? fromKeyObject(key, type) : undefined
  if (!parsed) return key as CryptoKey
  if (parsed.type !== type) throw keyError(parsed.source, `it is a ${parsed.type} key where a ${type} key is needed`)
  return imported.get(parsed) ?? importOnce(parsed, usage)
}

function importOnce(parsed: AntomPrivateKey | AntomPublicKey, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  let pending = importing.get(parsed)
  if (!pending) {
    const format = parsed.type === 'private' ? 'pkcs8' : 'spki'
    pending = crypto.subtle.importKey(format, parsed.der, RSA_SHA256, false, [usage]).then(
      (cryptoKey) => {
        imported.set(parsed, cryptoKey)
        return cryptoKey
      },
      (error: unknown) => {
        throw keyError(parsed.source, `Web Crypto refused the ${format === 'pkcs8' ? 'PKCS#8 private' : 'X.509 public'} key (${(error as Error)?.message ?? error})`, error)
      },
    )
    importing.set(parsed, pending)
  }
  return pending
}
