import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePrivateKey, parsePublicKey } from '../../src/runtime/server/lib/keys'
import { buildSignContent, formatSignatureHeader, parseSignatureHeader, signMessage, verifyMessage, type SignedMessage } from '../../src/runtime/server/lib/signature'
import { generateTestKeyPair } from '../helpers/keys'

const vector = JSON.parse(readFileSync(new URL('../vectors/antom-notify-2019.json', import.meta.url), 'utf8'))
const alipayKey = parsePublicKey(vector.antomPublicKey, { envName: 'TEST' })
const vectorMessage: SignedMessage = { path: vector.path, clientId: vector.clientId, time: vector.requestTime, body: vector.body }

describe('the real 2019 Alipay notification', () => {
  it('verifies with the path without query string', async () => {
    expect(await verifyMessage(vectorMessage, vector.signatureHeader, alipayKey)).toBe(true)
  })

  it('fails with the query string in the path', async () => {
    expect(await verifyMessage({ ...vectorMessage, path: vector.pathWithQuery }, vector.signatureHeader, alipayKey)).toBe(false)
  })

  it('fails when one body byte changes', async () => {
    const body = vector.body.replace('"value":"100"', '"value":"900"')
    expect(body).not.toBe(vector.body)
    expect(await verifyMessage({ ...vectorMessage, body }, vector.signatureHeader, alipayKey)).toBe(false)
  })

  it('fails with another key, client id or request time', async () => {
    const other = generateTestKeyPair().publicKey
    expect(await verifyMessage(vectorMessage, vector.signatureHeader, other)).toBe(false)
    expect(await verifyMessage({ ...vectorMessage, clientId: 'T_ALLPAY_2' }, vector.signatureHeader, alipayKey)).toBe(false)
    expect(await verifyMessage({ ...vectorMessage, time: '2019-11-12T09:37:01Z' }, vector.signatureHeader, alipayKey)).toBe(false)
  })

  it('verifies whatever form the header takes: spaces, lower-case escapes, raw base64', async () => {
    const encoded = vector.signatureHeader.split('signature=')[1] as string
    const raw = decodeURIComponent(encoded)
    const lowerEscapes = encoded.replace(/%[0-9A-F]{2}/g, (escape: string) => escape.toLowerCase())
    for (const header of [
      `algorithm=RSA256, keyVersion=1, signature=${encoded}`,
      `algorithm=RSA256,keyVersion=1,signature=${lowerEscapes}`,
      `algorithm=RSA256,keyVersion=1,signature=${raw}`,
      `Algorithm=RSA256,KeyVersion=1,Signature=${encoded}`,
    ]) {
      expect(await verifyMessage(vectorMessage, header, alipayKey), header.slice(0, 50)).toBe(true)
    }
  })

  it('rejects missing or malformed headers', async () => {
    for (const header of [undefined, '', 'algorithm=RSA256,keyVersion=1', 'algorithm=RSA256,keyVersion=1,signature=', 'algorithm=RSA256,keyVersion=1,signature=%ZZ', 'algorithm=HMAC,keyVersion=1,signature=abc', 'signature=not base64!']) {
      expect(await verifyMessage(vectorMessage, header, alipayKey)).toBe(false)
    }
  })
})

