import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import type { AntomDisputeState } from '../../src/runtime/types/antom'
import type { AntomCaptureStatus, AntomPaymentRecord } from '../../src/runtime/types/payments'
import type { AntomPaymentState } from '../../src/runtime/types/routes'
import { buyerStatus, captureCanMoveTo, captureHandlersDue, hasSeparateCapture, isUncaptured, isVoidable } from '../../src/runtime/server/lib/payment-state'
import { DISPUTE_STATE_RANK, disputeCanMoveTo, isDisputeState, isFinalDispute } from '../../src/runtime/server/lib/dispute-state'

// The router module reaches Nitro (storage, hooks) only when it processes something; its kind table needs none.
vi.mock('nitropack/runtime', () => ({ useStorage: () => ({}), useNitroApp: () => ({}), useRuntimeConfig: () => ({}) }))
const { notificationKind } = await import('../../src/runtime/server/lib/flow/router')

const PAYMENT_STATES: AntomPaymentState[] = ['PROCESSING', 'PENDING', 'SUCCESS', 'FAIL', 'CANCELLED']
const CAPTURE_STATES: AntomCaptureStatus[] = ['PENDING', 'PROCESSING', 'SUCCESS', 'FAIL']
const DISPUTE_STATES = Object.keys(DISPUTE_STATE_RANK) as AntomDisputeState[]

function payment(status: AntomPaymentState, paymentMethodType: string, capture?: AntomCaptureStatus): Pick<AntomPaymentRecord, 'status' | 'paymentMethodType' | 'capture' | 'captureMode'> {
  return { status, paymentMethodType, captureMode: 'AUTOMATIC', ...(capture ? { capture: { status: capture, mode: 'AUTOMATIC', updatedAt: '' } } : {}) }
}

describe('what the buyer is told: paid only once the money is taken', () => {
  it('says SUCCESS for a method without a separate capture at SUCCESS, for a card only once captured', () => {
    expect(buyerStatus(payment('SUCCESS', 'ALIPAY_CN'))).toBe('SUCCESS')
    expect(buyerStatus(payment('SUCCESS', 'CARD'))).toBe('PENDING')
    expect(buyerStatus(payment('SUCCESS', 'CARD', 'PENDING'))).toBe('PENDING')
    expect(buyerStatus(payment('SUCCESS', 'CARD', 'PROCESSING'))).toBe('PENDING')
    expect(buyerStatus(payment('SUCCESS', 'CARD', 'SUCCESS'))).toBe('SUCCESS')
    expect(buyerStatus(payment('SUCCESS', 'APPLEPAY', 'FAIL'))).toBe('FAIL')
    // A method outside the list whose CAPTURE_RESULT arrived has a separate capture all the same.
    expect(hasSeparateCapture(payment('SUCCESS', 'PAYBYBANK', 'PENDING'))).toBe(true)
    expect(buyerStatus(payment('SUCCESS', 'PAYBYBANK', 'PENDING'))).toBe('PENDING')
    // A card payment recorded before captures were followed (no captureMode, no capture) stays paid.
    expect(buyerStatus({ status: 'SUCCESS', paymentMethodType: 'CARD' })).toBe('SUCCESS')
    expect(hasSeparateCapture({ paymentMethodType: 'CARD' })).toBe(false)
  })

  it('never says SUCCESS unless the payment is SUCCESS, and for a card unless the capture is', () => {
    fc.assert(fc.property(fc.constantFrom(...PAYMENT_STATES), fc.constantFrom('CARD', 'GOOGLEPAY', 'ALIPAY_CN', 'GCASH', ''), fc.option(fc.constantFrom(...CAPTURE_STATES), { nil: undefined }), (status, method, capture) => {
      const shown = buyerStatus(payment(status, method, capture))
      if (status !== 'SUCCESS') expect(shown).toBe(status)
      if (shown === 'SUCCESS') expect(status === 'SUCCESS' && (!hasSeparateCapture(payment(status, method, capture)) || capture === 'SUCCESS')).toBe(true)
      expect(isUncaptured(payment(status, method, capture))).toBe(status === 'SUCCESS' && shown === 'PENDING')
    }))
  })

  it('moves a capture only forward, and runs its handlers only after the authorisation\'s, once', () => {
    fc.assert(fc.property(fc.constantFrom(...CAPTURE_STATES), fc.constantFrom(...CAPTURE_STATES), (from, to) => {
      const rank = { PENDING: 0, PROCESSING: 1, SUCCESS: 2, FAIL: 2 }
      expect(captureCanMoveTo(from, to)).toBe(rank[to] > rank[from])
    }))
    const card = (handledStatus: AntomPaymentState | undefined, capture: AntomCaptureStatus, captureHandled?: 'SUCCESS' | 'FAIL') =>
      ({ status: 'SUCCESS' as const, handledStatus, capture: { status: capture, mode: 'AUTOMATIC' as const, updatedAt: '', ...(captureHandled ? { handledStatus: captureHandled } : {}) } })
    expect(captureHandlersDue(card('SUCCESS', 'SUCCESS'))).toBe(true)
    expect(captureHandlersDue(card(undefined, 'SUCCESS'))).toBe(false)
    expect(captureHandlersDue(card('PENDING', 'SUCCESS'))).toBe(false)
    expect(captureHandlersDue(card('SUCCESS', 'PROCESSING'))).toBe(false)
    expect(captureHandlersDue(card('SUCCESS', 'SUCCESS', 'SUCCESS'))).toBe(false)
    expect(captureHandlersDue(card('SUCCESS', 'FAIL'))).toBe(true)
  })
})

