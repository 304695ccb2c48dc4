import { mountSuspended } from '@nuxt/test-utils/runtime'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { navigateTo } from '#imports'
import AntomPay from '../../src/runtime/app/components/AntomPay.vue'
import type { AntomCheckout } from '../../src/runtime/app/composables/useAntomCheckout'
import { useAntomCheckout } from '../../src/runtime/app/composables/useAntomCheckout'
import type { AntomCheckoutError, AntomPaymentResult, AntomSessionResponse, AntomSubmitResult } from '../../src/runtime/types'
import { emitted, fakeSdk, installRoutes, server, statusOf, until } from './fake-antom'

vi.mock('@alipay/ams-checkout', async () => (await import('./fake-antom')).fakeSdkModule())

const ORDER = { items: [{ sku: 'tee', quantity: 2 }] }
const wrappers: VueWrapper[] = []

interface Exposed {
  submit: () => Promise<AntomSubmitResult | undefined>
  validate: () => Promise<{ isValid: boolean }>
}

async function mountElement(props: Record<string, unknown> = {}, slots: Record<string, unknown> = {}) {
  const wrapper = await mountSuspended(AntomPay, {
    props: { order: ORDER, product: 'element', pollInterval: 5, maxPollAttempts: 3, ...props },
    slots: slots as never,
    attachTo: document.body,
  })
  wrappers.push(wrapper)
  await until(wrapper, 'ready')
  return { wrapper, element: fakeSdk.elements.at(-1)!, exposed: wrapper.vm as unknown as Exposed }
}

const payButton = (wrapper: VueWrapper) => wrapper.find('.antom-pay__submit button')

beforeAll(() => installRoutes())

beforeEach(() => {
  fakeSdk.reset()
  server.reset()
  server.product = 'element'
})

afterEach(async () => {
  while (wrappers.length) wrappers.pop()!.unmount()
  vi.useRealTimers()
  vi.restoreAllMocks()
  await navigateTo('/')
})

