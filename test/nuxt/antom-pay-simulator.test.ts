import { mountSuspended } from '@nuxt/test-utils/runtime'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { useRouter } from '#imports'
import AntomPay from '../../src/runtime/app/components/AntomPay.vue'
import type { AntomCheckoutError, AntomPaymentResult } from '../../src/runtime/types'
import { emitted, fakeSdk, installRoutes, server, until } from './fake-antom'

const imports = vi.hoisted(() => ({ count: 0 }))
vi.mock('@alipay/ams-checkout', async () => {
  imports.count++
  return (await import('./fake-antom')).fakeSdkModule()
})

// The redirect after a final result: a path goes through the router, another origin is a full page load.
const navigation = { push: vi.fn(), assign: vi.fn() }

const wrappers: VueWrapper[] = []

async function mountSimulated(props: Record<string, unknown> = {}) {
  const wrapper = await mountSuspended(AntomPay, {
    props: { order: { items: [{ sku: 'tee', quantity: 1 }] }, pollInterval: 5, maxPollAttempts: 3, ...props },
    attachTo: document.body,
  })
  wrappers.push(wrapper)
  await until(wrapper, 'ready')
  return wrapper
}

beforeAll(() => installRoutes())

beforeEach(() => {
  fakeSdk.reset()
  server.reset()
  server.simulated = true
  navigation.push = vi.spyOn(useRouter(), 'push').mockResolvedValue(undefined)
  navigation.assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
})

afterEach(() => {
  while (wrappers.length) wrappers.pop()!.unmount()
  vi.restoreAllMocks()
})

describe('<AntomPay> with the simulator', () => {
  it('renders the simulator cashier with the same loading events and never imports the SDK', async () => {
    const wrapper = await mountSimulated({ paymentMethodType: 'GCASH' })
    const cashier = wrapper.find('.antom-simulator-cashier')
    expect(cashier.exists()).toBe(true)
    expect(cashier.find('.antom-simulator-cashier__amount').text()).toBe('USD 10.99')
    expect(cashier.find('.antom-simulator-cashier__method').text()).toBe('GCASH')
    expect(wrapper.find('.antom-pay').attributes('data-simulated')).toBe('true')
    expect(emitted(wrapper, 'loadingStart')).toEqual([{ code: 'SDK_START_OF_LOADING' }])
    expect(emitted(wrapper, 'loadingEnd')).toEqual([{ code: 'SDK_END_OF_LOADING' }])
    expect(imports.count).toBe(0)
    expect(fakeSdk.instances).toHaveLength(0)
  })

  it('pays: completes the simulated payment, confirms it with the server and follows the redirect', async () => {
    const wrapper = await mountSimulated()
    await wrapper.find('[data-testid="antom-sim-pay"]').trigger('click')
    await until(wrapper, 'paid')
    // The session data the cashier was given is the buyer's proof, as at Antom.
    expect(server.completeBodies).toEqual([{ result: 'SUCCESS', paymentSessionData: 'session-data-1&&SG&&111' }])
    expect(emitted(wrapper, 'success')).toEqual([{ code: 'SDK_PAYMENT_SUCCESSFUL', message: 'The simulated payment succeeded.' }])
    expect(server.statusRequests).toEqual(['pr_1'])
    expect(emitted<AntomPaymentResult>(wrapper, 'paid')[0]).toMatchObject({ outcome: 'paid', simulated: true, payment: { status: 'SUCCESS' } })
    await vi.waitFor(() => expect(navigation.push).toHaveBeenCalledWith('/checkout/result'))
    expect(navigation.assign).not.toHaveBeenCalled()
    expect(imports.count).toBe(0)
  })

  it('fails: raises SDK_PAYMENT_FAIL and reports the server-confirmed failure', async () => {
    const wrapper = await mountSimulated()
    await wrapper.find('[data-testid="antom-sim-fail"]').trigger('click')
    await until(wrapper, 'failed')
    expect(server.completeBodies).toEqual([{ result: 'FAIL', paymentSessionData: 'session-data-1&&SG&&111' }])
    expect(emitted(wrapper, 'fail')).toHaveLength(1)
    expect(emitted(wrapper, 'paid')).toEqual([])
    expect(emitted(wrapper, 'failed')).toHaveLength(1)
    await vi.waitFor(() => expect(navigation.push).toHaveBeenCalledWith('/checkout/result'))
  })

  it('cancels: keeps the session and shows the simulator again on retry', async () => {
    const wrapper = await mountSimulated()
    await wrapper.find('[data-testid="antom-sim-cancel"]').trigger('click')
    await until(wrapper, 'cancelled')
    expect(emitted(wrapper, 'cancel')).toHaveLength(1)
    expect(server.completeBodies).toEqual([])
    expect(wrapper.find('.antom-simulator-cashier').exists()).toBe(false)

    await wrapper.find('.antom-pay__result button').trigger('click')
    await until(wrapper, 'ready')
    expect(server.sessionBodies).toHaveLength(1)
    expect(wrapper.find('.antom-simulator-cashier').exists()).toBe(true)
  })

  it('stays on the page with notRedirectAfterComplete', async () => {
    const wrapper = await mountSimulated({ notRedirectAfterComplete: true })
    await wrapper.find('[data-testid="antom-sim-pay"]').trigger('click')
    await until(wrapper, 'paid')
    expect(navigation.push).not.toHaveBeenCalled()
    expect(navigation.assign).not.toHaveBeenCalled()
  })

  it('leaves the site for an external redirect URL', async () => {
    server.redirectUrl = 'https://shop.example/result?id=pr_1'
    const wrapper = await mountSimulated()
    await wrapper.find('[data-testid="antom-sim-pay"]').trigger('click')
    await until(wrapper, 'paid')
    await vi.waitFor(() => expect(navigation.assign).toHaveBeenCalledWith('https://shop.example/result?id=pr_1'))
    expect(navigation.push).not.toHaveBeenCalled()
  })

  it('shows a retryable error when the simulator cannot complete the payment', async () => {
    server.completeFailure = { statusCode: 409, message: 'Payment already completed' }
    const wrapper = await mountSimulated()
    await wrapper.find('[data-testid="antom-sim-pay"]').trigger('click')
    await until(wrapper, 'error')
    expect(emitted<AntomCheckoutError>(wrapper, 'error')[0]).toMatchObject({ code: 'SIMULATOR_ERROR', message: 'Payment already completed', statusCode: 409, retryable: true })
    expect(emitted(wrapper, 'success')).toEqual([])
  })
})
