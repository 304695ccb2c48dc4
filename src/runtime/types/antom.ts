/**
 * Request and response shapes of the Antom online-payment APIs a checkout uses.
 * Only the fields nuxt-antom reads or writes are typed; Antom accepts and returns more, and the
 * index signatures let them pass through.
 * @see https://docs.antom.com/ac/ams/session_cashier
 */

/** Antom's money object: ISO-4217 currency and minor units as a digit string. */
export interface AntomAmount {
  /** ISO-4217 alpha-3 code, e.g. `USD`. */
  currency: string
  /** Amount in minor units, e.g. `"1099"` for USD 10.99. */
  value: string
}

/** Antom's `result` object on every response and notification. */
export interface AntomResult {
  /** `S` success, `F` failure, `U` unknown. */
  resultStatus: 'S' | 'F' | 'U'
  /** e.g. `SUCCESS`, `PARAM_ILLEGAL`, `ORDER_NOT_EXIST`. */
  resultCode: string
  /** Explanation from Antom. */
  resultMessage?: string
}

/** Fields every Antom response has. */
export interface AntomResponse {
  /** Whether the call itself worked (for inquiries: not the payment's status). */
  result: AntomResult
}

/** One item of `order.goods`. */
export interface AntomGoods {
  referenceGoodsId: string
  goodsName: string
  goodsCategory?: string
  goodsUnitAmount?: AntomAmount
  goodsQuantity?: string
  goodsUrl?: string
  deliveryMethodType?: 'PHYSICAL' | 'DIGITAL'
  [field: string]: unknown
}

/** The merchant's order as Antom receives it. */
export interface AntomOrder {
  /** Your order id (≤ 64 characters, no Chinese characters). */
  referenceOrderId: string
  /** Shown to the buyer (≤ 256 characters, no Chinese characters). */
  orderDescription: string
  /** Total of the order. */
  orderAmount: AntomAmount
  goods?: AntomGoods[]
  buyer?: { referenceBuyerId?: string, buyerEmail?: string, buyerPhoneNo?: string, [field: string]: unknown }
  [field: string]: unknown
}

/** Body of `createPaymentSession` (CASHIER_PAYMENT). */
export interface CreatePaymentSessionRequest {
  productCode: 'CASHIER_PAYMENT'
  /** Payment Element or Checkout Page; absent for the cashier SDK integration. */
  productScene?: 'ELEMENT_PAYMENT' | 'CHECKOUT_PAYMENT'
  /** Merchant-unique idempotency key (≤ 64). */
  paymentRequestId: string
  order: AntomOrder
  paymentAmount: AntomAmount
  /** Fixed for the cashier; absent when the buyer picks (element, checkout page). */
  paymentMethod?: { paymentMethodType: string, [field: string]: unknown }
  /** Where the buyer lands after paying (display only). */
  paymentRedirectUrl: string
  /** Where Antom POSTs notifyPayment; overrides the dashboard value. */
  paymentNotifyUrl?: string
  settlementStrategy?: { settlementCurrency: string }
  /** ISO-8601; at most 1 h after creation (Antom's default). */
  paymentSessionExpiryTime?: string
  env?: { terminalType: 'WEB' | 'WAP' | 'APP' | 'MINI_APP', osType?: 'IOS' | 'ANDROID', clientIp?: string, userAgent?: string, [field: string]: unknown }
  /** Card authorisation: `captureMode` `AUTOMATIC` (Antom's default: Antom captures right after authorising) or `MANUAL` (you call `capture`). */
  paymentFactor?: { captureMode?: 'AUTOMATIC' | 'MANUAL', isAuthorization?: boolean, [field: string]: unknown }
  [field: string]: unknown
}

/** Answer of `createPaymentSession`. */
export interface CreatePaymentSessionResponse extends AntomResponse {
  /** Opaque data for the browser SDK: `<encrypted>&&<region>&&111[&&<metadata>]`. */
  paymentSessionData: string
  /** ISO-8601 expiry of the session. */
  paymentSessionExpiryTime: string
  paymentSessionId?: string
  /** The hosted Checkout Page (`productScene: CHECKOUT_PAYMENT`). */
  normalUrl?: string
  [field: string]: unknown
}

