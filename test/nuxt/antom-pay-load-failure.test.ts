import { mountSuspended } from '@nuxt/test-utils/runtime'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import AntomPay from '../../src/runtime/app/components/AntomPay.vue'
import type { AntomCheckoutError } from '../../src/runtime/types'
import { fakeSdk, installRoutes, server } from './fake-antom'

// Each test file has its own module registry, so the SDK has not been loaded before this file.
const load = vi.hoisted(() => ({ calls: 0, fail: true }))
vi.mock('@alipay/ams-checkout', async () => {
  load.calls++
  if (load.fail) throw new TypeError('Failed to fetch dynamically imported module: /_nuxt/ams-checkout.js')
  return (await import('./fake-antom')).fakeSdkModule()
})

beforeAll(() => installRoutes())
afterEach(() => {
  fakeSdk.reset()
  server.reset()
  vi.restoreAllMocks()
})

describe('<AntomPay> SDK load failure', () => {
  it('shows a retryable error instead of a blank box, and the retry downloads the SDK again', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const wrapper = await mountSuspended(AntomPay, { props: { order: { items: [] } }, attachTo: document.body })
    await vi.waitFor(() => expect(wrapper.find('.antom-pay').attributes('data-status')).toBe('error'))
    const [error] = (wrapper.emitted('error') ?? []).map(args => args[0] as AntomCheckoutError)
    expect(error).toMatchObject({ code: 'SDK_LOAD_ERROR', message: 'The payment SDK could not be loaded.', retryable: true })
    expect(error!.cause).toBeInstanceOf(Error)
    // The import error names a URL, not the payment: the buyer sees the module's text, the console the detail.
    expect(wrapper.html()).not.toContain('dynamically imported module')
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^\[nuxt-antom\] SDK_LOAD_ERROR: /), error!.cause)
    expect(wrapper.find('[role="alert"]').text()).toContain('The payment SDK could not be loaded.')
    expect(load.calls).toBe(1)

    load.fail = false
    await wrapper.find('.antom-pay__error button').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('.antom-pay').attributes('data-status')).toBe('ready'))
    expect(load.calls).toBe(2)
    expect(fakeSdk.active).toBeDefined()
    // The session was never used for a payment, so the retry keeps it.
    expect(server.sessionBodies).toHaveLength(1)
    wrapper.unmount()
  })
})
