// The loop bench/runtimes.ts runs on every runtime, bundled once: nuxt-antom's protocol core (lib/signature.ts and
// lib/keys.ts on Web Crypto) signing and verifying a notification-sized message. Only Web APIs: no Node, no I/O.
import { parsePrivateKey, parsePublicKey, type AntomPrivateKey, type AntomPublicKey } from '../../src/runtime/server/lib/keys'
import { formatSignatureHeader, signMessage, verifyMessage } from '../../src/runtime/server/lib/signature'

/** The test key pair, base64 PKCS#8 and SPKI, written in when the loop is bundled. */
declare const __BENCH_KEYS__: { privateKey: string, publicKey: string }

/** What one runtime measured: operations per second, one figure per round. */
export interface LoopResult {
  userAgent: string
  sign: number[]
  verify: number[]
}

const message = {
  path: '/api/_antom/notify',
  clientId: 'SANDBOX_5X00000000000000',
  time: '2026-11-28T12:00:00Z',
  body: JSON.stringify({
    notifyType: 'PAYMENT_RESULT',
    result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success.' },
    paymentRequestId: 'pr_0123456789abcdef0123456789abcdef',
    paymentId: '20261128190000000000000000000001',
    paymentAmount: { currency: 'USD', value: '4950' },
    paymentCreateTime: '2026-11-28T12:00:00+08:00',
    paymentTime: '2026-11-28T12:01:00+08:00',
  }),
}

/** Runs `op` in batches for about `ms` milliseconds (at most `limit` times) and answers operations per second. */
async function rate(op: () => Promise<unknown>, ms: number, batch: number, limit: number): Promise<number> {
  let count = 0
  let elapsed: number
  const start = performance.now()
  do {
    for (let index = 0; index < batch; index++) await op()
    count += batch
    elapsed = performance.now() - start
  } while (elapsed < ms && count < limit)
  // A clock that never moved (Workers' production isolates only advance it on I/O) yields no figure.
  return elapsed > 0 ? count * 1000 / elapsed : Number.NaN
}

/**
 * Signs and verifies in alternating rounds of `ms` milliseconds each, after a short warm-up.
 * @param options how many rounds, and how long each lasts
 * @param options.rounds how many rounds of each
 * @param options.ms how long one round lasts
 */
export async function runLoop(options: { rounds: number, ms: number }): Promise<LoopResult> {
  const privateKey: AntomPrivateKey = parsePrivateKey(__BENCH_KEYS__.privateKey, { envName: 'bench private key' })
  const publicKey: AntomPublicKey = parsePublicKey(__BENCH_KEYS__.publicKey, { envName: 'bench public key' })
  const header = formatSignatureHeader(await signMessage(message, privateKey))
  if (!await verifyMessage(message, header, publicKey)) throw new Error('the bench signature does not verify')
  if (await verifyMessage({ ...message, body: `${message.body} ` }, header, publicKey)) throw new Error('a changed body verified')
  const sign = () => signMessage(message, privateKey)
  const verify = () => verifyMessage(message, header, publicKey)
  await rate(sign, 200, 5, 10_000)
  await rate(verify, 200, 50, 100_000)
  const result: LoopResult = { userAgent: globalThis.navigator?.userAgent ?? 'unknown', sign: [], verify: [] }
  for (let round = 0; round < options.rounds; round++) {
    result.sign.push(await rate(sign, options.ms, 5, 100_000))
    result.verify.push(await rate(verify, options.ms, 50, 2_000_000))
  }
  return result
}
