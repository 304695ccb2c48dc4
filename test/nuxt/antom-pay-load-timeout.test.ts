import { mountSuspended } from '@nuxt/test-utils/runtime'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import AntomPay from '../../src/runtime/app/components/AntomPay.vue'
import { loadAntomSdk } from '../../src/runtime/app/lib/sdk'
import type { AntomCheckoutError } from '../../src/runtime/types'
import { fakeSdk, installRoutes, server } from './fake-antom'

// Each test file has its own module registry, so the SDK has not been loaded before this file.
const load = vi.hoisted(() => ({ calls: 0, finish: undefined as (() => void) | undefined }))
vi.mock('@alipay/ams-checkout', async () => {
  load.calls++
  await new Promise<void>(resolve => (load.finish = resolve))
  return (await import('./fake-antom')).fakeSdkModule()
})

beforeAll(() => installRoutes())
afterEach(() => {
  fakeSdk.reset()
  server.reset()
  vi.restoreAllMocks()
})

describe('<AntomPay> slow SDK download', () => {
  it('shares one download between callers, times out into a retryable error, and recovers on retry', async () => {
    const first = loadAntomSdk()
    expect(loadAntomSdk()).toBe(first)

    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const wrapper = await mountSuspended(AntomPay, { props: { order: { items: [] }, sdkLoadTimeout: 30 }, attachTo: document.body })
    await vi.waitFor(() => expect(wrapper.find('.antom-pay').attributes('data-status')).toBe('error'))
    const [error] = (wrapper.emitted('error') ?? []).map(args => args[0] as AntomCheckoutError)
    expect(error).toMatchObject({ code: 'SDK_LOAD_TIMEOUT', message: 'Loading the payment SDK took too long.', retryable: true })
    expect(logged).toHaveBeenCalledExactlyOnceWith('[nuxt-antom] SDK_LOAD_TIMEOUT: Loading the payment SDK took too long.', error!.cause)

    await vi.waitFor(() => expect(load.finish).toBeTypeOf('function'))
    load.finish!()
    await first
    await wrapper.find('.antom-pay__error button').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('.antom-pay').attributes('data-status')).toBe('ready'))
    // Still the one download the first caller started.
    expect(load.calls).toBe(1)
    wrapper.unmount()
  })
})
