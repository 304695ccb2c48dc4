import { mountSuspended } from '@nuxt/test-utils/runtime'
import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import { nextTick } from 'vue'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { navigateTo } from '#imports'
import AntomPay from '../../src/runtime/app/components/AntomPay.vue'
import type { AntomCheckoutError, AntomPaymentResult, AntomSdkEvent } from '../../src/runtime/types'
import { emitted, fakeSdk, installRoutes, server, statusOf, until } from './fake-antom'

vi.mock('@alipay/ams-checkout', async () => (await import('./fake-antom')).fakeSdkModule())

type Props = Record<string, unknown>
const ORDER = { items: [{ sku: 'tee', quantity: 2 }] }
const wrappers: VueWrapper[] = []

async function mountPay(props: Props = {}) {
  const wrapper = await mountSuspended(AntomPay, {
    props: { order: ORDER, pollInterval: 5, maxPollAttempts: 3, ...props },
    attachTo: document.body,
  })
  wrappers.push(wrapper)
  return wrapper
}

function root(wrapper: VueWrapper) {
  return wrapper.find('.antom-pay')
}

/** The `console.error` calls this module made (Vue and Nuxt log with other prefixes). */
function moduleLogs(spy: { mock: { calls: unknown[][] } }) {
  return spy.mock.calls.filter(([first]) => typeof first === 'string' && first.startsWith('[nuxt-antom]'))
}

/** Waits for a condition without advancing fake timers (`interval: 0`). */
async function settled(check: () => void) {
  await vi.waitFor(check, { interval: 0 })
  await flushPromises()
}

async function mountReady(props: Props = {}) {
  const wrapper = await mountPay(props)
  await until(wrapper, 'ready')
  return { wrapper, cashier: fakeSdk.last! }
}

/**
 * Waits until the component has received `count` status answers (not only sent the requests).
 * `interval: 0` keeps vi.waitFor from advancing fake timers while it checks.
 */
async function answered(wrapper: VueWrapper, count: number) {
  await vi.waitFor(() => {
    expect(server.statusRequests).toHaveLength(count)
    expect((wrapper.vm as unknown as { payment: unknown }).payment).not.toBeNull()
  }, { interval: 0 })
  await flushPromises()
}

beforeAll(() => installRoutes())

beforeEach(() => {
  fakeSdk.reset()
  server.reset()
})

afterEach(async () => {
  while (wrappers.length) wrappers.pop()!.unmount()
  vi.useRealTimers()
  vi.restoreAllMocks()
  await navigateTo('/')
})

