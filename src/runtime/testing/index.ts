// nuxt-antom/testing: what a shop's own tests need to test its checkout without Antom (vitest, Playwright, a script).
export { createAntomTestKeys, type AntomTestKeyPair, type AntomTestKeys } from './keys'
export { signAntomNotification, type SignAntomNotificationInput, type SignedAntomNotification } from './sign'
export {
  captureResultNotification,
  disputeNotification,
  paymentPendingNotification,
  paymentResultNotification,
  refundResultNotification,
  type AntomDisputeNotificationType,
  type CaptureNotificationInput,
  type DisputeNotificationInput,
  type PaymentNotificationInput,
  type RefundNotificationInput,
} from './notifications'
export { advanceSimulatedDispute, armSimulatorFaults, completeSimulatedPayment, waitForAntomPayment, type SimulatorTarget } from './simulator'
