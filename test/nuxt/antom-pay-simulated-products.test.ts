import { mountSuspended } from '@nuxt/test-utils/runtime'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { useRouter } from '#imports'
import AntomPay from '../../src/runtime/app/components/AntomPay.vue'
import type { AntomCheckoutError, AntomPaymentResult, AntomSubmitResult } from '../../src/runtime/types'
import { emitted, fakeSdk, installRoutes, server, statusOf, until } from './fake-antom'

const imports = vi.hoisted(() => ({ count: 0 }))
vi.mock('@alipay/ams-checkout', async () => {
  imports.count++
  return (await import('./fake-antom')).fakeSdkModule()
})

const ORDER = { items: [{ sku: 'tee', quantity: 1 }] }
const wrappers: VueWrapper[] = []
const navigation = { push: vi.fn() }

async function mountSimulated(product: 'element' | 'checkout-page', props: Record<string, unknown> = {}) {
  server.product = product
  const wrapper = await mountSuspended(AntomPay, {
    props: { order: ORDER, product, pollInterval: 5, maxPollAttempts: 3, ...(product === 'checkout-page' ? { display: 'embedded' } : {}), ...props },
    attachTo: document.body,
  })
  wrappers.push(wrapper)
  await until(wrapper, 'ready')
  return wrapper
}

const click = (wrapper: VueWrapper, testId: string) => wrapper.find(`[data-testid="${testId}"]`).trigger('click')
const pay = (wrapper: VueWrapper) => (wrapper.vm as unknown as { submit: () => Promise<AntomSubmitResult | undefined> }).submit()

beforeAll(() => installRoutes())

beforeEach(() => {
  fakeSdk.reset()
  server.reset()
  server.simulated = true
  navigation.push = vi.spyOn(useRouter(), 'push').mockResolvedValue(undefined)
})

afterEach(() => {
  while (wrappers.length) wrappers.pop()!.unmount()
  vi.restoreAllMocks()
})

