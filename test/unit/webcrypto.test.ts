import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { base64ToBytes, bytesToBase64, bytesToHex, randomHex } from '../../src/runtime/server/lib/bytes'
import { sameSecret, sha256 } from '../../src/runtime/server/lib/digest'
import { AntomError } from '../../src/runtime/server/lib/errors'
import { generateRsaPrivateKey, parsePrivateKey, parsePublicKey, publicKeyOf, RSA_SHA256, toDashboardBase64 } from '../../src/runtime/server/lib/keys'
import { buildSignContent, formatSignatureHeader, signMessage, verifyMessage, type SignedMessage } from '../../src/runtime/server/lib/signature'
import { generateTestKeyPair } from '../helpers/keys'

// The protocol core runs on Web Crypto (crypto.subtle) so it works on every Nitro runtime. These tests hold it to
// node:crypto, byte for byte, and check that each key is imported into Web Crypto once.

const message: SignedMessage = { path: '/ams/api/v1/payments/pay', clientId: 'SANDBOX_5X00000000000000', time: '1685599933871', body: '{"paymentRequestId":"pr-1","note":"ü ✓ 支付"}' }
const content = Buffer.from(buildSignContent(message), 'utf8')
const nodeSignature = (key: Parameters<typeof sign>[2]) => sign('sha256', content, key).toString('base64')

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the Web Crypto core against node:crypto', () => {
  const pair = generateTestKeyPair()
  const pkcs1Base64 = pair.privateKey.export({ format: 'der', type: 'pkcs1' }).toString('base64')
  const pkcs1PublicBase64 = pair.publicKey.export({ format: 'der', type: 'pkcs1' }).toString('base64')

  it('signs byte-identically to node:crypto with PKCS#8 and PKCS#1 private keys, in every text form', async () => {
    const expected = nodeSignature(pair.privateKey)
    for (const form of [pair.privateBase64, pair.privatePemPkcs8, pkcs1Base64, pair.privatePemPkcs1, pair.privatePemPkcs1.replace(/RSA PRIVATE KEY/g, 'PRIVATE KEY')]) {
      expect(decodeURIComponent(await signMessage(message, parsePrivateKey(form, { envName: 'TEST' })))).toBe(expected)
    }
    // A PKCS#1 key is wrapped into exactly the PKCS#8 node:crypto exports, so Web Crypto can import it.
    expect(toDashboardBase64(parsePrivateKey(pkcs1Base64, { envName: 'TEST' }))).toBe(pair.privateBase64)
  })

  it('verifies node:crypto signatures with SPKI and PKCS#1 public keys, and refuses tampered ones', async () => {
    const header = formatSignatureHeader(encodeURIComponent(nodeSignature(pair.privateKey)))
    for (const form of [pair.publicBase64, pair.publicPemSpki, pkcs1PublicBase64, pair.publicPemPkcs1, pair.publicPemPkcs1.replace(/RSA PUBLIC KEY/g, 'PUBLIC KEY')]) {
      const key = parsePublicKey(form, { envName: 'TEST' })
      expect(toDashboardBase64(key)).toBe(pair.publicBase64)
      expect(await verifyMessage(message, header, key)).toBe(true)
      expect(await verifyMessage({ ...message, body: `${message.body} ` }, header, key)).toBe(false)
    }
  })

  it('makes signatures node:crypto and openssl-equivalent verifiers accept', async () => {
    const signature = decodeURIComponent(await signMessage(message, parsePrivateKey(pair.privatePemPkcs1, { envName: 'TEST' })))
    expect(verify('sha256', content, pair.publicKey, Buffer.from(signature, 'base64'))).toBe(true)
    expect(verify('sha256', content, createPublicKey(pair.publicPemPkcs1), Buffer.from(signature, 'base64'))).toBe(true)
  })

  it('accepts CryptoKeys and node:crypto KeyObjects as well as key text', async () => {
    const privateCryptoKey = await crypto.subtle.importKey('pkcs8', Buffer.from(pair.privateBase64, 'base64'), RSA_SHA256, false, ['sign'])
    const publicCryptoKey = await crypto.subtle.importKey('spki', Buffer.from(pair.publicBase64, 'base64'), RSA_SHA256, false, ['verify'])
    const expected = nodeSignature(pair.privateKey)
    expect(decodeURIComponent(await signMessage(message, privateCryptoKey))).toBe(expected)
    expect(decodeURIComponent(await signMessage(message, pair.privateKey))).toBe(expected)
    const header = formatSignatureHeader(encodeURIComponent(expected))
    expect(await verifyMessage(message, header, publicCryptoKey)).toBe(true)
    expect(await verifyMessage(message, header, pair.publicKey)).toBe(true)
  })

  it('derives the public key from a private key without Web Crypto, as node:crypto does', () => {
    for (const form of [pair.privateBase64, pair.privatePemPkcs1]) {
      expect(toDashboardBase64(publicKeyOf(parsePrivateKey(form, { envName: 'TEST' })))).toBe(pair.publicBase64)
    }
  })

  it('generates RSA-2048 keys (e = 65537) with crypto.subtle.generateKey that node:crypto reads', async () => {
    const text = await generateRsaPrivateKey()
    const key = createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' })
    expect(key.asymmetricKeyType).toBe('rsa')
    expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n })
    const parsed = parsePrivateKey(text, { envName: 'TEST' })
    expect(decodeURIComponent(await signMessage(message, parsed))).toBe(nodeSignature(key))
    expect(toDashboardBase64(publicKeyOf(parsed))).toBe(createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64'))
  })
})

