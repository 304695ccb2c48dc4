import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CheckoutEvent } from '../../src/runtime/app/checkout/machine'
import { isPrePayment, TABLE, transition } from '../../src/runtime/app/checkout/machine'
import { fromSdkEvent } from '../../src/runtime/app/checkout/sdk-events'
import type { AntomCheckoutStatus } from '../../src/runtime/types'

const STATUSES = Object.keys(TABLE) as AntomCheckoutStatus[]
const EVENTS: CheckoutEvent[] = ['start', 'resume', 'session', 'queue', 'load', 'ready', 'cancel', 'close', 'attempt', 'confirm', 'paid', 'failed', 'pending', 'fail', 'change', 'stop']
const PRE_PAYMENT: AntomCheckoutStatus[] = ['queued', 'loading-sdk', 'ready']
const RESULTS: AntomCheckoutStatus[] = ['paid', 'failed', 'pending']

function run(from: AntomCheckoutStatus, events: CheckoutEvent[]): AntomCheckoutStatus[] {
  const seen = [from]
  for (const event of events) seen.push(transition(seen.at(-1)!, event))
  return seen
}

/** Every status reachable from `from`. */
function reachable(from: AntomCheckoutStatus): Set<AntomCheckoutStatus> {
  const seen = new Set([from])
  const queue = [from]
  while (queue.length) {
    const status = queue.shift()!
    for (const next of Object.values(TABLE[status])) {
      if (!seen.has(next)) {
        seen.add(next)
        queue.push(next)
      }
    }
  }
  return seen
}

describe('checkout transition table', () => {
  it('has a row for every status and only known events and statuses in it', () => {
    expect(STATUSES.sort()).toEqual(['cancelled', 'confirming', 'creating-session', 'error', 'failed', 'idle', 'loading-sdk', 'paid', 'pending', 'queued', 'ready'])
    for (const status of STATUSES) {
      for (const [event, next] of Object.entries(TABLE[status])) {
        expect(EVENTS).toContain(event)
        expect(STATUSES).toContain(next)
      }
    }
  })

  it.each([
    ['a new session, the cashier, a payment', 'idle', ['start', 'session', 'ready', 'attempt', 'paid'], ['idle', 'creating-session', 'loading-sdk', 'ready', 'confirming', 'paid']],
    ['waiting for the page\'s SDK slot', 'creating-session', ['session', 'queue', 'load', 'ready'], ['creating-session', 'loading-sdk', 'queued', 'loading-sdk', 'ready']],
    ['a cancel, then the same session again', 'ready', ['cancel', 'resume', 'ready'], ['ready', 'cancelled', 'loading-sdk', 'ready']],
    ['an error, then a retry with the same session', 'loading-sdk', ['fail', 'resume', 'ready'], ['loading-sdk', 'error', 'loading-sdk', 'ready']],
    ['a failed payment, then a new session', 'confirming', ['failed', 'start', 'session'], ['confirming', 'failed', 'creating-session', 'loading-sdk']],
    ['pending: start() asks the server again', 'confirming', ['pending', 'start', 'paid'], ['confirming', 'pending', 'confirming', 'paid']],
    ['an order change while the cashier is shown', 'ready', ['change', 'change', 'start', 'session'], ['ready', 'creating-session', 'creating-session', 'creating-session', 'loading-sdk']],
    ['the SDK ends its loading before its mount resolves', 'loading-sdk', ['ready', 'ready'], ['loading-sdk', 'ready', 'ready']],
    ['a route change while confirming', 'confirming', ['stop'], ['confirming', 'idle']],
  ] as Array<[string, AntomCheckoutStatus, CheckoutEvent[], AntomCheckoutStatus[]]>)('%s', (_, from, events, expected) => {
    expect(run(from, events)).toEqual(expected)
  })

  it('never leaves paid except to ask the server again', () => {
    for (const event of EVENTS) expect(transition('paid', event)).toBe(event === 'confirm' ? 'confirming' : 'paid')
  })

  it('keeps a result through stop(), ends everything else in idle', () => {
    for (const status of STATUSES) expect(transition(status, 'stop')).toBe(RESULTS.includes(status) ? status : 'idle')
  })

  it('cancels (and treats the pop-up\'s close button as a cancel) only before a payment', () => {
    for (const status of STATUSES) {
      expect(transition(status, 'cancel')).toBe(PRE_PAYMENT.includes(status) ? 'cancelled' : status)
      expect(transition(status, 'close')).toBe(transition(status, 'cancel'))
    }
  })

  it('stops with an error only before a payment; later failures leave the status alone', () => {
    for (const status of STATUSES) {
      const before = status === 'creating-session' || PRE_PAYMENT.includes(status)
      expect(transition(status, 'fail')).toBe(before ? 'error' : status)
    }
  })

  it('drops an unpaid cashier on an order change, and never a payment in progress or a result', () => {
    for (const status of STATUSES) {
      const replaced = status === 'creating-session' || PRE_PAYMENT.includes(status)
      expect(transition(status, 'change')).toBe(replaced ? 'creating-session' : status)
    }
  })

  it('confirms with the server after the cashier\'s word in every status that has a cashier or a result', () => {
    for (const status of [...PRE_PAYMENT, 'confirming', 'failed', 'pending'] as AntomCheckoutStatus[]) {
      expect(transition(status, 'attempt')).toBe('confirming')
    }
    for (const status of ['idle', 'creating-session', 'cancelled', 'error', 'paid'] as AntomCheckoutStatus[]) {
      expect(transition(status, 'attempt')).toBe(status)
    }
  })

  it('reaches every status from idle, and paid from every status', () => {
    expect([...reachable('idle')].sort()).toEqual([...STATUSES].sort())
    for (const status of STATUSES) expect(reachable(status).has('paid')).toBe(true)
  })

  it('reports paid only after the server said so', () => {
    fc.assert(fc.property(fc.constantFrom(...STATUSES.filter(status => status !== 'paid')), fc.array(fc.constantFrom(...EVENTS.filter(event => event !== 'paid')), { maxLength: 40 }), (from, events) => {
      expect(run(from, events)).not.toContain('paid')
    }))
  })

  it('knows which statuses come before a payment', () => {
    expect(STATUSES.filter(isPrePayment).sort()).toEqual([...PRE_PAYMENT].sort())
  })
})