describe('simulated Payment Element', () => {
  it('draws method tabs, a card form and the test cards, and never imports the SDK', async () => {
    const wrapper = await mountSimulated('element')
    const element = wrapper.find('.antom-simulator-element')
    expect(element.attributes('aria-label')).toBe('Antom simulator · Payment Element')
    expect(element.find('.antom-simulator-element__amount').text()).toBe('USD 10.99')
    expect(element.findAll('[role=tab]').map(tab => [tab.text(), tab.attributes('aria-selected')])).toEqual([['Card', 'true'], ['Wallet', 'false']])
    expect(element.findAll('.antom-simulator-element__test-card').map(card => card.text())).toEqual([
      '4242 4242 4242 4242 — pays',
      '4000 0000 0000 3220 — asks for 3-D Secure',
      '4000 0000 0000 0002 — is declined',
    ])
    expect(element.find('label input[autocomplete=cc-number]').exists()).toBe(true)
    expect(imports.count).toBe(0)
  })

  it('pays with the success test card through the component\'s Pay button: CARD, confirmed, redirected', async () => {
    const wrapper = await mountSimulated('element')
    await click(wrapper, 'antom-sim-card-pays')
    await wrapper.find('.antom-pay__submit button').trigger('click')
    await until(wrapper, 'paid')
    expect(server.completeBodies).toEqual([{ result: 'SUCCESS', paymentSessionData: 'session-data-1&&SG&&111', paymentMethodType: 'CARD' }])
    expect(emitted<AntomPaymentResult>(wrapper, 'paid')[0]).toMatchObject({ outcome: 'paid', simulated: true })
    await vi.waitFor(() => expect(navigation.push).toHaveBeenCalledWith('/checkout/result'))
  })

  it('an authorised card (capture to come) ends the confirmation at once as pending, and goes on to the result page', async () => {
    server.authorisesFirst = true
    const wrapper = await mountSimulated('element', { maxPollAttempts: 30 })
    await click(wrapper, 'antom-sim-card-pays')
    await wrapper.find('.antom-pay__submit button').trigger('click')
    await until(wrapper, 'pending')
    // One answer was enough: polling on for a capture the shop may make days later would keep the buyer waiting.
    expect(server.statusRequests).toEqual(['pr_1'])
    expect(emitted<AntomPaymentResult>(wrapper, 'pending')[0]).toMatchObject({ outcome: 'pending', payment: { status: 'PENDING', captureStatus: 'PENDING' } })
    expect(emitted(wrapper, 'paid')).toEqual([])
    await vi.waitFor(() => expect(navigation.push).toHaveBeenCalledWith('/checkout/result'))
  })

  it('a payment still processing at the polling limit stays on the checkout as pending (no redirect)', async () => {
    server.statusAfterComplete = 'PROCESSING'
    const wrapper = await mountSimulated('element')
    await click(wrapper, 'antom-sim-card-pays')
    await wrapper.find('.antom-pay__submit button').trigger('click')
    await until(wrapper, 'pending')
    expect(server.statusRequests).toHaveLength(3)
    expect(navigation.push).not.toHaveBeenCalled()
  })

  it('refuses an invalid card in the element, and validate() says so', async () => {
    const wrapper = await mountSimulated('element')
    await wrapper.find('[data-testid="antom-sim-card-number"]').setValue('4242 4242 4242 4241')
    expect(await (wrapper.vm as unknown as { validate: () => Promise<{ isValid: boolean }> }).validate()).toEqual({ isValid: false })
    expect(wrapper.find('.antom-simulator-element__error').text()).toBe('Check the card number, expiry date and security code.')
    expect(await pay(wrapper)).toMatchObject({ status: 'FAIL', error: { code: 'PARAM_INVALID' } })
    expect(statusOf(wrapper)).toBe('ready')
    expect(server.completeBodies).toEqual([])
  })

  it('declines the decline card in the element: the session stays payable, another card pays', async () => {
    const wrapper = await mountSimulated('element')
    await click(wrapper, 'antom-sim-card-declined')
    expect(await pay(wrapper)).toEqual({ status: 'FAIL', error: { code: 'CARD_DECLINED', message: 'The card was declined. Try another card.', needChangeSessionForRetry: false } })
    expect(statusOf(wrapper)).toBe('ready')
    expect(wrapper.find('.antom-simulator-element__error').text()).toBe('The card was declined. Try another card.')
    expect(emitted<AntomCheckoutError>(wrapper, 'error')[0]).toMatchObject({ code: 'CARD_DECLINED' })
    expect(server.completeBodies).toEqual([])
    await click(wrapper, 'antom-sim-card-pays')
    await pay(wrapper)
    await until(wrapper, 'paid')
    expect(server.sessionBodies).toHaveLength(1)
  })

  it('asks for 3-D Secure: confirming it pays', async () => {
    const wrapper = await mountSimulated('element')
    await click(wrapper, 'antom-sim-card-3ds')
    const submitted = pay(wrapper)
    await vi.waitFor(() => expect(wrapper.find('[role=dialog]').exists()).toBe(true))
    expect(wrapper.find('.antom-pay__submit button').attributes('disabled')).toBeDefined()
    await click(wrapper, 'antom-sim-3ds-confirm')
    expect(await submitted).toEqual({ status: 'SUCCESS' })
    await until(wrapper, 'paid')
    expect(server.completeBodies).toMatchObject([{ result: 'SUCCESS', paymentMethodType: 'CARD' }])
  })

  it('a failed 3-D Secure check spends the session: the simulator records FAIL and the element gets a new session', async () => {
    const wrapper = await mountSimulated('element')
    await click(wrapper, 'antom-sim-card-3ds')
    const submitted = pay(wrapper)
    await vi.waitFor(() => expect(wrapper.find('[role=dialog]').exists()).toBe(true))
    await click(wrapper, 'antom-sim-3ds-fail')
    expect(await submitted).toMatchObject({ status: 'FAIL', error: { needChangeSessionForRetry: true } })
    await vi.waitFor(() => expect(server.sessionBodies).toHaveLength(2))
    await until(wrapper, 'ready')
    expect(server.completeBodies).toEqual([{ result: 'FAIL', paymentSessionData: 'session-data-1&&SG&&111', paymentMethodType: 'CARD' }])
    expect(wrapper.find('.antom-simulator-element__error').text()).toBe('The 3-D Secure check failed. Please try again.')
    // The same element pays the new session.
    await click(wrapper, 'antom-sim-card-pays')
    await pay(wrapper)
    await until(wrapper, 'paid')
    expect(server.completeBodies[1]).toEqual({ result: 'SUCCESS', paymentSessionData: 'session-data-2&&SG&&111', paymentMethodType: 'CARD' })
  })

  it('cancelling the 3-D Secure challenge pays nothing and keeps the session', async () => {
    const wrapper = await mountSimulated('element')
    await click(wrapper, 'antom-sim-card-3ds')
    const submitted = pay(wrapper)
    await vi.waitFor(() => expect(wrapper.find('[role=dialog]').exists()).toBe(true))
    await click(wrapper, 'antom-sim-3ds-cancel')
    expect(await submitted).toEqual({ status: 'CANCELLED', userCanceled3D: true })
    expect(statusOf(wrapper)).toBe('ready')
    expect(emitted(wrapper, 'cancel')).toHaveLength(1)
    expect(server.completeBodies).toEqual([])
    expect(server.sessionBodies).toHaveLength(1)
  })

  it('pays with the wallet tab: ALIPAY_CN', async () => {
    const wrapper = await mountSimulated('element')
    await click(wrapper, 'antom-sim-tab-wallet')
    expect(wrapper.find('[data-testid="antom-sim-tab-wallet"]').attributes('aria-selected')).toBe('true')
    expect(wrapper.find('.antom-simulator-element__card').attributes('hidden')).toBeDefined()
    await pay(wrapper)
    await until(wrapper, 'paid')
    expect(server.completeBodies).toMatchObject([{ result: 'SUCCESS', paymentMethodType: 'ALIPAY_CN' }])
  })
})