/** A payment's status as `inquiryPayment` reports it. */
export type AntomPaymentStatus = 'SUCCESS' | 'FAIL' | 'PROCESSING' | 'CANCELLED' | 'PENDING'

/** Body of `inquiryPayment`: one of the two ids. */
export type InquiryPaymentRequest
  = | { paymentRequestId: string, paymentId?: string, merchantAccountId?: string }
    | { paymentId: string, paymentRequestId?: string, merchantAccountId?: string }

/** Answer of `inquiryPayment`. `result` says whether the query worked, `paymentStatus` what the payment is. */
export interface InquiryPaymentResponse extends AntomResponse {
  paymentStatus?: AntomPaymentStatus
  paymentResultCode?: string
  paymentResultMessage?: string
  paymentRequestId?: string
  paymentId?: string
  paymentAmount?: AntomAmount
  actualPaymentAmount?: AntomAmount
  paymentCreateTime?: string
  paymentTime?: string
  paymentMethodType?: string
  transactions?: Array<{ transactionType: string, transactionStatus: string, transactionId?: string, transactionRequestId?: string, transactionAmount?: AntomAmount, transactionTime?: string }>
  [field: string]: unknown
}

/** Body of `cancel`: one of the two ids. */
export type CancelPaymentRequest = InquiryPaymentRequest

/** Answer of `cancel`. */
export interface CancelPaymentResponse extends AntomResponse {
  paymentId?: string
  paymentRequestId?: string
  cancelTime?: string
  [field: string]: unknown
}

/** Body of `refund`. */
export interface RefundRequest {
  /** Idempotency key of this refund (≤ 64); reuse it when retrying. */
  refundRequestId: string
  /** Antom's id of the payment to refund. */
  paymentId: string
  /** Same currency as the payment, at most what is left to refund. */
  refundAmount: AntomAmount
  referenceRefundId?: string
  refundReason?: string
  refundNotifyUrl?: string
  [field: string]: unknown
}

/** Answer of `refund`. */
export interface RefundResponse extends AntomResponse {
  refundRequestId?: string
  refundId?: string
  paymentId?: string
  refundAmount?: AntomAmount
  refundTime?: string
  [field: string]: unknown
}

/** Body of `inquiryRefund`: one of the two ids. */
export type InquiryRefundRequest
  = | { refundRequestId: string, refundId?: string, merchantAccountId?: string }
    | { refundId: string, refundRequestId?: string, merchantAccountId?: string }

/** Answer of `inquiryRefund`. */
export interface InquiryRefundResponse extends AntomResponse {
  refundId?: string
  refundRequestId?: string
  refundAmount?: AntomAmount
  refundStatus?: 'SUCCESS' | 'PROCESSING' | 'FAIL'
  refundTime?: string
  [field: string]: unknown
}

/** Body of `capture`: takes the money of an authorised card payment. */
export interface CaptureRequest {
  /** Idempotency key of this capture (≤ 64); reuse it when retrying. */
  captureRequestId: string
  /** Antom's id of the authorised payment. */
  paymentId: string
  /** Same currency as the payment, at most the authorised amount. */
  captureAmount: AntomAmount
  isLastCapture?: boolean
  [field: string]: unknown
}

/** Answer of `capture`. */
export interface CaptureResponse extends AntomResponse {
  captureRequestId?: string
  captureId?: string
  paymentId?: string
  captureAmount?: AntomAmount
  captureTime?: string
  acquirerReferenceNo?: string
  [field: string]: unknown
}

/** Body of `acceptDispute`. */
export interface AcceptDisputeRequest {
  disputeId: string
  [field: string]: unknown
}

/** Answer of `acceptDispute` and `supplyDefenseDocument`. */
export interface DisputeActionResponse extends AntomResponse {
  disputeId?: string
  /** When the dispute was accepted, or the defense document uploaded. */
  disputeResolutionTime?: string
  [field: string]: unknown
}

