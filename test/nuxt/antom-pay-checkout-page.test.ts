import { mockNuxtImport, mountSuspended } from '@nuxt/test-utils/runtime'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import AntomPay from '../../src/runtime/app/components/AntomPay.vue'
import type { AntomCheckout } from '../../src/runtime/app/composables/useAntomCheckout'
import { useAntomCheckout } from '../../src/runtime/app/composables/useAntomCheckout'
import type { AntomCheckoutError, AntomPaymentResult } from '../../src/runtime/types'
import { emitted, fakeSdk, installRoutes, server, statusOf, until } from './fake-antom'

const imports = vi.hoisted(() => ({ count: 0 }))
vi.mock('@alipay/ams-checkout', async () => {
  imports.count++
  return (await import('./fake-antom')).fakeSdkModule()
})

const { navigateToMock } = vi.hoisted(() => ({ navigateToMock: vi.fn() }))
mockNuxtImport('navigateTo', () => navigateToMock)

const ORDER = { items: [{ sku: 'tee', quantity: 1 }] }
const wrappers: VueWrapper[] = []
/** The embedded page's reachability check: what Antom's address answers (a rejection: unreachable). */
const probe = { requests: [] as Array<{ url: string, init?: RequestInit }>, reachable: true }

async function mountPage(props: Record<string, unknown> = {}) {
  const wrapper = await mountSuspended(AntomPay, {
    props: { order: ORDER, product: 'checkout-page', pollInterval: 5, maxPollAttempts: 3, ...props },
    attachTo: document.body,
  })
  wrappers.push(wrapper)
  return wrapper
}

beforeAll(() => installRoutes())

beforeEach(() => {
  fakeSdk.reset()
  server.reset()
  server.product = 'checkout-page'
  probe.requests.length = 0
  probe.reachable = true
  navigateToMock.mockReset()
  const original = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    if (!url.startsWith('https://checkout.antom.com')) return original(input, init)
    probe.requests.push({ url, init })
    if (!probe.reachable) throw new TypeError('Failed to fetch')
    return new Response(null, { status: 200 })
  })
})

afterEach(() => {
  while (wrappers.length) wrappers.pop()!.unmount()
  vi.restoreAllMocks()
})

describe('<AntomPay product="checkout-page" display="embedded">', () => {
  it('mounts AMSCheckoutPage into its container, checks Antom\'s page answers, and confirms a payment with the server', async () => {
    const wrapper = await mountPage({ display: 'embedded', locale: 'ja-JP' })
    await until(wrapper, 'ready')
    expect(server.sessionBodies).toEqual([{ ...ORDER, product: 'checkout-page', terminalType: 'WEB' }])
    const [page] = fakeSdk.pages
    expect(page!.options).toMatchObject({ environment: 'sandbox', locale: 'ja_JP' })
    const container = wrapper.find('.antom-pay__sdk').element
    expect(page!.mountComponent).toHaveBeenCalledExactlyOnceWith({ sessionData: 'session-data-1&&SG&&111' }, `#${container.id}`)
    expect(container.querySelector('iframe')).not.toBeNull()
    // Only the page's address, without the session data, without credentials.
    expect(probe.requests).toEqual([{ url: 'https://checkout.antom.com/checkout-page/pages/payment/index.html', init: expect.objectContaining({ method: 'HEAD', mode: 'no-cors', credentials: 'omit' }) }])
    // No Pay button of the component's own: Antom's page has it.
    expect(wrapper.find('.antom-pay__submit').exists()).toBe(false)

    server.statuses.set('pr_1', ['SUCCESS'])
    page!.emit('SDK_PAYMENT_SUCCESSFUL')
    await until(wrapper, 'paid')
    expect(emitted<AntomPaymentResult>(wrapper, 'paid')[0]).toMatchObject({ outcome: 'paid', payment: { status: 'SUCCESS' } })
  })

  it('treats "back to the shop" as a cancel: the page goes, the same session is shown again on retry', async () => {
    const wrapper = await mountPage({ display: 'embedded' })
    await until(wrapper, 'ready')
    fakeSdk.pages[0]!.emit('SDK_PAYMENT_CLICK_BACK_TO_MERCHANT')
    await until(wrapper, 'cancelled')
    expect(emitted(wrapper, 'event')).toEqual([{ code: 'SDK_PAYMENT_CLICK_BACK_TO_MERCHANT' }])
    expect(fakeSdk.pages[0]!.unmount).toHaveBeenCalledTimes(1)
    expect(document.querySelectorAll('iframe')).toHaveLength(0)
    await wrapper.find('.antom-pay__result button').trigger('click')
    await until(wrapper, 'ready')
    expect(server.sessionBodies).toHaveLength(1)
    expect(fakeSdk.pages[1]!.mountComponent).toHaveBeenCalledWith({ sessionData: 'session-data-1&&SG&&111' }, expect.any(String))
  })

  it('shows a retryable error when Antom\'s page does not answer, and leaves no iframe or listener', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const removed = vi.spyOn(window, 'removeEventListener')
    probe.reachable = false
    const wrapper = await mountPage({ display: 'embedded' })
    await until(wrapper, 'error')
    expect(emitted<AntomCheckoutError>(wrapper, 'error')[0]).toMatchObject({ code: 'CHECKOUT_PAGE_UNREACHABLE', message: 'The payment page could not be loaded.', retryable: true })
    expect(wrapper.find('[role="alert"]').text()).toContain('The payment page could not be loaded.')
    expect(String(logged.mock.calls[0]?.[0])).toContain('https://checkout.antom.com did not answer')
    expect(document.querySelectorAll('iframe')).toHaveLength(0)
    expect(removed).toHaveBeenCalledWith('message', fakeSdk.pages[0]!.listener)
  })

  it('unmounts the page with the component', async () => {
    const wrapper = await mountPage({ display: 'embedded' })
    await until(wrapper, 'ready')
    wrapper.unmount()
    wrappers.length = 0
    expect(fakeSdk.pages[0]!.unmount).toHaveBeenCalledTimes(1)
    expect(document.querySelectorAll('iframe')).toHaveLength(0)
  })
})