describe('cancelling an authorisation (a void)', () => {
  it('is allowed only for an authorised payment whose capture nobody asked for yet', () => {
    fc.assert(fc.property(fc.constantFrom(...PAYMENT_STATES), fc.constantFrom('CARD', 'GOOGLEPAY', 'ALIPAY_CN'), fc.option(fc.constantFrom(...CAPTURE_STATES), { nil: undefined }), (status, method, capture) => {
      expect(isVoidable(payment(status, method, capture))).toBe(status === 'SUCCESS' && capture === 'PENDING')
    }))
    // Paid wallets, captures in flight, captured and failed captures: refund (or nothing to release).
    expect(isVoidable(payment('SUCCESS', 'ALIPAY_CN'))).toBe(false)
    expect(isVoidable(payment('SUCCESS', 'CARD', 'PROCESSING'))).toBe(false)
    expect(isVoidable(payment('SUCCESS', 'CARD', 'PENDING'))).toBe(true)
  })
})

describe('the order of a dispute', () => {
  it('goes CREATED → DEFENSE_DUE_ALERT → DEFENSE_SUPPLIED | DISPUTE_ACCEPTED → JUDGED | CANCELLED | RDR_RESOLVED, never back', () => {
    expect(disputeCanMoveTo('DISPUTE_CREATED', 'DEFENSE_DUE_ALERT')).toBe(true)
    expect(disputeCanMoveTo('DEFENSE_DUE_ALERT', 'DEFENSE_SUPPLIED')).toBe(true)
    expect(disputeCanMoveTo('DISPUTE_CREATED', 'DISPUTE_JUDGED')).toBe(true)
    expect(disputeCanMoveTo('DEFENSE_SUPPLIED', 'DEFENSE_DUE_ALERT')).toBe(false)
    expect(disputeCanMoveTo('DEFENSE_SUPPLIED', 'DISPUTE_ACCEPTED')).toBe(false)
    expect(disputeCanMoveTo('DISPUTE_JUDGED', 'DISPUTE_CANCELLED')).toBe(false)
    expect(DISPUTE_STATES.filter(isFinalDispute).sort()).toEqual(['DISPUTE_CANCELLED', 'DISPUTE_JUDGED', 'RDR_RESOLVED'])
    // Any sequence of notifications, applied where allowed, ends in a state no earlier than any it went through.
    fc.assert(fc.property(fc.array(fc.constantFrom(...DISPUTE_STATES), { minLength: 1, maxLength: 12 }), (sequence) => {
      let state = sequence[0]!
      const seen = [state]
      for (const next of sequence.slice(1)) {
        if (disputeCanMoveTo(state, next)) {
          state = next
          seen.push(next)
        }
      }
      expect(seen.every((step, index) => index === 0 || DISPUTE_STATE_RANK[step] > DISPUTE_STATE_RANK[seen[index - 1]!])).toBe(true)
      expect(Math.max(...sequence.map(step => DISPUTE_STATE_RANK[step]))).toBe(DISPUTE_STATE_RANK[state])
    }))
    expect(isDisputeState('DISPUTE_CREATED')).toBe(true)
    expect(isDisputeState('toString')).toBe(false)
  })
})

describe('the notification router\'s kinds, by shape', () => {
  it('tells payments, captures, refunds and disputes apart, and calls everything else unknown', () => {
    expect(notificationKind({ notifyType: 'PAYMENT_RESULT' })).toBe('payment')
    expect(notificationKind({ notifyType: 'PAYMENT_PENDING' })).toBe('payment')
    expect(notificationKind({ notifyType: 'CAPTURE_RESULT' })).toBe('capture')
    expect(notificationKind({ notifyType: 'REFUND_RESULT' })).toBe('refund')
    expect(notificationKind({ disputeNotificationType: 'DISPUTE_CREATED', disputeId: '1' })).toBe('dispute')
    expect(notificationKind({ notifyType: 'UPDATE_AMOUNT_RESULT' })).toBe('unknown')
    expect(notificationKind({ notifyType: 'PAYMENT_RESULT_V2', disputeNotificationType: 'DISPUTE_CREATED' })).toBe('unknown')
    expect(notificationKind({ disputeNotificationType: 'DISPUTE_REOPENED' })).toBe('unknown')
    expect(notificationKind({ disputeId: '1', notifyTime: '2026-11-27T12:00:00+08:00', defenseFile: {} })).toBe('unknown')
    expect(notificationKind({ authorizationNotifyType: 'TOKEN_CREATED' })).toBe('unknown')
  })
})