describe('signing', () => {
  const pair = generateTestKeyPair()
  const message: SignedMessage = { path: '/ams/api/v1/payments/inquiryPayment', clientId: 'SANDBOX_5X00000000000000', time: '1685599933871', body: '{"paymentRequestId":"pr-1","note":"ü ✓"}' }

  it('builds the exact string Antom signs', () => {
    expect(buildSignContent(message)).toBe('POST /ams/api/v1/payments/inquiryPayment\nSANDBOX_5X00000000000000.1685599933871.{"paymentRequestId":"pr-1","note":"ü ✓"}')
  })

  it('url-encodes the base64 signature and formats the header', async () => {
    const signature = await signMessage(message, pair.privateKey)
    expect(signature).not.toMatch(/[+/=]/)
    expect(decodeURIComponent(signature)).toMatch(/^[A-Z0-9+/]+={0,2}$/i)
    expect(formatSignatureHeader(signature)).toBe(`algorithm=RSA256,keyVersion=1,signature=${signature}`)
    expect(parseSignatureHeader(formatSignatureHeader(signature, '3'))).toEqual({ algorithm: 'RSA256', keyVersion: '3', signature: decodeURIComponent(signature) })
  })

  it('is deterministic (PKCS#1 v1.5) and round-trips with every key format', async () => {
    const privateForms = [pair.privateBase64, pair.privatePemPkcs8, pair.privatePemPkcs1, pair.privatePemPkcs1.replace(/RSA PRIVATE KEY/g, 'PRIVATE KEY'), pair.privatePemPkcs8.replace(/PRIVATE KEY/g, 'RSA PRIVATE KEY'), pair.privatePemPkcs8.replace(/\n/g, '\\n')]
    const publicForms = [pair.publicBase64, pair.publicPemSpki, pair.publicPemPkcs1]
    const expected = await signMessage(message, pair.privateKey)
    for (const form of privateForms) {
      const signature = await signMessage(message, parsePrivateKey(form, { envName: 'TEST' }))
      expect(signature).toBe(expected)
      for (const publicForm of publicForms) {
        expect(await verifyMessage(message, formatSignatureHeader(signature), parsePublicKey(publicForm, { envName: 'TEST' }))).toBe(true)
      }
    }
  })

  it('fails to verify when any signed field changes', async () => {
    const header = formatSignatureHeader(await signMessage(message, pair.privateKey))
    expect(await verifyMessage({ ...message, method: 'GET' }, header, pair.publicKey)).toBe(false)
    expect(await verifyMessage({ ...message, path: '/ams/sandbox/api/v1/payments/inquiryPayment' }, header, pair.publicKey)).toBe(false)
    expect(await verifyMessage({ ...message, clientId: 'SANDBOX_5X00000000000001' }, header, pair.publicKey)).toBe(false)
    expect(await verifyMessage({ ...message, time: '1685599933872' }, header, pair.publicKey)).toBe(false)
    expect(await verifyMessage({ ...message, body: `${message.body} ` }, header, pair.publicKey)).toBe(false)
  })
})

describe('interoperability with the openssl command line', () => {
  const pair = generateTestKeyPair()
  const dir = mkdtempSync(join(tmpdir(), 'antom-openssl-'))
  const message: SignedMessage = { path: '/ams/sandbox/api/v1/payments/createPaymentSession', clientId: 'SANDBOX_TEST', time: String(Date.now()), body: '{"paymentAmount":{"currency":"USD","value":"1099"}}' }
  writeFileSync(join(dir, 'private.pem'), pair.privatePemPkcs8)
  writeFileSync(join(dir, 'public.pem'), pair.publicPemSpki)
  writeFileSync(join(dir, 'content.txt'), buildSignContent(message))

  it('openssl verifies a signature the module made', async () => {
    const signature = decodeURIComponent(await signMessage(message, parsePrivateKey(pair.privateBase64, { envName: 'TEST' })))
    writeFileSync(join(dir, 'module.sig'), Buffer.from(signature, 'base64'))
    const output = execFileSync('openssl', ['dgst', '-sha256', '-verify', join(dir, 'public.pem'), '-signature', join(dir, 'module.sig'), join(dir, 'content.txt')], { encoding: 'utf8' })
    expect(output.trim()).toBe('Verified OK')
  })

  it('openssl rejects the module\'s signature over other content', () => {
    writeFileSync(join(dir, 'other.txt'), buildSignContent({ ...message, body: '{}' }))
    expect(() => execFileSync('openssl', ['dgst', '-sha256', '-verify', join(dir, 'public.pem'), '-signature', join(dir, 'module.sig'), join(dir, 'other.txt')], { stdio: 'pipe' })).toThrow()
  })

  it('the module verifies a signature openssl made', async () => {
    const signature = execFileSync('openssl', ['dgst', '-sha256', '-sign', join(dir, 'private.pem'), join(dir, 'content.txt')])
    const header = formatSignatureHeader(encodeURIComponent(signature.toString('base64')))
    expect(await verifyMessage(message, header, parsePublicKey(pair.publicBase64, { envName: 'TEST' }))).toBe(true)
    expect(await verifyMessage({ ...message, time: '0' }, header, pair.publicKey)).toBe(false)
  })
})