describe('<AntomPay> session and SDK', () => {
  it('creates the session from the order and renders the cashier into its own container', async () => {
    const { wrapper, cashier } = await mountReady({ paymentMethodType: 'ALIPAY_CN', locale: 'de-DE' })

    expect(server.sessionBodies).toEqual([{ ...ORDER, paymentMethodType: 'ALIPAY_CN', terminalType: 'WEB' }])
    expect(cashier.options).toMatchObject({ environment: 'sandbox', locale: 'de_DE', analytics: { enabled: true } })
    expect(cashier.options.onLog).toBeTypeOf('function')
    expect(cashier.options.onEventCallback).toBeTypeOf('function')
    expect(cashier.method).toBe('mountComponent')
    expect(cashier.params).toEqual({ sessionData: 'session-data-1&&SG&&111', appearance: { showLoading: true }, notRedirectAfterComplete: false })
    // The selector names an element inside this component, and the cashier landed there.
    const container = root(wrapper).element.querySelector(cashier.selector!)
    expect(container).not.toBeNull()
    expect(container!.querySelector('.fake-cashier')).not.toBeNull()
    expect(emitted(wrapper, 'session')).toHaveLength(1)
    expect(root(wrapper).attributes('aria-busy')).toBe('false')
  })

  it('passes appearance, showLoading and notRedirectAfterComplete to the SDK', async () => {
    const { cashier } = await mountReady({ appearance: { themeType: 'dark' }, showLoading: false, notRedirectAfterComplete: true })
    expect(cashier.params).toEqual({ sessionData: 'session-data-1&&SG&&111', appearance: { themeType: 'dark', showLoading: false }, notRedirectAfterComplete: true })
  })

  it('uses the SDK pop-up with display="popup"', async () => {
    const { cashier } = await mountReady({ display: 'popup' })
    expect(cashier.method).toBe('createComponent')
    expect(cashier.mountComponent).not.toHaveBeenCalled()
  })

  it('asks for a WAP cashier on mobile user agents', async () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148')
    await mountReady()
    expect(server.sessionBodies[0]).toMatchObject({ terminalType: 'WAP' })
  })

  it('falls back to the browser language mapped to an SDK locale, then en_US', async () => {
    const languages = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['xx-YY', 'pt-PT', 'en-GB'])
    const first = await mountReady()
    expect(first.cashier.options.locale).toBe('pt_PT')
    first.wrapper.unmount()

    languages.mockReturnValue(['ja-JP', 'sv'])
    const second = await mountReady()
    expect(second.cashier.options.locale).toBe('en_US')
  })

  it('is busy and says so while the session is created', async () => {
    let open!: () => void
    server.sessionGate = new Promise(resolve => (open = resolve))
    const wrapper = await mountPay()
    await until(wrapper, 'creating-session')
    expect(root(wrapper).attributes('aria-busy')).toBe('true')
    expect(wrapper.find('[role="status"]').text()).toBe('Preparing the payment…')
    expect(wrapper.find('[role="status"]').attributes('aria-live')).toBe('polite')
    expect(wrapper.find('.antom-pay__loading').exists()).toBe(true)
    open()
    await until(wrapper, 'ready')
    expect(root(wrapper).attributes('aria-busy')).toBe('false')
    expect(wrapper.find('.antom-pay__loading').exists()).toBe(false)
  })

  it('renders custom loading, error and result slots', async () => {
    let open!: () => void
    server.sessionGate = new Promise(resolve => (open = resolve))
    server.sessionFailure = { statusCode: 502, message: 'Antom is down' }
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const wrapper = await mountSuspended(AntomPay, {
      props: { order: ORDER },
      slots: {
        loading: () => 'Custom loading',
        error: () => 'Custom error',
      },
      attachTo: document.body,
    })
    wrappers.push(wrapper)
    await until(wrapper, 'creating-session')
    expect(wrapper.find('.antom-pay__loading').text()).toBe('Custom loading')
    open()
    await until(wrapper, 'error')
    expect(wrapper.find('[role="alert"]').text()).toBe('Custom error')
  })

  it('shows a retryable error when the session route fails', async () => {
    server.sessionFailure = { statusCode: 422, message: 'Unknown SKU "tee"' }
    const wrapper = await mountPay()
    await until(wrapper, 'error')
    const errors = emitted<AntomCheckoutError>(wrapper, 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'SESSION_ERROR', message: 'Unknown SKU "tee"', statusCode: 422, retryable: true })
    expect(wrapper.find('[role="alert"]').text()).toContain('Unknown SKU "tee"')
    expect(fakeSdk.instances).toHaveLength(0)

    server.sessionFailure = undefined
    await wrapper.find('.antom-pay__error button').trigger('click')
    await until(wrapper, 'ready')
    expect(server.sessionBodies).toHaveLength(2)
  })

  it('shows generic text, never a 5xx body\'s developer message, and logs the full error once', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    server.sessionFailure = { statusCode: 500, message: '[nuxt-antom] Set NUXT_ANTOM_CLIENT_ID' }
    const wrapper = await mountPay()
    await until(wrapper, 'error')

    const generic = 'The payment could not be started. Please try again in a moment.'
    expect(wrapper.find('[role="alert"]').text()).toContain(generic)
    expect(wrapper.html()).not.toContain('NUXT_ANTOM')
    expect(wrapper.html()).not.toContain('[nuxt-antom]')
    expect(wrapper.find('.antom-pay__error button').exists()).toBe(true)

    const errors = emitted<AntomCheckoutError>(wrapper, 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'SESSION_ERROR', message: generic, statusCode: 500, retryable: true })
    // The developer's detail stays available: in the cause and in the console.
    expect(errors[0]!.cause).toMatchObject({ statusCode: 500, data: { message: '[nuxt-antom] Set NUXT_ANTOM_CLIENT_ID' } })
    const logs = moduleLogs(logged)
    expect(logs).toHaveLength(1)
    expect(logs[0]![0]).toContain('500')
    expect(logs[0]![0]).toContain('Set NUXT_ANTOM_CLIENT_ID')
    expect(logs[0]![1]).toBe(errors[0]!.cause)
  })

  it('shows a 400 answer\'s message to the buyer', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    server.sessionFailure = { statusCode: 400, message: 'The order total must be greater than zero.' }
    const wrapper = await mountPay()
    await until(wrapper, 'error')
    expect(wrapper.find('[role="alert"]').text()).toContain('The order total must be greater than zero.')
    expect(emitted<AntomCheckoutError>(wrapper, 'error')[0]).toMatchObject({ code: 'SESSION_ERROR', message: 'The order total must be greater than zero.', statusCode: 400 })
    expect(moduleLogs(logged)).toEqual([])
  })

  it('shows generic text for a network error without a status, and logs it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const offline = new TypeError('Failed to fetch')
    vi.spyOn(globalThis, '$fetch').mockRejectedValueOnce(offline)
    const wrapper = await mountPay()
    await until(wrapper, 'error')
    expect(wrapper.find('[role="alert"]').text()).toContain('The payment could not be started. Please try again in a moment.')
    expect(wrapper.html()).not.toContain('Failed to fetch')
    const [error] = emitted<AntomCheckoutError>(wrapper, 'error')
    expect(error).toMatchObject({ code: 'SESSION_ERROR', retryable: true, cause: offline })
    expect(error).not.toHaveProperty('statusCode')
    expect(moduleLogs(logged).map(call => call[1])).toEqual([offline])
  })

  it('shows a retryable error for a product it has no driver for (a newer server), and loads nothing', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    server.product = 'express' as typeof server.product
    const wrapper = await mountPay()
    await until(wrapper, 'error')
    expect(emitted<AntomCheckoutError>(wrapper, 'error')[0]).toMatchObject({ code: 'SDK_LOAD_ERROR', message: 'The payment SDK could not be loaded.', retryable: true })
    expect(moduleLogs(logged)[0]![0]).toContain('no driver for product "express"')
    expect(fakeSdk.instances).toHaveLength(0)
  })

  it('maps a rejected mountComponent to an error with the SDK code', async () => {
    fakeSdk.mount = 'reject'
    const wrapper = await mountPay()
    await until(wrapper, 'error')
    expect(emitted<AntomCheckoutError>(wrapper, 'error')[0]).toMatchObject({ code: 'SDK_CREATECOMPONENT_ERROR', message: 'Only one component can be rendered simultaneously' })
  })
})

