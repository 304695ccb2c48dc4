import { $fetch as ofetch, type $Fetch } from 'ofetch'
import type {
  AcceptDisputeRequest, AntomResponse,
  CancelPaymentRequest, CancelPaymentResponse,
  CaptureRequest, CaptureResponse, DisputeActionResponse,
  DownloadDisputeEvidenceRequest, DownloadDisputeEvidenceResponse, SupplyDefenseDocumentRequest,
  CreatePaymentSessionRequest, CreatePaymentSessionResponse,
  InquiryPaymentRequest, InquiryPaymentResponse,
  InquiryRefundRequest, InquiryRefundResponse,
  RefundRequest, RefundResponse,
} from '../../types/antom'
import { AntomError, isRetryable } from './errors'
import { apiPath, type AntomApiName } from './endpoints'
import { parsePrivateKey, parsePublicKey, type PrivateKeyInput, type PublicKeyInput } from './keys'
import { formatSignatureHeader, signMessage, verifyMessage } from './signature'

/** How the client retries calls whose outcome is unknown. */
export interface AntomRetryOptions {
  /** Attempts in all, the first included. @default 3 */
  attempts?: number
  /** Delay before the first retry in ms, doubled each time, with jitter. @default 250 */
  baseDelay?: number
  /** Upper bound of one delay in ms. @default 2000 */
  maxDelay?: number
  /** No retry starts once this many ms have passed since the first attempt. @default 30000 */
  totalTime?: number
}

/** Everything the client needs; the server util `useAntomClient(event)` fills it from runtime config. */
export interface AntomClientOptions {
  /** Your Antom client id; `SANDBOX_…` ids are sent to the sandbox paths. */
  clientId: string
  /** Merchant RSA private key: text (base64, PEM, PKCS#8 or PKCS#1), a key from `parsePrivateKey`, a Web Crypto CryptoKey or a node:crypto KeyObject. */
  merchantPrivateKey: string | PrivateKeyInput
  /** Antom's RSA public key from the dashboard, used to verify answers (text, a key from `parsePublicKey`, a CryptoKey or a KeyObject). */
  alipayPublicKey: string | PublicKeyInput
  /** Gateway origin, e.g. `https://open-sea-global.alipay.com`, or the simulator's URL. */
  gatewayUrl: string
  /** Key version announced in the signature header. @default '1' */
  keyVersion?: string
  /** Per-attempt timeout in ms (the official SDKs use 15 s). @default 15000 */
  timeout?: number
  /** Retry policy for unknown outcomes; `false` disables retries. */
  retry?: AntomRetryOptions | false
  /** ISV agent token, sent as `agent-token` when set. */
  agentToken?: string
  /** The fetch to use; Nitro's `$fetch` lets a relative gatewayUrl reach routes in-process. @default ofetch */
  fetch?: $Fetch
}

/** A typed, signing, verifying client for the Antom APIs a checkout uses. */
export interface AntomClient {
  /** Creates a cashier payment session; retried safely because `paymentRequestId` is the idempotency key. */
  createPaymentSession: (body: CreatePaymentSessionRequest) => Promise<CreatePaymentSessionResponse>
  /** Asks for a payment's status; `result` says whether the query worked, `paymentStatus` the payment's state. */
  inquiryPayment: (body: InquiryPaymentRequest) => Promise<InquiryPaymentResponse>
  /** Cancels (closes) a payment; repeating it cannot cancel twice. */
  cancelPayment: (body: CancelPaymentRequest) => Promise<CancelPaymentResponse>
  /** Refunds all or part of a payment; `refundRequestId` makes retries safe. */
  refund: (body: RefundRequest) => Promise<RefundResponse>
  /** Asks for a refund's status. */
  inquiryRefund: (body: InquiryRefundRequest) => Promise<InquiryRefundResponse>
  /** Captures an authorised card payment; `captureRequestId` makes retries safe. `U` (`CAPTURE_IN_PROCESS`): wait for CAPTURE_RESULT. */
  capture: (body: CaptureRequest) => Promise<CaptureResponse>
  /** Accepts a dispute: the disputed amount goes back to the buyer. */
  acceptDispute: (body: AcceptDisputeRequest) => Promise<DisputeActionResponse>
  /** Defends a dispute with a document (base64). */
  supplyDefenseDocument: (body: SupplyDefenseDocumentRequest) => Promise<DisputeActionResponse>
  /** Downloads a dispute's evidence file or Antom's defense template (base64). */
  downloadDisputeEvidence: (body: DownloadDisputeEvidenceRequest) => Promise<DownloadDisputeEvidenceResponse>
  /** Signs, sends and verifies any API call by name. */
  call: <T extends AntomResponse>(api: AntomApiName, body: object) => Promise<T>
}

const DEFAULT_RETRY: Required<AntomRetryOptions> = { attempts: 3, baseDelay: 250, maxDelay: 2000, totalTime: 30_000 }

/**
 * Creates an Antom API client. Each call serialises the body once, signs exactly those bytes,
 * verifies the answer's signature over the raw bytes, and throws {@link AntomError} unless the
 * result is `S`. Calls whose outcome is unknown (network error, HTTP 5xx, timeout, result `U`) are
 * sent again unchanged, with bounded jittered backoff; `F` results are never retried.
 */
