import type { z } from 'zod'
import type { AntomApiName } from '../lib/endpoints'
import { generateRsaPrivateKey, parsePrivateKey, type AntomPrivateKey } from '../lib/keys'
import { formatSignatureHeader, signMessage, verifyMessage } from '../lib/signature'
import { toAntomTime } from '../lib/time'
import { takeFaults } from './faults'
import { simulatorMerchants, type SimulatorMerchant } from './identity'
import { capture } from './captures'
import { acceptDispute, downloadDisputeEvidence, supplyDefenseDocument } from './disputes'
import { cancelPayment, createPaymentSession, failure, findPayment, inquiryPayment, inquiryRefund, refund, type SimulatorAnswer } from './payments'
import {
  captureSchema, createPaymentSessionSchema, describeIssue, disputeReferenceSchema, downloadDisputeEvidenceSchema,
  paymentReferenceSchema, refundReferenceSchema, refundSchema, supplyDefenseDocumentSchema,
} from './schemas'

/** A request as it reached the simulated gateway. */
export interface GatewayRequest {
  /** The path Antom would see and the merchant signed, e.g. `/ams/sandbox/api/v1/payments/inquiryPayment`. */
  path: string
  headers: { clientId?: string, requestTime?: string, signature?: string }
  /** Raw body text. */
  body: string
}

/** What the simulated gateway answers. */
export interface GatewayResponse {
  status: number
  headers: Record<string, string>
  body: string
}

const PATH_PATTERN = /^\/ams\/(?:sandbox\/)?api\/v1\/payments\/(\w+)$/

/** One call the simulated gateway received, for tests that check what was (re)sent. */
export interface GatewayCall {
  at: number
  api: string
  /** The idempotency key of the call, if its body had one. */
  paymentRequestId?: string
  refundRequestId?: string
  captureRequestId?: string
  disputeId?: string
  /** createPaymentSession: the URLs and buyer address the merchant sent (what a Host-header attack would change). */
  paymentNotifyUrl?: string
  paymentRedirectUrl?: string
  clientIp?: string
  /** createPaymentSession: Payment Element or Checkout Page, and the fixed method (the cashier's) if any. */
  productScene?: string
  paymentMethodType?: string
  /** createPaymentSession: `paymentFactor.captureMode`, when sent. */
  captureMode?: string
}

const MAX_CALLS = 1000
const calls: GatewayCall[] = []

/** The most recent calls this process's simulated gateway received (at most 1000), oldest first. */
export function recentGatewayCalls(): GatewayCall[] {
  return [...calls]
}

function remember(api: string, body: string): void {
  let ids: { paymentRequestId?: unknown, refundRequestId?: unknown, captureRequestId?: unknown, disputeId?: unknown, paymentNotifyUrl?: unknown, paymentRedirectUrl?: unknown, env?: { clientIp?: unknown }, productScene?: unknown, paymentMethod?: { paymentMethodType?: unknown }, paymentFactor?: { captureMode?: unknown } } = {}
  try {
    const parsed: unknown = JSON.parse(body)
    if (parsed && typeof parsed === 'object') ids = parsed
  }
  catch {
    // an unreadable body is answered as PARAM_ILLEGAL; the call is still recorded
  }
  calls.push({
    at: Date.now(),
    api,
    ...(typeof ids.paymentRequestId === 'string' ? { paymentRequestId: ids.paymentRequestId } : {}),
    ...(typeof ids.refundRequestId === 'string' ? { refundRequestId: ids.refundRequestId } : {}),
    ...(typeof ids.captureRequestId === 'string' ? { captureRequestId: ids.captureRequestId } : {}),
    ...(typeof ids.disputeId === 'string' ? { disputeId: ids.disputeId } : {}),
    ...(typeof ids.paymentFactor?.captureMode === 'string' ? { captureMode: ids.paymentFactor.captureMode } : {}),
    ...(typeof ids.paymentNotifyUrl === 'string' ? { paymentNotifyUrl: ids.paymentNotifyUrl } : {}),
    ...(typeof ids.paymentRedirectUrl === 'string' ? { paymentRedirectUrl: ids.paymentRedirectUrl } : {}),
    ...(typeof ids.env?.clientIp === 'string' ? { clientIp: ids.env.clientIp } : {}),
    ...(typeof ids.productScene === 'string' ? { productScene: ids.productScene } : {}),
    ...(typeof ids.paymentMethod?.paymentMethodType === 'string' ? { paymentMethodType: ids.paymentMethod.paymentMethodType } : {}),
  })
  if (calls.length > MAX_CALLS) calls.splice(0, calls.length - MAX_CALLS)
}