describe('<AntomPay> SDK events', () => {
  it.each([
    ['SDK_START_OF_LOADING', 'loadingStart'],
    ['SDK_END_OF_LOADING', 'loadingEnd'],
  ])('re-emits %s as %s', async (code, name) => {
    const { wrapper, cashier } = await mountReady()
    cashier.emit(code)
    expect(emitted<AntomSdkEvent>(wrapper, name)).toEqual([{ code }])
    expect(emitted<AntomSdkEvent>(wrapper, 'event')).toEqual([{ code }])
    expect(statusOf(wrapper)).toBe('ready')
  })

  it('hands the loading state to the SDK and becomes ready on SDK_END_OF_LOADING', async () => {
    fakeSdk.mount = 'hang'
    const wrapper = await mountPay()
    await vi.waitFor(() => expect(fakeSdk.last?.mounted).toBe(true))
    const cashier = fakeSdk.last!
    expect(statusOf(wrapper)).toBe('loading-sdk')
    expect(wrapper.find('.antom-pay__loading').exists()).toBe(true)

    cashier.emit('SDK_START_OF_LOADING')
    await nextTick()
    // The SDK shows its own animation now (showLoading defaults to true).
    expect(wrapper.find('.antom-pay__loading').exists()).toBe(false)
    expect(statusOf(wrapper)).toBe('loading-sdk')

    cashier.emit('SDK_END_OF_LOADING')
    await until(wrapper, 'ready')
  })

  it('confirms SDK_PAYMENT_SUCCESSFUL with the server before emitting paid', async () => {
    const { wrapper, cashier } = await mountReady()
    server.statuses.set('pr_1', ['PROCESSING', 'PROCESSING', 'SUCCESS'])
    cashier.emit('SDK_PAYMENT_SUCCESSFUL')

    expect(emitted(wrapper, 'success')).toEqual([{ code: 'SDK_PAYMENT_SUCCESSFUL' }])
    expect(emitted(wrapper, 'paid')).toEqual([])
    await nextTick()
    expect(statusOf(wrapper)).toBe('confirming')
    expect(root(wrapper).attributes('aria-busy')).toBe('true')

    await until(wrapper, 'paid')
    expect(server.statusRequests).toEqual(['pr_1', 'pr_1', 'pr_1'])
    const [result] = emitted<AntomPaymentResult>(wrapper, 'paid')
    expect(result).toMatchObject({ outcome: 'paid', simulated: false, payment: { paymentRequestId: 'pr_1', status: 'SUCCESS', final: true } })
    expect(emitted(wrapper, 'failed')).toEqual([])
    expect(wrapper.find('.antom-pay__result').text()).toContain('Payment received.')
    // Without notRedirectAfterComplete the SDK redirects by itself: the cashier is left alone.
    expect(cashier.unmount).not.toHaveBeenCalled()
  })

  it('never reports paid on the SDK\'s word when the server says FAIL', async () => {
    const { wrapper, cashier } = await mountReady()
    server.statuses.set('pr_1', ['FAIL'])
    cashier.emit('SDK_PAYMENT_SUCCESSFUL')
    await until(wrapper, 'failed')
    expect(emitted(wrapper, 'paid')).toEqual([])
    expect(emitted<AntomPaymentResult>(wrapper, 'failed')[0]).toMatchObject({ outcome: 'failed', payment: { status: 'FAIL' } })
  })

  it('reports pending when SDK_PAYMENT_PROCESSING is not final within the polling limit', async () => {
    const { wrapper, cashier } = await mountReady({ maxPollAttempts: 4 })
    server.statuses.set('pr_1', ['PROCESSING'])
    cashier.emit('SDK_PAYMENT_PROCESSING')
    expect(emitted(wrapper, 'processing')).toEqual([{ code: 'SDK_PAYMENT_PROCESSING' }])
    await until(wrapper, 'pending')
    expect(server.statusRequests).toHaveLength(4)
    expect(emitted<AntomPaymentResult>(wrapper, 'pending')[0]).toMatchObject({ outcome: 'pending', payment: { status: 'PROCESSING' } })

    // "Check again" polls again; it never creates a second payment.
    server.statuses.set('pr_1', ['SUCCESS'])
    await wrapper.find('.antom-pay__result button').trigger('click')
    await until(wrapper, 'paid')
    expect(server.sessionBodies).toHaveLength(1)
  })

  it('treats a CANCELLED server status as failed', async () => {
    const { wrapper, cashier } = await mountReady()
    server.statuses.set('pr_1', ['CANCELLED'])
    cashier.emit('SDK_PAYMENT_PROCESSING')
    await until(wrapper, 'failed')
  })

  it('confirms SDK_PAYMENT_FAIL with the server and emits failed', async () => {
    const { wrapper, cashier } = await mountReady()
    server.statuses.set('pr_1', ['FAIL'])
    cashier.emit('SDK_PAYMENT_FAIL', 'Insufficient balance')
    expect(emitted(wrapper, 'fail')).toEqual([{ code: 'SDK_PAYMENT_FAIL', message: 'Insufficient balance' }])
    await until(wrapper, 'failed')
    expect(emitted(wrapper, 'failed')).toHaveLength(1)
  })

  it('emits error for SDK_PAYMENT_ERROR and still asks the server', async () => {
    const { wrapper, cashier } = await mountReady()
    server.statuses.set('pr_1', ['SUCCESS'])
    cashier.emit('SDK_PAYMENT_ERROR', 'Network hiccup')
    expect(emitted(wrapper, 'error')).toEqual([{ code: 'SDK_PAYMENT_ERROR', message: 'Network hiccup', retryable: false }])
    // The server is the judge: the payment went through after all.
    await until(wrapper, 'paid')
  })

  it('keeps the session on SDK_PAYMENT_CANCEL and reuses it to pay again', async () => {
    const { wrapper, cashier } = await mountReady()
    cashier.emit('SDK_PAYMENT_CANCEL')
    expect(emitted(wrapper, 'cancel')).toEqual([{ code: 'SDK_PAYMENT_CANCEL' }])
    await until(wrapper, 'cancelled')
    expect(cashier.unmount).toHaveBeenCalledTimes(1)
    expect(server.statusRequests).toEqual([])

    await wrapper.find('.antom-pay__result button').trigger('click')
    await until(wrapper, 'ready')
    expect(server.sessionBodies).toHaveLength(1)
    expect(fakeSdk.last).not.toBe(cashier)
    expect(fakeSdk.last!.params!.sessionData).toBe('session-data-1&&SG&&111')
  })

  it('replaces an expired session after a cancel', async () => {
    server.expiresInMinutes = -1
    const { wrapper, cashier } = await mountReady()
    cashier.emit('SDK_PAYMENT_CANCEL')
    await until(wrapper, 'cancelled')
    await wrapper.find('.antom-pay__result button').trigger('click')
    await until(wrapper, 'ready')
    expect(server.sessionBodies).toHaveLength(2)
    expect(fakeSdk.last!.params!.sessionData).toBe('session-data-2&&SG&&111')
  })

  it('treats the pop-up close button as a cancel', async () => {
    const { wrapper, cashier } = await mountReady({ display: 'popup' })
    cashier.options.onClose!()
    await until(wrapper, 'cancelled')
    expect(emitted<AntomSdkEvent>(wrapper, 'cancel')[0]).toMatchObject({ code: 'SDK_PAYMENT_CANCEL' })
  })

  it.each([
    'SDK_INTERNAL_ERROR',
    'SDK_CREATEPAYMENT_PARAMETER_ERROR',
    'SDK_INIT_PARAMETER_ERROR',
    'SDK_CREATECOMPONENT_ERROR',
    'SDK_CREATE_COMPONENT_ERROR',
  ])('stops with a retryable error on %s', async (code) => {
    const { wrapper, cashier } = await mountReady()
    cashier.emit(code, 'Something broke')
    await until(wrapper, 'error')
    expect(emitted(wrapper, 'error')).toEqual([{ code, message: 'Something broke', retryable: true }])
    expect(emitted(wrapper, 'event')).toEqual([{ code, message: 'Something broke' }])
    expect(cashier.unmount).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[role="alert"]').text()).toContain('Something broke')

    await wrapper.find('.antom-pay__error button').trigger('click')
    await until(wrapper, 'ready')
    // Nothing was paid with the session, so the retry reuses it.
    expect(server.sessionBodies).toHaveLength(1)
  })

  it.each(['SDK_LAUNCH_PAYMENT_APP_ERROR', 'SDK_CALL_URL_ERROR'])('reports %s but keeps the cashier', async (code) => {
    const { wrapper, cashier } = await mountReady()
    cashier.emit(code, 'Could not open the wallet')
    expect(emitted(wrapper, 'error')).toEqual([{ code, message: 'Could not open the wallet', retryable: false }])
    expect(statusOf(wrapper)).toBe('ready')
    expect(cashier.unmount).not.toHaveBeenCalled()
  })

  it.each([
    'SDK_CALL_URL_SUCCESS',
    'SDK_PAYMENT_WARN',
    'SDK_PAYMENT_SHIPPINGCHANGE',
    'SDK_PAYMENT_APPROVE',
    'SDK_REDIRECT',
    'SDK_PAYMENT_CLICK_BACK_TO_MERCHANT',
    'SDK_SOMETHING_NEWER',
  ])('passes %s through as a plain event', async (code) => {
    const { wrapper, cashier } = await mountReady()
    cashier.emit(code, 'details')
    expect(emitted(wrapper, 'event')).toEqual([{ code, message: 'details' }])
    for (const name of ['error', 'success', 'fail', 'cancel', 'processing', 'loadingStart', 'loadingEnd']) {
      expect(emitted(wrapper, name)).toEqual([])
    }
    expect(statusOf(wrapper)).toBe('ready')
  })

  it('re-emits onLog entries', async () => {
    const { wrapper, cashier } = await mountReady()
    cashier.options.onLog!({ code: 'sdk_event_createComponent', message: 'created' })
    expect(emitted(wrapper, 'log')).toEqual([{ code: 'sdk_event_createComponent', message: 'created' }])
  })

  it('stops on an SDK onError before a payment', async () => {
    const { wrapper, cashier } = await mountReady()
    cashier.options.onError!({ code: 'SDK_CREATECOMPONENT_ERROR', message: 'Load resource timeout' })
    await until(wrapper, 'error')
    expect(emitted(wrapper, 'error')).toEqual([{ code: 'SDK_CREATECOMPONENT_ERROR', message: 'Load resource timeout', retryable: true }])
  })

  it('ignores events from a cashier it has unmounted', async () => {
    const { wrapper, cashier } = await mountReady()
    cashier.emit('SDK_PAYMENT_CANCEL')
    await until(wrapper, 'cancelled')
    cashier.emit('SDK_PAYMENT_SUCCESSFUL')
    await flushPromises()
    expect(emitted(wrapper, 'success')).toEqual([])
    expect(server.statusRequests).toEqual([])
  })
})

