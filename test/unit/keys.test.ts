import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { AntomError } from '../../src/runtime/server/lib/errors'
import { parsePrivateKey, parsePublicKey, toDashboardBase64 } from '../../src/runtime/server/lib/keys'
import { generateTestKeyPair } from '../helpers/keys'

const source = { envName: 'NUXT_ANTOM_MERCHANT_PRIVATE_KEY' }

function errorOf(run: () => unknown): AntomError {
  try {
    run()
  }
  catch (error) {
    return error as AntomError
  }
  throw new Error('expected an error')
}

describe('key parsing', () => {
  const pair = generateTestKeyPair()

  it('detects PKCS#1 and PKCS#8 from the bytes, whatever the PEM label says', () => {
    const pkcs1Der = pair.privateKey.export({ format: 'der', type: 'pkcs1' }).toString('base64')
    for (const form of [pair.privateBase64, pkcs1Der, pair.privatePemPkcs1, pair.privatePemPkcs8]) {
      expect(toDashboardBase64(parsePrivateKey(form, source))).toBe(pair.privateBase64)
    }
    const pkcs1PublicDer = pair.publicKey.export({ format: 'der', type: 'pkcs1' }).toString('base64')
    for (const form of [pair.publicBase64, pkcs1PublicDer, pair.publicPemSpki, pair.publicPemPkcs1]) {
      expect(toDashboardBase64(parsePublicKey(form, { envName: 'NUXT_ANTOM_ALIPAY_PUBLIC_KEY' }))).toBe(pair.publicBase64)
    }
  })

  it('names the env var and the problem, never the key', () => {
    const truncated = pair.privateBase64.slice(0, 200)
    const cases: Array<[string, RegExp]> = [
      ['', /NUXT_ANTOM_MERCHANT_PRIVATE_KEY.*empty/],
      ['not a key at all!', /NUXT_ANTOM_MERCHANT_PRIVATE_KEY.*base64 alphabet/],
      [truncated, /NUXT_ANTOM_MERCHANT_PRIVATE_KEY.*(does not parse|not a PKCS)/],
      [pair.publicBase64, /NUXT_ANTOM_MERCHANT_PRIVATE_KEY.*not a PKCS#8 or PKCS#1 private key/],
    ]
    for (const [text, pattern] of cases) {
      const error = errorOf(() => parsePrivateKey(text, source))
      expect(error).toBeInstanceOf(AntomError)
      expect(error.kind).toBe('config')
      expect(error.message).toMatch(pattern)
      if (text.length > 20) expect(error.message).not.toContain(text.slice(0, 20))
      expect(JSON.stringify(error.toJSON())).not.toContain(pair.privateBase64.slice(30, 60))
    }
  })

  it('refuses a key that is not RSA', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const error = errorOf(() => parsePrivateKey(ec.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'), source))
    expect(error.message).toMatch(/ec key, Antom signs with RSA/)
    const publicError = errorOf(() => parsePublicKey(ec.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), { envName: 'NUXT_ANTOM_ALIPAY_PUBLIC_KEY' }))
    expect(publicError.message).toMatch(/NUXT_ANTOM_ALIPAY_PUBLIC_KEY.*ec key/)
  })
})