/** Body of `supplyDefenseDocument`. */
export interface SupplyDefenseDocumentRequest {
  disputeId: string
  /** The defense document, base64 (at most 1,000,000 characters). */
  disputeEvidence: string
  [field: string]: unknown
}

/** Which document `downloadDisputeEvidence` returns: Antom's template to fill in, or the file of the dispute. */
export type AntomDisputeEvidenceType = 'DISPUTE_EVIDENCE_TEMPLATE' | 'DISPUTE_EVIDENCE_FILE'

/** Body of `downloadDisputeEvidence`. */
export interface DownloadDisputeEvidenceRequest {
  disputeId: string
  disputeEvidenceType: AntomDisputeEvidenceType
  [field: string]: unknown
}

/** Answer of `downloadDisputeEvidence`. */
export interface DownloadDisputeEvidenceResponse extends AntomResponse {
  /** The document, base64. */
  disputeEvidence?: string
  /** e.g. `PDF`, `WORD`, `ZIP`, `JPG`. */
  disputeEvidenceFormat?: string
  [field: string]: unknown
}

/** A `notifyPayment` body (PAYMENT_RESULT or PAYMENT_PENDING). */
export interface PaymentNotification {
  notifyType: 'PAYMENT_RESULT' | 'PAYMENT_PENDING'
  result: AntomResult
  paymentRequestId: string
  paymentId?: string
  paymentAmount: AntomAmount
  actualPaymentAmount?: AntomAmount
  paymentCreateTime?: string
  paymentTime?: string
  paymentMethodType?: string
  [field: string]: unknown
}

/** A `notifyRefund` body (REFUND_RESULT). */
export interface RefundNotification {
  notifyType: 'REFUND_RESULT'
  result: AntomResult
  refundStatus: 'SUCCESS' | 'FAIL'
  refundRequestId: string
  refundId?: string
  paymentId?: string
  refundAmount: AntomAmount
  refundTime?: string
  [field: string]: unknown
}

/** A `notifyCapture` body (CAPTURE_RESULT): `result.resultStatus` S captured, F not. */
export interface CaptureNotification {
  notifyType: 'CAPTURE_RESULT'
  result: AntomResult
  captureRequestId: string
  paymentId?: string
  captureId?: string
  captureAmount: AntomAmount
  captureTime?: string
  acquirerReferenceNo?: string
  [field: string]: unknown
}

/**
 * The kinds of `notifyDispute`, in the order nuxt-antom lets a dispute move (see `DISPUTE_STATE_RANK`):
 * `DISPUTE_CREATED` → `DEFENSE_DUE_ALERT` → `DEFENSE_SUPPLIED` | `DISPUTE_ACCEPTED` →
 * `DISPUTE_JUDGED` | `DISPUTE_CANCELLED` | `RDR_RESOLVED`.
 */
export type AntomDisputeState
  = | 'DISPUTE_CREATED'
    | 'DEFENSE_DUE_ALERT'
    | 'DEFENSE_SUPPLIED'
    | 'DISPUTE_ACCEPTED'
    | 'DISPUTE_JUDGED'
    | 'DISPUTE_CANCELLED'
    | 'RDR_RESOLVED'

/** A `notifyDispute` body: it carries `disputeNotificationType` and no `notifyType`. */
export interface DisputeNotification {
  disputeNotificationType: AntomDisputeState
  disputeId: string
  paymentRequestId?: string
  paymentId?: string
  disputeTime?: string
  disputeAmount?: AntomAmount
  disputeReasonCode?: string
  disputeReasonMsg?: string
  defenseDueTime?: string
  defendable?: boolean | string
  disputeType?: string
  disputeJudgedTime?: string
  disputeJudgedAmount?: AntomAmount
  /** `ACCEPT_BY_CUSTOMER` (the buyer is liable: you keep the money), `ACCEPT_BY_MERCHANT` (you are), `VALIDATE_SUCCESS`, `VALIDATE_FAIL`. */
  disputeJudgedResult?: string
  [field: string]: unknown
}

/** Any notification nuxt-antom processes. */
export type AntomNotification = PaymentNotification | RefundNotification | CaptureNotification