describe('importing keys into Web Crypto', () => {
  it('imports a key once, however many times it is parsed and used, concurrent first uses included', async () => {
    const pair = generateTestKeyPair()
    const importKey = vi.spyOn(crypto.subtle, 'importKey')
    // The first uses race the import; each request parses the configured text again, as useAntomConfig does.
    const signatures = await Promise.all(Array.from({ length: 5 }, () => signMessage(message, parsePrivateKey(pair.privateBase64, { envName: 'TEST' }))))
    for (let index = 0; index < 20; index++) signatures.push(await signMessage(message, parsePrivateKey(pair.privateBase64, { envName: 'TEST' })))
    expect(new Set(signatures).size).toBe(1)
    expect(importKey).toHaveBeenCalledTimes(1)
    const header = formatSignatureHeader(signatures[0]!)
    for (let index = 0; index < 20; index++) expect(await verifyMessage(message, header, parsePublicKey(pair.publicBase64, { envName: 'TEST' }))).toBe(true)
    expect(importKey).toHaveBeenCalledTimes(2)
    // A KeyObject is exported and imported once too.
    for (let index = 0; index < 5; index++) await signMessage(message, pair.privateKey)
    expect(importKey).toHaveBeenCalledTimes(3)
  })

  it('reports a key Web Crypto refuses as a config error naming the env var, for signing and for verifying', async () => {
    const pair = generateTestKeyPair()
    vi.spyOn(crypto.subtle, 'importKey').mockRejectedValue(new DOMException('Invalid keyData', 'DataError'))
    const signing = await signMessage(message, parsePrivateKey(pair.privateBase64, { envName: 'NUXT_ANTOM_MERCHANT_PRIVATE_KEY' })).catch((error: unknown) => error)
    expect(signing).toBeInstanceOf(AntomError)
    expect((signing as AntomError).kind).toBe('config')
    expect((signing as AntomError).message).toMatch(/NUXT_ANTOM_MERCHANT_PRIVATE_KEY is not a usable RSA key: Web Crypto refused the PKCS#8 private key/)
    // A broken key is a configuration fault, not a bad signature: verifying throws instead of answering false.
    const header = formatSignatureHeader(encodeURIComponent(nodeSignature(pair.privateKey)))
    const verifying = await verifyMessage(message, header, parsePublicKey(pair.publicBase64, { envName: 'NUXT_ANTOM_ALIPAY_PUBLIC_KEY' })).catch((error: unknown) => error)
    expect((verifying as AntomError).message).toMatch(/NUXT_ANTOM_ALIPAY_PUBLIC_KEY is not a usable RSA key: Web Crypto refused the X.509 public key/)
  })

  it('refuses keys whose DER is damaged while parsing, synchronously (the start-up check relies on it)', () => {
    const pair = generateTestKeyPair()
    const der = Buffer.from(pair.privateBase64, 'base64')
    const pkcs1 = pair.privateKey.export({ format: 'der', type: 'pkcs1' })
    const spki = Buffer.from(pair.publicBase64, 'base64')
    const cases: Array<[() => unknown, RegExp]> = [
      [() => parsePrivateKey(der.subarray(0, der.length - 1).toString('base64'), { envName: 'A' }), /A is not a usable RSA key: the PKCS#8 private key does not parse/],
      [() => parsePrivateKey(Buffer.concat([der, Buffer.from([0])]).toString('base64'), { envName: 'A' }), /the PKCS#8 private key does not parse/],
      [() => parsePrivateKey(pkcs1.subarray(0, 300).toString('base64'), { envName: 'B' }), /B is not a usable RSA key: the PKCS#1 private key does not parse/],
      [() => parsePublicKey(spki.subarray(0, spki.length - 10).toString('base64'), { envName: 'C' }), /C is not a usable RSA key: the X.509 public key does not parse/],
      [() => parsePublicKey('MAMCAQE=', { envName: 'D' }), /D is not a usable RSA key: the PKCS#1 public key does not parse/],
      [() => parsePrivateKey(Buffer.from(createHash('sha256').digest()).toString('base64'), { envName: 'E' }), /E is not a usable RSA key: the decoded bytes are not a PKCS#8 or PKCS#1 private key/],
    ]
    for (const [run, pattern] of cases) expect(run).toThrow(pattern)
  })
})

describe('bytes and digests without Buffer', () => {
  it('encodes base64 and hex like Buffer', () => {
    for (const length of [0, 1, 2, 3, 4, 255, 256, 1000, 70_000]) {
      const bytes = new Uint8Array(randomBytes(length))
      const buffer = Buffer.from(bytes)
      expect(bytesToBase64(bytes)).toBe(buffer.toString('base64'))
      expect(Buffer.from(base64ToBytes(buffer.toString('base64'))).equals(buffer)).toBe(true)
      expect(bytesToHex(bytes)).toBe(buffer.toString('hex'))
    }
    expect(randomHex(16)).toMatch(/^[0-9a-f]{32}$/)
  })

  it('computes SHA-256 like node:crypto, across block boundaries and for UTF-8 text', () => {
    const texts = ['', 'abc', 'ü ✓ 支付 🙂', ...Array.from({ length: 140 }, (_, length) => 'x'.repeat(length))]
    for (const text of texts) {
      expect(bytesToHex(sha256(new TextEncoder().encode(text)))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'))
    }
    const large = new Uint8Array(randomBytes(100_000))
    expect(bytesToHex(sha256(large))).toBe(createHash('sha256').update(large).digest('hex'))
  })

  it('compares secrets', () => {
    const token = 'a-simulator-token-of-some-length-0123456789'
    expect(sameSecret(token, token)).toBe(true)
    expect(sameSecret(`${token}x`, token)).toBe(false)
    expect(sameSecret(token.slice(0, -1), token)).toBe(false)
    expect(sameSecret('', token)).toBe(false)
    expect(sameSecret('', '')).toBe(true)
  })
})
