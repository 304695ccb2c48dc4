import { generateKeyPairSync, type KeyObject } from 'node:crypto'

/** A fresh RSA-2048 key pair in every text form a merchant may paste into configuration. */
export interface TestKeyPair {
  privateKey: KeyObject
  publicKey: KeyObject
  /** Bare base64 PKCS#8, as the Antom dashboard shows a private key. */
  privateBase64: string
  /** Bare base64 SPKI, as the Antom dashboard shows a public key. */
  publicBase64: string
  privatePemPkcs8: string
  privatePemPkcs1: string
  publicPemSpki: string
  publicPemPkcs1: string
}

/** Generates a key pair for one test run; no private key is ever committed. */
export function generateTestKeyPair(): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privateKey,
    publicKey,
    privateBase64: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privatePemPkcs8: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    privatePemPkcs1: privateKey.export({ format: 'pem', type: 'pkcs1' }) as string,
    publicPemSpki: publicKey.export({ format: 'pem', type: 'spki' }) as string,
    publicPemPkcs1: publicKey.export({ format: 'pem', type: 'pkcs1' }) as string,
  }
}