describe('<AntomPay product="element">', () => {
  it('opens an element session and mounts AMSElement with the module\'s environment into its own container', async () => {
    const { wrapper, element } = await mountElement({ locale: 'fr-FR', paymentMethodType: 'GCASH' })
    // The buyer picks the method in the element: none is sent.
    expect(server.sessionBodies).toEqual([{ ...ORDER, product: 'element', terminalType: 'WEB' }])
    expect(element.options).toMatchObject({ sessionData: 'session-data-1&&SG&&111', environment: 'sandbox', locale: 'fr_FR' })
    expect(element.options).not.toHaveProperty('appearance')
    expect(element.mountOptions).toEqual({ type: 'payment', appearance: {}, notRedirectAfterComplete: false })
    const container = wrapper.find('.antom-pay__sdk').element
    expect(element.selector).toBe(`#${container.id}`)
    expect(container.querySelector('.fake-element')).not.toBeNull()
    expect(wrapper.find('.antom-pay').attributes('data-product')).toBe('element')
    // The built-in Pay button (the default slot) is there and enabled, in the buyer's language.
    expect(payButton(wrapper).text()).toBe('Payer')
    expect(payButton(wrapper).attributes('disabled')).toBeUndefined()
    expect(emitted(wrapper, 'loadingStart')).toEqual([{ code: 'SDK_START_OF_LOADING' }])
    expect(emitted(wrapper, 'loadingEnd')).toEqual([{ code: 'SDK_END_OF_LOADING' }])
  })

  it('passes theme, layout and variables to mount(), the theme also to the constructor, never showLoading', async () => {
    const appearance = { theme: 'night', layout: { type: 'Accordion' }, variables: { actionNormal: '#0958d9' } }
    const { element } = await mountElement({ appearance, notRedirectAfterComplete: true })
    expect(element.options.appearance).toEqual({ theme: 'night' })
    expect(element.mountOptions).toEqual({ type: 'payment', appearance, notRedirectAfterComplete: true })
  })

  it('pays with the built-in button: submitPayment(), then the server\'s word', async () => {
    const { wrapper, element } = await mountElement()
    server.statuses.set('pr_1', ['PROCESSING', 'SUCCESS'])
    await payButton(wrapper).trigger('click')
    await until(wrapper, 'paid')
    expect(element.submitPayment).toHaveBeenCalledTimes(1)
    expect(emitted(wrapper, 'success')).toEqual([{ code: 'SDK_PAYMENT_SUCCESSFUL' }])
    expect(emitted<AntomPaymentResult>(wrapper, 'paid')[0]).toMatchObject({ outcome: 'paid', simulated: false, payment: { status: 'SUCCESS' } })
    expect(server.statusRequests).toEqual(['pr_1', 'pr_1'])
  })

  it('exposes submit() and validate() for the shop\'s own button, through a template ref', async () => {
    const form = ref<Exposed | null>(null)
    const Shop = defineComponent({
      setup: () => () => h('div', [
        h(AntomPay, { ref: form, order: ORDER, product: 'element', pollInterval: 5, maxPollAttempts: 3 }, { default: () => [] }),
        h('button', { class: 'own-pay', onClick: () => form.value!.submit() }, 'Buy now'),
      ]),
    })
    const wrapper = await mountSuspended(Shop, { attachTo: document.body })
    wrappers.push(wrapper)
    await vi.waitFor(() => expect(wrapper.find('.antom-pay').attributes('data-status')).toBe('ready'))
    // The default slot replaced the built-in button.
    expect(wrapper.find('.antom-pay__submit button').exists()).toBe(false)

    fakeSdk.valid = false
    expect(await form.value!.validate()).toEqual({ isValid: false })
    fakeSdk.valid = true
    expect(await form.value!.validate()).toEqual({ isValid: true })

    fakeSdk.submitResults.push({ status: 'PROCESSING' })
    server.statuses.set('pr_1', ['SUCCESS'])
    expect(await form.value!.submit()).toEqual({ status: 'PROCESSING' })
    await vi.waitFor(() => expect(wrapper.find('.antom-pay').attributes('data-status')).toBe('paid'))
    // Nothing to submit any more.
    expect(await form.value!.submit()).toBeUndefined()
    expect(fakeSdk.elements[0]!.submitPayment).toHaveBeenCalledTimes(1)
  })

  it('keeps the element after a decline the buyer can correct: same session, the reason reported, no server status asked', async () => {
    const { wrapper, element, exposed } = await mountElement()
    fakeSdk.submitResults.push({ status: 'FAIL', error: { code: 'USER_BALANCE_NOT_ENOUGH', message: 'Insufficient balance.', needChangeSessionForRetry: false } })
    const answer = await exposed.submit()
    expect(answer).toMatchObject({ status: 'FAIL' })
    await nextTick()
    expect(statusOf(wrapper)).toBe('ready')
    expect(emitted<AntomCheckoutError>(wrapper, 'error')).toEqual([{ code: 'USER_BALANCE_NOT_ENOUGH', message: 'Insufficient balance.', retryable: true }])
    expect(emitted(wrapper, 'fail')).toEqual([{ code: 'SDK_PAYMENT_FAIL', message: 'Insufficient balance.' }])
    expect(server.sessionBodies).toHaveLength(1)
    expect(server.statusRequests).toEqual([])
    expect(element.destroy).not.toHaveBeenCalled()
    // The buyer tries again in the same element and session.
    server.statuses.set('pr_1', ['SUCCESS'])
    await payButton(wrapper).trigger('click')
    await until(wrapper, 'paid')
  })

  it('hands the element a new session when Antom says the session is spent (needChangeSessionForRetry)', async () => {
    const { wrapper, element, exposed } = await mountElement()
    fakeSdk.submitResults.push({ status: 'FAIL', error: { code: 'THREE_D_SECURE_FAILED', message: '3DS failed', needChangeSessionForRetry: true } })
    await exposed.submit()
    await vi.waitFor(() => expect(element.updatePayment).toHaveBeenCalledWith('session-data-2&&SG&&111'))
    await until(wrapper, 'ready')
    expect(server.sessionBodies).toHaveLength(2)
    expect(emitted<AntomSessionResponse>(wrapper, 'session').map(session => session.paymentRequestId)).toEqual(['pr_1', 'pr_2'])
    expect(fakeSdk.elements).toHaveLength(1)
    expect(element.destroy).not.toHaveBeenCalled()
    // The next payment is the new session's.
    server.statuses.set('pr_2', ['SUCCESS'])
    await exposed.submit()
    await until(wrapper, 'paid')
    expect(server.statusRequests).toEqual(['pr_2'])
  })

  it('keeps the element and the session when the buyer leaves a 3-D Secure challenge', async () => {
    const { wrapper, element, exposed } = await mountElement()
    fakeSdk.submitResults.push({ status: 'CANCELLED', userCanceled3D: true })
    await exposed.submit()
    await nextTick()
    expect(statusOf(wrapper)).toBe('ready')
    expect(emitted(wrapper, 'cancel')).toHaveLength(1)
    expect(emitted<AntomCheckoutError>(wrapper, 'error')[0]).toMatchObject({ code: 'PAYMENT_DECLINED', message: 'The 3-D Secure check was cancelled.' })
    expect(server.sessionBodies).toHaveLength(1)
    expect(element.destroy).not.toHaveBeenCalled()
  })

  it('does not report a failure twice when the element\'s callback already did', async () => {
    const { wrapper, element, exposed } = await mountElement()
    element.submitPayment.mockImplementationOnce(async () => {
      element.emit('SDK_PAYMENT_FAIL', 'Declined')
      return { status: 'FAIL', error: { code: 'CARD_DECLINED', message: 'Declined' } }
    })
    await exposed.submit()
    await nextTick()
    expect(emitted(wrapper, 'fail')).toEqual([{ code: 'SDK_PAYMENT_FAIL', message: 'Declined' }])
    expect(statusOf(wrapper)).toBe('ready')
  })

  it('updates the element in place when the order changes: nothing can be paid until the new session is in', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { wrapper, element, exposed } = await mountElement({ orderDebounceMs: 300 })
    await wrapper.setProps({ order: { items: [{ sku: 'tee', quantity: 3 }] } })
    expect(statusOf(wrapper)).toBe('creating-session')
    expect(payButton(wrapper).attributes('disabled')).toBeDefined()
    expect(await exposed.submit()).toBeUndefined()
    await wrapper.setProps({ order: { items: [{ sku: 'tee', quantity: 4 }] } })
    await vi.advanceTimersByTimeAsync(300)
    vi.useRealTimers()
    await until(wrapper, 'ready')
    expect(server.sessionBodies.map(body => (body.items as Array<{ quantity: number }>)[0]!.quantity)).toEqual([2, 4])
    expect(element.updatePayment).toHaveBeenCalledExactlyOnceWith('session-data-2&&SG&&111')
    expect(fakeSdk.elements).toHaveLength(1)
    expect(element.submitPayment).not.toHaveBeenCalled()
  })

  it('shows the other product\'s UI when the product changes, never hands the element a cashier session', async () => {
    const { wrapper, element } = await mountElement({ orderDebounceMs: 0 })
    server.product = 'cashier'
    await wrapper.setProps({ product: 'cashier', paymentMethodType: 'GCASH' })
    await vi.waitFor(() => expect(fakeSdk.instances).toHaveLength(1))
    await until(wrapper, 'ready')
    expect(element.destroy).toHaveBeenCalledTimes(1)
    expect(element.updatePayment).not.toHaveBeenCalled()
    expect(server.sessionBodies[1]).toEqual({ ...ORDER, paymentMethodType: 'GCASH', terminalType: 'WEB' })
    expect(wrapper.find('.antom-pay__submit').exists()).toBe(false)
  })

  it('mounts a new element when updatePayment() cannot take the new session', async () => {
    const { wrapper, element } = await mountElement({ orderDebounceMs: 0 })
    fakeSdk.updates = false
    await wrapper.setProps({ order: { items: [{ sku: 'mug', quantity: 1 }] } })
    await vi.waitFor(() => expect(fakeSdk.elements).toHaveLength(2))
    await until(wrapper, 'ready')
    expect(element.destroy).toHaveBeenCalledTimes(1)
    expect(fakeSdk.elements[1]!.options.sessionData).toBe('session-data-2&&SG&&111')
  })

  it('shows a retryable error when mount() answers with an error (Antom unreachable), leaving nothing behind', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    fakeSdk.elementMount = 'error'
    const wrapper = await mountSuspended(AntomPay, { props: { order: ORDER, product: 'element' }, attachTo: document.body })
    wrappers.push(wrapper)
    await until(wrapper, 'error')
    expect(emitted<AntomCheckoutError>(wrapper, 'error')[0]).toMatchObject({ code: 'SDK_CREATE_COMPONENT_ERROR', message: 'Load resource timeout', retryable: true })
    expect(fakeSdk.elements[0]!.destroy).toHaveBeenCalledTimes(1)
    expect(payButton(wrapper).exists()).toBe(false)
    expect(logged).not.toHaveBeenCalled()
    fakeSdk.elementMount = 'resolve'
    await wrapper.find('.antom-pay__error button').trigger('click')
    await until(wrapper, 'ready')
    expect(server.sessionBodies).toHaveLength(1)
  })

  it('removes the message listener AMSElement keeps after destroy()', async () => {
    const removed = vi.spyOn(window, 'removeEventListener')
    const { wrapper, element } = await mountElement()
    expect(removed).not.toHaveBeenCalledWith('message', element.leak, undefined)
    wrapper.unmount()
    wrappers.length = 0
    expect(removed).toHaveBeenCalledWith('message', element.leak, undefined)
  })

  it('destroys the element when the component unmounts or the route changes', async () => {
    const first = await mountElement()
    first.wrapper.unmount()
    wrappers.length = 0
    expect(first.element.destroy).toHaveBeenCalledTimes(1)
    const second = await mountElement()
    await navigateTo('/other')
    await vi.waitFor(() => expect(second.element.destroy).toHaveBeenCalledTimes(1))
  })

  it('has no preload of its own: preloading downloads the SDK code and warms nothing up', async () => {
    const wrapper = await mountSuspended(AntomPay, { props: { order: ORDER, product: 'element', immediate: false, preload: 'idle' }, attachTo: document.body })
    wrappers.push(wrapper)
    await new Promise(resolve => setTimeout(resolve, 50))
    expect(fakeSdk.preloads).toEqual([])
    expect(server.sessionBodies).toEqual([])
  })
})

