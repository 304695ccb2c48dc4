/** One run of a checkout handler, in the order they ran. */
export interface HandledEntry {
  handler: 'onPaymentSucceeded' | 'onPaymentFailed' | 'onPaymentPending'
  paymentRequestId: string
  referenceOrderId: string
  status: string
  at: string
}

// This shop runs as one process, so the log lives in its memory (a shop with several instances would keep it in a database).
const handled: HandledEntry[] = []

export function recordHandled(entry: Omit<HandledEntry, 'at'>): void {
  handled.push({ ...entry, at: new Date().toISOString() })
}

export function handledLog(paymentRequestId?: string): HandledEntry[] {
  return paymentRequestId ? handled.filter(entry => entry.paymentRequestId === paymentRequestId) : [...handled]
}