describe('<AntomPay product="checkout-page"> (hosted, the default)', () => {
  it('waits for the buyer: a form that posts the order to the checkout route works without JavaScript', async () => {
    const wrapper = await mountPage()
    await new Promise(resolve => setTimeout(resolve, 20))
    expect(statusOf(wrapper)).toBe('idle')
    expect(server.sessionBodies).toEqual([])
    const form = wrapper.find('form.antom-pay__idle')
    expect(form.attributes()).toMatchObject({ method: 'post', action: '/api/_antom/checkout' })
    expect(form.find('input[type=hidden][name=order]').attributes('value')).toBe(JSON.stringify(ORDER))
    expect(form.find('button[type=submit]').text()).toBe('Continue to payment')
  })

  it('with JavaScript: one session call, then the buyer leaves for normalUrl; no SDK, no driver', async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
    const importsBefore = imports.count
    const wrapper = await mountPage()
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(assign).toHaveBeenCalledTimes(1))
    // The server tells a phone from its user agent: the hosted page's few lines send no terminalType.
    expect(server.sessionBodies).toEqual([{ ...ORDER, product: 'checkout-page' }])
    expect(assign).toHaveBeenCalledWith(`${window.location.origin}/api/_antom/simulator/checkout/pr_1?token=t1`)
    expect(statusOf(wrapper)).toBe('creating-session')
    expect(emitted(wrapper, 'session')).toHaveLength(1)
    expect(imports.count).toBe(importsBefore)
    expect(fakeSdk.pages).toHaveLength(0)
  })

  it('is ready again when the browser brings the page back from its back/forward cache', async () => {
    vi.spyOn(window.location, 'assign').mockImplementation(() => {})
    const wrapper = await mountPage()
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(statusOf(wrapper)).toBe('creating-session'))
    await new Promise(resolve => setTimeout(resolve, 10))
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }))
    await vi.waitFor(() => expect(statusOf(wrapper)).toBe('idle'))
  })

  it('shows the server\'s message when the session is refused, and stays on the page', async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
    server.sessionFailure = { statusCode: 400, message: 'Invalid order: this shop takes product cashier, not checkout-page.' }
    const wrapper = await mountPage()
    await wrapper.find('form').trigger('submit')
    await until(wrapper, 'error')
    expect(wrapper.find('[role="alert"]').text()).toContain('this shop takes product cashier')
    expect(emitted<AntomCheckoutError>(wrapper, 'error')[0]).toMatchObject({ code: 'SESSION_ERROR', statusCode: 400, retryable: true })
    expect(assign).not.toHaveBeenCalled()
  })

  it('shows the generic text for a server error and logs the detail, never the body', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    server.sessionFailure = { statusCode: 500, message: '[nuxt-antom] Set NUXT_ANTOM_CLIENT_ID' }
    const wrapper = await mountPage()
    await wrapper.find('form').trigger('submit')
    await until(wrapper, 'error')
    expect(wrapper.find('[role="alert"]').text()).toContain('The payment could not be started. Please try again in a moment.')
    expect(wrapper.html()).not.toContain('NUXT_ANTOM_CLIENT_ID')
    expect(String(logged.mock.calls[0]?.[0])).toContain('[nuxt-antom] SESSION_ERROR')
    // Try again: the same form, another session call.
    server.sessionFailure = undefined
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {})
    await wrapper.find('.antom-pay__error button').trigger('click')
    await vi.waitFor(() => expect(assign).toHaveBeenCalledTimes(1))
  })
})

describe('useAntomCheckout({ product: \'checkout-page\' })', () => {
  async function mountOwnUi(container?: string) {
    let checkout!: AntomCheckout
    const Harness = defineComponent({
      setup() {
        checkout = useAntomCheckout({ order: ORDER, product: 'checkout-page', container, pollInterval: 5, maxPollAttempts: 3 })
        return () => h('div', { id: 'own-page' })
      },
    })
    wrappers.push(await mountSuspended(Harness, { attachTo: document.body }))
    return checkout
  }

  it('without a container, start() sends the buyer to the hosted page with navigateTo', async () => {
    const importsBefore = imports.count
    const checkout = await mountOwnUi()
    await checkout.start()
    expect(navigateToMock).toHaveBeenCalledExactlyOnceWith(`${window.location.origin}/api/_antom/simulator/checkout/pr_1?token=t1`, { external: true })
    expect(imports.count).toBe(importsBefore)
  })

  it('with a container, embeds the page there', async () => {
    const checkout = await mountOwnUi('#own-page')
    await checkout.start()
    expect(checkout.status.value).toBe('ready')
    expect(fakeSdk.pages[0]!.mountComponent).toHaveBeenCalledWith({ sessionData: 'session-data-1&&SG&&111' }, '#own-page')
  })
})
