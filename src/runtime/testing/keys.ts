import { generateRsaPrivateKey, parsePrivateKey, publicKeyOf, toDashboardBase64 } from '../server/lib/keys'

/** A key pair as the Antom dashboard shows keys: bare base64 (PKCS#8 private, X.509 SPKI public). */
export interface AntomTestKeyPair {
  privateKey: string
  publicKey: string
}

/** Fresh test keys for both sides of the protocol, and the env vars a shop and the simulator read them from. */
export interface AntomTestKeys {
  /** Yours: signs the shop's requests (`NUXT_ANTOM_MERCHANT_PRIVATE_KEY`). */
  merchant: AntomTestKeyPair
  /** Antom's: signs answers and notifications; the shop verifies with its public half (`NUXT_ANTOM_ALIPAY_PUBLIC_KEY`). */
  antom: AntomTestKeyPair
  /**
   * Env for a shop configured exactly as for Antom, with the built-in simulator standing in for Antom's gateway:
   * the simulator accepts the merchant's key and signs with Antom's. Add `NUXT_ANTOM_GATEWAY_URL`.
   */
  env: Record<string, string>
}

async function keyPair(): Promise<AntomTestKeyPair> {
  const privateKey = await generateRsaPrivateKey()
  return { privateKey, publicKey: toDashboardBase64(publicKeyOf(parsePrivateKey(privateKey, { envName: 'test key' }))) }
}

/**
 * Generates RSA-2048 merchant and Antom key pairs for a test run (never commit a private key), in the formats
 * the `NUXT_ANTOM_*` env vars accept.
 * @param clientId the client id to put in `env`
 * @example
 * const keys = await createAntomTestKeys()
 * // start the shop with { ...keys.env, NUXT_ANTOM_GATEWAY_URL: '/api/_antom/simulator' }
 */
export async function createAntomTestKeys(clientId = 'SANDBOX_TEST_SHOP'): Promise<AntomTestKeys> {
  const [merchant, antom] = await Promise.all([keyPair(), keyPair()])
  return {
    merchant,
    antom,
    env: {
      NUXT_ANTOM_CLIENT_ID: clientId,
      NUXT_ANTOM_MERCHANT_PRIVATE_KEY: merchant.privateKey,
      NUXT_ANTOM_ALIPAY_PUBLIC_KEY: antom.publicKey,
      NUXT_ANTOM_SIMULATOR_MERCHANT_PUBLIC_KEY: merchant.publicKey,
      NUXT_ANTOM_SIMULATOR_ANTOM_PRIVATE_KEY: antom.privateKey,
    },
  }
}