describe('SDK events as typed driver events', () => {
  it.each([
    ['SDK_START_OF_LOADING', 'loading'],
    ['SDK_END_OF_LOADING', 'ready'],
    ['SDK_PAYMENT_CANCEL', 'cancel'],
    ['SDK_PAYMENT_SUCCESSFUL', 'attempt'],
    ['SDK_PAYMENT_PROCESSING', 'attempt'],
    ['SDK_PAYMENT_FAIL', 'attempt'],
    ['SDK_PAYMENT_ERROR', 'attempt'],
    ['SDK_INTERNAL_ERROR', 'fail'],
    ['SDK_CREATEPAYMENT_PARAMETER_ERROR', 'fail'],
    ['SDK_INIT_PARAMETER_ERROR', 'fail'],
    ['SDK_CREATECOMPONENT_ERROR', 'fail'],
    ['SDK_CREATE_COMPONENT_ERROR', 'fail'],
    ['SDK_LAUNCH_PAYMENT_APP_ERROR', 'warn'],
    ['SDK_CALL_URL_ERROR', 'warn'],
    ['SDK_CALL_URL_SUCCESS', 'event'],
    ['SDK_REDIRECT', 'event'],
    ['SDK_SOMETHING_NEWER', 'event'],
  ])('%s → %s', (code, type) => {
    expect(fromSdkEvent({ code, message: 'details' })).toMatchObject({ type, sdk: { code, message: 'details' } })
  })

  it('keeps the SDK\'s code and message in errors: fatal ones retryable, the others not', () => {
    expect(fromSdkEvent({ code: 'SDK_INTERNAL_ERROR', message: 'boom' })).toMatchObject({ error: { code: 'SDK_INTERNAL_ERROR', message: 'boom', retryable: true } })
    expect(fromSdkEvent({ code: 'SDK_PAYMENT_ERROR' })).toMatchObject({ error: { code: 'SDK_PAYMENT_ERROR', message: 'The payment SDK reported SDK_PAYMENT_ERROR.', retryable: false } })
    expect(fromSdkEvent({ code: 'SDK_CALL_URL_ERROR', message: 'no app' })).toMatchObject({ error: { retryable: false } })
    expect(fromSdkEvent({ code: 'SDK_PAYMENT_SUCCESSFUL' })).not.toHaveProperty('error')
  })
})