describe('simulated embedded Checkout Page', () => {
  it('draws the simulator\'s hosted page inline and pays with the method the buyer picked', async () => {
    const wrapper = await mountSimulated('checkout-page')
    const page = wrapper.find('.antom-simulator-checkout-page')
    expect(page.attributes('aria-label')).toBe('Antom simulator · Checkout Page')
    expect(page.find('.antom-simulator-checkout-page__amount').text()).toBe('USD 10.99')
    await wrapper.find('[data-testid="antom-ckp-method-ALIPAY_CN"]').setValue(true)
    await click(wrapper, 'antom-ckp-pay')
    await until(wrapper, 'paid')
    expect(server.completeBodies).toEqual([{ result: 'SUCCESS', paymentSessionData: 'session-data-1&&SG&&111', paymentMethodType: 'ALIPAY_CN' }])
    expect(emitted(wrapper, 'success')).toHaveLength(1)
    await vi.waitFor(() => expect(navigation.push).toHaveBeenCalledWith('/checkout/result'))
    expect(imports.count).toBe(0)
  })

  it('fails: the server confirms FAIL', async () => {
    const wrapper = await mountSimulated('checkout-page')
    await click(wrapper, 'antom-ckp-fail')
    await until(wrapper, 'failed')
    expect(server.completeBodies).toMatchObject([{ result: 'FAIL', paymentMethodType: 'CARD' }])
  })

  it('"Back to the shop" cancels; the same session is shown again', async () => {
    const wrapper = await mountSimulated('checkout-page')
    await click(wrapper, 'antom-ckp-back')
    await until(wrapper, 'cancelled')
    expect(emitted(wrapper, 'event')).toContainEqual({ code: 'SDK_PAYMENT_CLICK_BACK_TO_MERCHANT', message: 'The buyer went back to the shop.' })
    expect(wrapper.find('.antom-simulator-checkout-page').exists()).toBe(false)
    await wrapper.find('.antom-pay__result button').trigger('click')
    await until(wrapper, 'ready')
    expect(server.sessionBodies).toHaveLength(1)
  })
})
