import { z } from 'zod'
import { amountProblem } from '../lib/amount'

/** Antom's Amount object, with Antom's rules (3-letter currency, 1–16 digit positive minor units). */
export const amountSchema = z.object({ currency: z.string(), value: z.string() }).superRefine((amount, context) => {
  const problem = amountProblem(amount)
  if (problem) context.addIssue({ code: 'custom', message: problem })
})

const id = (max: number) => z.string().min(1).max(max)

/**
 * createPaymentSession, as the simulator checks it (the fields Antom marks required for CASHIER_PAYMENT): the
 * cashier names one payment method; Payment Element and the Checkout Page (`productScene`) let the buyer pick.
 */
export const createPaymentSessionSchema = z.object({
  productCode: z.literal('CASHIER_PAYMENT'),
  productScene: z.enum(['ELEMENT_PAYMENT', 'CHECKOUT_PAYMENT']).optional(),
  paymentRequestId: id(64),
  order: z.object({
    referenceOrderId: id(64),
    orderDescription: id(256),
    orderAmount: amountSchema,
  }).loose(),
  paymentAmount: amountSchema,
  paymentMethod: z.object({ paymentMethodType: id(64) }).loose().optional(),
  paymentRedirectUrl: z.string().min(1).max(2048),
  paymentNotifyUrl: z.string().max(2048).optional(),
  paymentSessionExpiryTime: z.string().optional(),
  paymentFactor: z.object({ captureMode: z.enum(['AUTOMATIC', 'MANUAL']).optional() }).loose().optional(),
}).loose().refine(body => body.productScene || body.paymentMethod, { message: 'required without productScene', path: ['paymentMethod'] })

/** inquiryPayment and cancel: one of the two ids. */
export const paymentReferenceSchema = z.object({
  paymentRequestId: id(64).optional(),
  paymentId: id(64).optional(),
}).loose().refine(body => body.paymentRequestId || body.paymentId, { message: 'paymentRequestId or paymentId is required', path: ['paymentRequestId'] })

/** refund. */
export const refundSchema = z.object({
  refundRequestId: id(64),
  paymentId: id(64),
  refundAmount: amountSchema,
  refundReason: z.string().max(256).optional(),
  refundNotifyUrl: z.string().max(1024).optional(),
}).loose()

/** inquiryRefund: one of the two ids. */
export const refundReferenceSchema = z.object({
  refundRequestId: id(64).optional(),
  refundId: id(64).optional(),
}).loose().refine(body => body.refundRequestId || body.refundId, { message: 'refundRequestId or refundId is required', path: ['refundRequestId'] })

/** capture: an authorised payment's money, at most the authorised amount. */
export const captureSchema = z.object({
  captureRequestId: id(64),
  paymentId: id(64),
  captureAmount: amountSchema,
  isLastCapture: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
}).loose()

/** acceptDispute. */
export const disputeReferenceSchema = z.object({ disputeId: id(64) }).loose()

/** supplyDefenseDocument: the document, base64, at most 1,000,000 characters. */
export const supplyDefenseDocumentSchema = z.object({
  disputeId: id(64),
  disputeEvidence: z.string().min(1).max(1_000_000).regex(/^[a-z0-9+/]+={0,2}$/i, 'must be base64'),
}).loose()

/** downloadDisputeEvidence. */
export const downloadDisputeEvidenceSchema = z.object({
  disputeId: id(64),
  disputeEvidenceType: z.enum(['DISPUTE_EVIDENCE_TEMPLATE', 'DISPUTE_EVIDENCE_FILE']),
}).loose()

/** Formats the first zod issue the way Antom words PARAM_ILLEGAL: the field, then the problem. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!
  const field = issue.path.join('.') || 'body'
  return `${field}: ${issue.message}`
}