const handlers: Record<AntomApiName, { schema: z.ZodType, run: (body: never, caller: { clientId: string, merchant: SimulatorMerchant['name'] }) => Promise<SimulatorAnswer> }> = {
  createPaymentSession: { schema: createPaymentSessionSchema, run: createPaymentSession },
  inquiryPayment: { schema: paymentReferenceSchema, run: inquiryPayment },
  cancel: { schema: paymentReferenceSchema, run: cancelPayment },
  refund: { schema: refundSchema, run: refund },
  inquiryRefund: { schema: refundReferenceSchema, run: inquiryRefund },
  capture: { schema: captureSchema, run: (body: Parameters<typeof capture>[0]) => capture(body, findPayment) },
  acceptDispute: { schema: disputeReferenceSchema, run: acceptDispute },
  supplyDefenseDocument: { schema: supplyDefenseDocumentSchema, run: supplyDefenseDocument },
  downloadDisputeEvidence: { schema: downloadDisputeEvidenceSchema, run: downloadDisputeEvidence },
}

let strangerKey: Promise<AntomPrivateKey> | undefined

/** A key that is not Antom's, for the `bad-signature` fault: generated once, on first need. */
function stranger(): Promise<AntomPrivateKey> {
  strangerKey ??= generateRsaPrivateKey().then(text => parsePrivateKey(text, { envName: 'the simulator\'s stranger key' }), (error: unknown) => {
    strangerKey = undefined
    throw error
  })
  return strangerKey
}

/**
 * Handles one call to the simulated Antom gateway the way Antom does: verifies the merchant's
 * signature over the path it was sent to, validates the body, runs the API against the simulator's
 * ledger and signs the answer with the simulator's Antom key (`response-time` ISO-8601 with offset).
 * Signature and client failures are answered unsigned with F, as Antom does.
 */
export async function handleGatewayRequest(request: GatewayRequest): Promise<GatewayResponse> {
  const api = PATH_PATTERN.exec(request.path)?.[1] as AntomApiName | undefined
  if (!api || !(api in handlers)) {
    return answer(404, failure('NOT_FOUND', `No Antom API at ${request.path}.`))
  }
  remember(api, request.body)
  const { clientId, requestTime, signature } = request.headers
  if (!clientId) return answer(200, failure('CLIENT_INVALID', 'The client-id header is missing.'))
  if (!requestTime || !signature) return answer(200, failure('INVALID_SIGNATURE', 'The request-time or signature header is missing.'))
  const message = { path: request.path, clientId, time: requestTime, body: request.body }
  let merchant: SimulatorMerchant | undefined
  for (const candidate of await simulatorMerchants()) {
    if (await verifyMessage(message, signature, candidate.merchantPublicKey)) {
      merchant = candidate
      break
    }
  }
  if (!merchant) return answer(200, failure('INVALID_SIGNATURE', 'The signature does not verify with the merchant public key.'))

  const faults = await takeFaults(api)
  const delay = faults.find(fault => fault.type === 'delay')
  if (delay?.delayMs) await new Promise(resolve => setTimeout(resolve, delay.delayMs))
  const httpError = faults.find(fault => fault.type === 'http-error')
  if (httpError) return { status: httpError.status ?? 503, headers: { 'content-type': 'text/plain' }, body: 'Service Unavailable' }

  const sign = async (result: SimulatorAnswer) => {
    if (faults.some(fault => fault.type === 'unsigned')) return answer(200, result)
    const key = faults.some(fault => fault.type === 'bad-signature') ? await stranger() : merchant.antomPrivateKey
    return answer(200, result, { path: request.path, clientId, key })
  }
  const failWith = faults.find(fault => fault.type === 'result-f')
  if (failWith) return sign(failure(failWith.resultCode ?? 'PROCESS_FAIL', 'The simulator was told to fail this call.'))
  if (faults.some(fault => fault.type === 'result-u')) {
    return sign({ result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION', resultMessage: 'An unknown exception occurred; call again.' } })
  }

  let parsed: unknown
  try {
    parsed = JSON.parse(request.body)
  }
  catch {
    return sign(failure('PARAM_ILLEGAL', 'body: not valid JSON'))
  }
  const validation = handlers[api].schema.safeParse(parsed)
  if (!validation.success) return sign(failure('PARAM_ILLEGAL', describeIssue(validation.error)))
  return sign(await handlers[api].run(validation.data as never, { clientId, merchant: merchant.name }))
}

async function answer(status: number, result: SimulatorAnswer, signer?: { path: string, clientId: string, key: AntomPrivateKey }): Promise<GatewayResponse> {
  const body = JSON.stringify(result)
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' }
  if (signer) {
    const responseTime = toAntomTime(Date.now())
    headers['client-id'] = signer.clientId
    headers['response-time'] = responseTime
    headers.signature = formatSignatureHeader(await signMessage({ path: signer.path, clientId: signer.clientId, time: responseTime, body }, signer.key))
  }
  return { status, headers, body }
}