export function createAntomClient(options: AntomClientOptions): AntomClient {
  const privateKey = typeof options.merchantPrivateKey === 'string'
    ? parsePrivateKey(options.merchantPrivateKey, { envName: 'NUXT_ANTOM_MERCHANT_PRIVATE_KEY' })
    : options.merchantPrivateKey
  const publicKey = typeof options.alipayPublicKey === 'string'
    ? parsePublicKey(options.alipayPublicKey, { envName: 'NUXT_ANTOM_ALIPAY_PUBLIC_KEY' })
    : options.alipayPublicKey
  const retry = options.retry === false ? { ...DEFAULT_RETRY, attempts: 1 } : { ...DEFAULT_RETRY, ...options.retry }
  const fetcher = options.fetch ?? ofetch
  const gatewayUrl = options.gatewayUrl.replace(/\/+$/, '')

  async function attempt<T extends AntomResponse>(path: string, body: string): Promise<T> {
    const requestTime = String(Date.now())
    const signature = await signMessage({ path, clientId: options.clientId, time: requestTime, body }, privateKey)
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=UTF-8',
      'client-id': options.clientId,
      'request-time': requestTime,
      'signature': formatSignatureHeader(signature, options.keyVersion),
    }
    if (options.agentToken) headers['agent-token'] = options.agentToken

    const timeout = options.timeout ?? 15_000
    let response
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const request = fetcher.raw<string, 'text'>(`${gatewayUrl}${path}`, {
        method: 'POST',
        body,
        headers,
        responseType: 'text',
        timeout,
        retry: 0,
        ignoreResponseError: true,
      })
      // The timer also covers fetch implementations that ignore the abort signal (Nitro's in-process $fetch).
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), timeout)
      })
      response = await Promise.race([request, deadline])
    }
    catch (error) {
      const timedOut = isTimeout(error)
      throw new AntomError({
        kind: timedOut ? 'timeout' : 'network',
        message: timedOut ? `Antom did not answer within ${timeout} ms` : 'Antom could not be reached',
        endpoint: path,
        cause: error,
      })
    }
    finally {
      clearTimeout(timer)
    }
    return readResponse<T>(path, response.status, response.headers, response._data ?? '')
  }

  async function readResponse<T extends AntomResponse>(path: string, status: number, headers: Headers, raw: string): Promise<T> {
    let parsed: T | undefined
    try {
      parsed = JSON.parse(raw) as T
    }
    catch {
      parsed = undefined
    }
    const result = parsed?.result
    if (status !== 200 || !result || typeof result.resultStatus !== 'string') {
      throw new AntomError({
        kind: 'network',
        message: `Antom answered HTTP ${status} without a readable result`,
        httpStatus: status,
        endpoint: path,
      })
    }
    const signatureHeader = headers.get('signature')
    const responseTime = headers.get('response-time')
    if (signatureHeader || responseTime) {
      const verified = !!signatureHeader && !!responseTime && await verifyMessage(
        { path, clientId: headers.get('client-id') || options.clientId, time: responseTime, body: raw },
        signatureHeader,
        publicKey,
      )
      if (!verified) {
        throw new AntomError({ kind: 'signature', message: 'The answer\'s signature did not verify with the Antom public key', endpoint: path, httpStatus: status })
      }
    }
    else if (result.resultStatus === 'S') {
      // Antom leaves only some failures unsigned; an unsigned success could be anyone's (Python SDK PR #179).
      throw new AntomError({ kind: 'signature', message: 'Antom\'s answer claims success but is not signed', endpoint: path, httpStatus: status })
    }
    if (result.resultStatus !== 'S') {
      throw new AntomError({
        kind: 'result',
        message: `Antom answered ${result.resultStatus} ${result.resultCode}: ${result.resultMessage ?? ''}`.trim(),
        result,
        endpoint: path,
        httpStatus: status,
      })
    }
    return parsed!
  }

  async function call<T extends AntomResponse>(api: AntomApiName, payload: object): Promise<T> {
    const path = apiPath(options.clientId, api)
    const body = JSON.stringify(payload)
    const startedAt = Date.now()
    for (let attemptNumber = 1; ; attemptNumber++) {
      try {
        return await attempt<T>(path, body)
      }
      catch (error) {
        const delay = backoff(attemptNumber, retry)
        const outOfTime = Date.now() - startedAt + delay > retry.totalTime
        if (!isRetryable(error) || attemptNumber >= retry.attempts || outOfTime) throw error
        await new Promise(resolve => setTimeout(resolve, delay))
      }
    }
  }

  return {
    call,
    createPaymentSession: body => call('createPaymentSession', body),
    inquiryPayment: body => call('inquiryPayment', body),
    cancelPayment: body => call('cancel', body),
    refund: body => call('refund', body),
    inquiryRefund: body => call('inquiryRefund', body),
    capture: body => call('capture', body),
    acceptDispute: body => call('acceptDispute', body),
    supplyDefenseDocument: body => call('supplyDefenseDocument', body),
    downloadDisputeEvidence: body => call('downloadDisputeEvidence', body),
  }
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries from many servers spread out. */
function backoff(attemptNumber: number, retry: Required<AntomRetryOptions>): number {
  const ceiling = Math.min(retry.maxDelay, retry.baseDelay * 2 ** (attemptNumber - 1))
  return ceiling / 2 + Math.random() * ceiling / 2
}

function isTimeout(error: unknown): boolean {
  for (let current = error as { name?: string, cause?: unknown } | undefined; current; current = current.cause as typeof current) {
    if (current.name === 'TimeoutError') return true
  }
  return false
}