describe('<AntomPay> lifecycle', () => {
  it('unmounts the SDK and stops polling when the component unmounts', async () => {
    const { wrapper, cashier } = await mountReady({ pollInterval: 2_000, maxPollAttempts: 30 })
    vi.useFakeTimers()
    server.statuses.set('pr_1', ['PROCESSING'])
    cashier.emit('SDK_PAYMENT_PROCESSING')
    await answered(wrapper, 1)
    await vi.advanceTimersByTimeAsync(2_000)
    await answered(wrapper, 2)

    wrapper.unmount()
    wrappers.splice(wrappers.indexOf(wrapper), 1)
    expect(cashier.unmount).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(60_000)
    await flushPromises()
    expect(server.statusRequests).toHaveLength(2)
  })

  it('polls every 2 s by default', async () => {
    const { wrapper, cashier } = await mountReady({ pollInterval: undefined })
    vi.useFakeTimers()
    server.statuses.set('pr_1', ['PROCESSING'])
    cashier.emit('SDK_PAYMENT_PROCESSING')
    await answered(wrapper, 1)
    await vi.advanceTimersByTimeAsync(1_999)
    await flushPromises()
    expect(server.statusRequests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await answered(wrapper, 2)
  })

  it('unmounts the SDK when the route changes', async () => {
    const { wrapper, cashier } = await mountReady()
    await navigateTo('/other')
    expect(cashier.unmount).toHaveBeenCalledTimes(1)
    await until(wrapper, 'idle')
    // The idle state offers to start again.
    expect(wrapper.find('.antom-pay__idle button').exists()).toBe(true)
  })

  it('unmounts the SDK after a final result with notRedirectAfterComplete', async () => {
    const { wrapper, cashier } = await mountReady({ notRedirectAfterComplete: true })
    server.statuses.set('pr_1', ['SUCCESS'])
    cashier.emit('SDK_PAYMENT_SUCCESSFUL')
    await until(wrapper, 'paid')
    expect(cashier.unmount).toHaveBeenCalledTimes(1)
  })

  it('unmounts the old cashier and creates a new session before paying again after a failure', async () => {
    const { wrapper, cashier } = await mountReady()
    server.statuses.set('pr_1', ['FAIL'])
    cashier.emit('SDK_PAYMENT_FAIL')
    await until(wrapper, 'failed')

    await wrapper.find('.antom-pay__result button').trigger('click')
    await until(wrapper, 'ready')
    expect(server.sessionBodies).toHaveLength(2)
    expect(fakeSdk.calls).toEqual(['new#1', 'mountComponent#1', 'unmount#1', 'new#2', 'mountComponent#2'])
    expect(fakeSdk.last!.params!.sessionData).toBe('session-data-2&&SG&&111')

    // The new attempt is confirmed against the new payment id.
    server.statuses.set('pr_2', ['SUCCESS'])
    fakeSdk.last!.emit('SDK_PAYMENT_SUCCESSFUL')
    await until(wrapper, 'paid')
    expect(server.statusRequests).toEqual(['pr_1', 'pr_2'])
  })

  it('does not start another payment once paid', async () => {
    const { wrapper, cashier } = await mountReady()
    server.statuses.set('pr_1', ['SUCCESS'])
    cashier.emit('SDK_PAYMENT_SUCCESSFUL')
    await until(wrapper, 'paid')
    await (wrapper.vm as unknown as { start: () => Promise<void> }).start()
    expect(server.sessionBodies).toHaveLength(1)
    expect(fakeSdk.instances).toHaveLength(1)
  })

  it('replaces an unpaid session when the order changes', async () => {
    const { wrapper, cashier } = await mountReady()
    await wrapper.setProps({ order: { items: [{ sku: 'tee', quantity: 3 }] } })
    await vi.waitFor(() => expect(fakeSdk.instances).toHaveLength(2))
    await until(wrapper, 'ready')
    expect(cashier.unmount).toHaveBeenCalledTimes(1)
    expect(server.sessionBodies[1]).toMatchObject({ items: [{ sku: 'tee', quantity: 3 }] })
  })

  it('debounces order and method changes: the old cashier goes at once, only the last change opens a session', async () => {
    const { wrapper, cashier } = await mountReady()
    vi.useFakeTimers()
    const changes: Props[] = [
      { order: { items: [{ sku: 'tee', quantity: 3 }] } },
      { order: { items: [{ sku: 'tee', quantity: 4 }] } },
      { paymentMethodType: 'GCASH' },
      { order: { items: [{ sku: 'tee', quantity: 5 }] } },
      { order: { items: [{ sku: 'tee', quantity: 6 }] } },
    ]
    for (const [index, change] of changes.entries()) {
      // 300 ms apart: the burst lasts longer than the debounce, each pause is shorter.
      if (index > 0) await vi.advanceTimersByTimeAsync(300)
      await wrapper.setProps(change)
      // The old session cannot be paid with the stale amount while the new one waits.
      expect(statusOf(wrapper)).toBe('creating-session')
      expect(root(wrapper).attributes('aria-busy')).toBe('true')
      expect(cashier.unmount).toHaveBeenCalledTimes(1)
      expect(root(wrapper).element.querySelector('.fake-cashier')).toBeNull()
    }
    cashier.emit('SDK_PAYMENT_SUCCESSFUL')
    await flushPromises()
    expect(emitted(wrapper, 'success')).toEqual([])
    expect(server.statusRequests).toEqual([])

    await vi.advanceTimersByTimeAsync(399)
    expect(server.sessionBodies).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await settled(() => expect(statusOf(wrapper)).toBe('ready'))
    expect(server.sessionBodies).toHaveLength(2)
    expect(server.sessionBodies[1]).toEqual({ items: [{ sku: 'tee', quantity: 6 }], paymentMethodType: 'GCASH', terminalType: 'WEB' })
    expect(fakeSdk.instances).toHaveLength(2)
    expect(fakeSdk.last!.params!.sessionData).toBe('session-data-2&&SG&&111')

    // A change after the debounce opens another session.
    await wrapper.setProps({ order: { items: [{ sku: 'tee', quantity: 7 }] } })
    expect(statusOf(wrapper)).toBe('creating-session')
    await vi.advanceTimersByTimeAsync(399)
    expect(server.sessionBodies).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    await settled(() => expect(statusOf(wrapper)).toBe('ready'))
    expect(server.sessionBodies).toHaveLength(3)
    expect(server.sessionBodies[2]).toMatchObject({ items: [{ sku: 'tee', quantity: 7 }], paymentMethodType: 'GCASH' })
    expect(fakeSdk.last!.params!.sessionData).toBe('session-data-3&&SG&&111')
  })

  it('forwards orderDebounceMs and drops a pending session when it unmounts', async () => {
    const { wrapper } = await mountReady({ orderDebounceMs: 1_000 })
    vi.useFakeTimers()
    await wrapper.setProps({ order: { items: [{ sku: 'tee', quantity: 3 }] } })
    await vi.advanceTimersByTimeAsync(999)
    expect(server.sessionBodies).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await settled(() => expect(server.sessionBodies).toHaveLength(2))

    await settled(() => expect(statusOf(wrapper)).toBe('ready'))
    await wrapper.setProps({ order: { items: [{ sku: 'tee', quantity: 4 }] } })
    wrapper.unmount()
    wrappers.splice(wrappers.indexOf(wrapper), 1)
    await vi.advanceTimersByTimeAsync(10_000)
    await flushPromises()
    expect(server.sessionBodies).toHaveLength(2)
  })

  it('queues a second <AntomPay> until the first releases the SDK', async () => {
    const first = await mountReady()
    const second = await mountPay()
    await until(second, 'queued')
    expect(root(second).attributes('aria-busy')).toBe('true')
    expect(fakeSdk.instances).toHaveLength(1)

    first.wrapper.unmount()
    await until(second, 'ready')
    expect(fakeSdk.instances).toHaveLength(2)
    expect(fakeSdk.active).toBe(fakeSdk.last)
    expect(root(second).element.querySelector('.fake-cashier')).not.toBeNull()
  })

  it('lets the next <AntomPay> render when the first is cancelled', async () => {
    const first = await mountReady()
    const second = await mountPay()
    await until(second, 'queued')
    first.cashier.emit('SDK_PAYMENT_CANCEL')
    await until(second, 'ready')
    expect(statusOf(first.wrapper)).toBe('cancelled')
  })

  it('waits for its turn again when the first <AntomPay> is retried', async () => {
    const first = await mountReady()
    first.cashier.emit('SDK_PAYMENT_CANCEL')
    await until(first.wrapper, 'cancelled')
    const second = await mountReady()
    await first.wrapper.find('.antom-pay__result button').trigger('click')
    await until(first.wrapper, 'queued')
    second.wrapper.unmount()
    await until(first.wrapper, 'ready')
  })
})

describe('<AntomPay> preload', () => {
  it('preloads the SDK on first interaction without creating a session', async () => {
    const wrapper = await mountPay({ immediate: false, preload: 'interaction' })
    expect(statusOf(wrapper)).toBe('idle')
    expect(fakeSdk.preloads).toEqual([])
    await root(wrapper).trigger('pointerenter')
    await vi.waitFor(() => expect(fakeSdk.preloads).toEqual([{ environment: 'sandbox' }]))
    expect(server.sessionBodies).toEqual([])

    await wrapper.find('.antom-pay__idle button').trigger('click')
    await until(wrapper, 'ready')
  })
})