describe('useAntomCheckout({ product: \'element\' })', () => {
  async function mountOwnUi() {
    let checkout!: AntomCheckout
    const Harness = defineComponent({
      setup() {
        checkout = useAntomCheckout({ order: ORDER, product: 'element', container: '#own-element', pollInterval: 5, maxPollAttempts: 3 })
        return () => h('div', [h('div', { id: 'own-element' }), h('button', { class: 'own-pay', disabled: checkout.status.value !== 'ready' || checkout.submitting.value, onClick: () => checkout.submit() }, 'Pay')])
      },
    })
    const wrapper = await mountSuspended(Harness, { attachTo: document.body })
    wrappers.push(wrapper)
    return { wrapper, checkout }
  }

  it('mounts into the app\'s container; submit(), validate() and submitting drive the shop\'s own button', async () => {
    const { wrapper, checkout } = await mountOwnUi()
    await checkout.start()
    expect(checkout.status.value).toBe('ready')
    expect(fakeSdk.elements[0]!.selector).toBe('#own-element')
    expect(await checkout.validate()).toEqual({ isValid: true })

    let finish!: (result: AntomSubmitResult) => void
    fakeSdk.elements[0]!.submitPayment.mockImplementationOnce(() => new Promise(resolve => (finish = resolve)))
    server.statuses.set('pr_1', ['SUCCESS'])
    const submitted = checkout.submit()
    await vi.waitFor(() => expect(checkout.submitting.value).toBe(true))
    await nextTick()
    expect(wrapper.find('.own-pay').attributes('disabled')).toBeDefined()
    finish({ status: 'SUCCESS' })
    expect(await submitted).toEqual({ status: 'SUCCESS' })
    expect(checkout.submitting.value).toBe(false)
    await vi.waitFor(() => expect(checkout.status.value).toBe('paid'))
  })

  it('fails with a message for the console when there is no container', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    let checkout!: AntomCheckout
    const Harness = defineComponent({
      setup() {
        checkout = useAntomCheckout({ order: ORDER, product: 'element' })
        return () => h('div')
      },
    })
    wrappers.push(await mountSuspended(Harness))
    await checkout.start()
    expect(checkout.status.value).toBe('error')
    expect(checkout.error.value).toMatchObject({ code: 'SDK_MOUNT_ERROR', retryable: false })
    expect(String(logged.mock.calls[0]?.[0])).toContain('needs a container')
    expect(fakeSdk.elements).toHaveLength(0)
  })
})
