import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAntomClient, type AntomClientOptions } from '../../src/runtime/server/lib/client'
import { AntomError } from '../../src/runtime/server/lib/errors'
import { generateTestKeyPair } from '../helpers/keys'
import { startScriptedGateway } from '../helpers/gateway'

const merchant = generateTestKeyPair()
const antom = generateTestKeyPair()
const other = generateTestKeyPair()
const S = { result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' } }
const U = { result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION', resultMessage: 'try again' } }
const F = { result: { resultStatus: 'F', resultCode: 'PARAM_ILLEGAL', resultMessage: 'paymentRequestId is illegal' } }

let gateway: Awaited<ReturnType<typeof startScriptedGateway>>

function client(overrides: Partial<AntomClientOptions> = {}) {
  return createAntomClient({
    clientId: 'SANDBOX_5X00000000000000',
    merchantPrivateKey: merchant.privateBase64,
    alipayPublicKey: antom.publicBase64,
    gatewayUrl: gateway.url,
    retry: { baseDelay: 5, maxDelay: 20 },
    ...overrides,
  })
}

async function failure(promise: Promise<unknown>): Promise<AntomError> {
  const error = await promise.then(() => undefined, (error: unknown) => error)
  expect(error).toBeInstanceOf(AntomError)
  return error as AntomError
}

beforeAll(async () => {
  gateway = await startScriptedGateway({ merchantPublicKey: merchant.publicKey, antomPrivateKey: antom.privateKey, otherPrivateKey: other.privateKey })
})
afterAll(() => gateway.close())
beforeEach(() => gateway.reset())

describe('antom client', () => {
  it('signs what it sends, on the sandbox path for SANDBOX_ ids', async () => {
    gateway.answer({ body: { ...S, paymentStatus: 'SUCCESS', paymentRequestId: 'pr-1' } })
    const answer = await client().inquiryPayment({ paymentRequestId: 'pr-1' })
    expect(answer.paymentStatus).toBe('SUCCESS')
    const [request] = gateway.received
    expect(request!.path).toBe('/ams/sandbox/api/v1/payments/inquiryPayment')
    expect(request!.signatureValid).toBe(true)
    expect(request!.body).toBe('{"paymentRequestId":"pr-1"}')
    expect(request!.headers['client-id']).toBe('SANDBOX_5X00000000000000')
    expect(request!.headers['request-time']).toMatch(/^\d{13}$/)
    expect(request!.headers['content-type']).toBe('application/json; charset=UTF-8')
    expect(request!.headers.signature).toMatch(/^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%]+$/)
  })

  it('uses the production path for other client ids and every API path', async () => {
    const live = client({ clientId: 'T_111222333' })
    gateway.answer({ body: S }, { body: S }, { body: S }, { body: S }, { body: S })
    await live.createPaymentSession({ productCode: 'CASHIER_PAYMENT', paymentRequestId: 'pr-2', order: { referenceOrderId: 'o', orderDescription: 'd', orderAmount: { currency: 'USD', value: '1' } }, paymentAmount: { currency: 'USD', value: '1' }, paymentMethod: { paymentMethodType: 'ALIPAY_CN' }, paymentRedirectUrl: 'https://shop.example/r' })
    await live.inquiryPayment({ paymentId: 'p-1' })
    await live.cancelPayment({ paymentRequestId: 'pr-2' })
    await live.refund({ refundRequestId: 'rr-1', paymentId: 'p-1', refundAmount: { currency: 'USD', value: '1' } })
    await live.inquiryRefund({ refundRequestId: 'rr-1' })
    expect(gateway.received.map(request => request.path)).toEqual([
      '/ams/api/v1/payments/createPaymentSession',
      '/ams/api/v1/payments/inquiryPayment',
      '/ams/api/v1/payments/cancel',
      '/ams/api/v1/payments/refund',
      '/ams/api/v1/payments/inquiryRefund',
    ])
    expect(gateway.received.every(request => request.signatureValid)).toBe(true)
  })

  it('refuses an unsigned success', async () => {
    gateway.answer({ body: S, sign: 'none' })
    const error = await failure(client({ retry: false }).inquiryPayment({ paymentRequestId: 'pr-3' }))
    expect(error.kind).toBe('signature')
    expect(error.message).toMatch(/not signed/)
  })

  it('refuses an answer signed by another key, or with half the signature headers', async () => {
    gateway.answer({ body: S, sign: 'wrong' }, { body: F, sign: 'time-only' })
    const wrong = await failure(client().inquiryPayment({ paymentRequestId: 'pr-4' }))
    expect(wrong.kind).toBe('signature')
    const half = await failure(client().inquiryPayment({ paymentRequestId: 'pr-4' }))
    expect(half.kind).toBe('signature')
    expect(gateway.received).toHaveLength(2)
  })

  it('accepts an unsigned F and does not retry it', async () => {
    gateway.answer({ body: F, sign: 'none' })
    const error = await failure(client().inquiryPayment({ paymentRequestId: 'pr-5' }))
    expect(error).toMatchObject({ kind: 'result', resultStatus: 'F', resultCode: 'PARAM_ILLEGAL', resultMessage: 'paymentRequestId is illegal' })
    expect(gateway.received).toHaveLength(1)
  })

  it('retries U with the same body, then succeeds', async () => {
    gateway.answer({ body: U, sign: 'none' }, { body: U }, { body: { ...S, refundId: 'r-1' } })
    const answer = await client().refund({ refundRequestId: 'rr-2', paymentId: 'p-2', refundAmount: { currency: 'USD', value: '500' } })
    expect(answer.refundId).toBe('r-1')
    expect(gateway.received).toHaveLength(3)
    expect(new Set(gateway.received.map(request => request.body)).size).toBe(1)
    expect(gateway.received.every(request => request.signatureValid)).toBe(true)
  })

  it('gives up after the configured attempts with the last U', async () => {
    gateway.answer({ body: U }, { body: U }, { body: U }, { body: S })
    const error = await failure(client().cancelPayment({ paymentRequestId: 'pr-6' }))
    expect(error).toMatchObject({ kind: 'result', resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION' })
    expect(gateway.received).toHaveLength(3)
  })

  it('retries HTTP 5xx but not 4xx', async () => {
    gateway.answer({ status: 503, body: 'busy', sign: 'none' }, { body: S })
    await client().inquiryPayment({ paymentRequestId: 'pr-7' })
    expect(gateway.received).toHaveLength(2)
    gateway.received.length = 0
    gateway.answer({ status: 404, body: 'no such path', sign: 'none' })
    const error = await failure(client().inquiryPayment({ paymentRequestId: 'pr-7' }))
    expect(error).toMatchObject({ kind: 'network', httpStatus: 404, resultStatus: 'U' })
    expect(gateway.received).toHaveLength(1)
  })

  it('honours the timeout, and retries it within the total time limit', async () => {
    gateway.answer({ body: S, delayMs: 400 }, { body: S, delayMs: 400 })
    const started = Date.now()
    const error = await failure(client({ timeout: 100, retry: { attempts: 2, baseDelay: 5, maxDelay: 5 } }).inquiryPayment({ paymentRequestId: 'pr-8' }))
    expect(error.kind).toBe('timeout')
    expect(error.resultCode).toBe('TIMEOUT')
    // Two attempts that waited for the 400 ms answers would take at least 800 ms; the rest is slack for a loaded CI.
    expect(Date.now() - started).toBeLessThan(750)
    expect(gateway.received).toHaveLength(2)
  })

  it('stops retrying when the total time limit would be passed', async () => {
    gateway.answer({ body: U }, { body: U })
    const error = await failure(client({ retry: { attempts: 5, baseDelay: 1000, maxDelay: 1000, totalTime: 100 } }).inquiryPayment({ paymentRequestId: 'pr-9' }))
    expect(error.resultStatus).toBe('U')
    expect(gateway.received).toHaveLength(1)
  })

  it('reports an unreachable gateway as a network error without secrets', async () => {
    const error = await failure(client({ gatewayUrl: 'http://127.0.0.1:9', retry: false }).inquiryPayment({ paymentRequestId: 'pr-10' }))
    expect(error).toMatchObject({ kind: 'network', resultCode: 'UNKNOWN_NETWORK', resultStatus: 'U' })
    const serialised = JSON.stringify(error.toJSON()) + error.message
    expect(serialised).not.toContain(merchant.privateBase64.slice(40, 80))
    expect(serialised).not.toContain('signature=')
  })
})
