import type { AntomResult } from '../../types/antom'

/** What went wrong, coarsely: decides the HTTP status a route answers and whether a retry is safe. */
export type AntomErrorKind
  /** Antom answered with `result.resultStatus` F (or U after the retries ran out). */
  = | 'result'
  /** No usable answer: connection failed, HTTP status other than 200, or a body that is not JSON. */
    | 'network'
  /** The call did not finish within the configured timeout. */
    | 'timeout'
  /** The answer's signature was missing where required, or did not verify. */
    | 'signature'
  /** Missing or unusable configuration (client id, keys, URLs). */
    | 'config'

interface AntomErrorInit {
  kind: AntomErrorKind
  message: string
  result?: AntomResult
  httpStatus?: number
  endpoint?: string
  cause?: unknown
}

/**
 * The single error type of the protocol core. It carries what a caller needs to decide what to do
 * (`kind`, `resultStatus`, `resultCode`, `resultMessage`) and never keys, signatures or headers.
 */
export class AntomError extends Error {
  override readonly name = 'AntomError'
  /** Coarse category; see {@link AntomErrorKind}. */
  readonly kind: AntomErrorKind
  /** `F` or `U` from Antom, or `U` when no answer was received (network, timeout). */
  readonly resultStatus: 'F' | 'U'
  /** Antom's result code, or `UNKNOWN_NETWORK` / `TIMEOUT` / `INVALID_RESPONSE_SIGNATURE` / `CONFIG_ERROR`. */
  readonly resultCode: string
  /** Antom's result message, or a description of the local failure. */
  readonly resultMessage: string
  /** HTTP status of the upstream answer, when there was one. */
  readonly httpStatus?: number
  /** The API path that failed, e.g. `/ams/api/v1/payments/inquiryPayment`. */
  readonly endpoint?: string

  constructor(init: AntomErrorInit) {
    super(init.message, { cause: init.cause })
    this.kind = init.kind
    this.httpStatus = init.httpStatus
    this.endpoint = init.endpoint
    this.resultStatus = init.result?.resultStatus === 'F' ? 'F' : (init.kind === 'config' ? 'F' : 'U')
    this.resultCode = init.result?.resultCode ?? defaultCode(init.kind)
    this.resultMessage = init.result?.resultMessage ?? init.message
  }

  /** The safe subset that may appear in an HTTP error body or a log line. */
  toJSON() {
    return {
      kind: this.kind,
      resultStatus: this.resultStatus,
      resultCode: this.resultCode,
      resultMessage: this.resultMessage,
      ...(this.httpStatus === undefined ? {} : { httpStatus: this.httpStatus }),
      ...(this.endpoint === undefined ? {} : { endpoint: this.endpoint }),
    }
  }
}

function defaultCode(kind: AntomErrorKind): string {
  switch (kind) {
    case 'network': return 'UNKNOWN_NETWORK'
    case 'timeout': return 'TIMEOUT'
    case 'signature': return 'INVALID_RESPONSE_SIGNATURE'
    case 'config': return 'CONFIG_ERROR'
    default: return 'UNKNOWN_EXCEPTION'
  }
}

/** True for errors after which sending the same request again cannot double anything (see the client's retry rule). */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof AntomError)) return false
  if (error.kind === 'timeout') return true
  // An HTTP 4xx is an answer about the request itself; sending it again changes nothing.
  if (error.kind === 'network') return error.httpStatus === undefined || error.httpStatus >= 500
  return error.kind === 'result' && error.resultStatus === 'U'
}

/** Maps an AntomError to the HTTP status a merchant route should answer with. */
export function httpStatusFor(error: AntomError): number {
  switch (error.kind) {
    case 'config': return 500
    case 'timeout': return 504
    case 'network':
    case 'signature': return 502
    default: return error.resultStatus === 'F' ? 422 : 502
  }
}
