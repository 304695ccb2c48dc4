import { mountSuspended } from '@nuxt/test-utils/runtime'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import AntomPay from '../../src/runtime/app/components/AntomPay.vue'
import type { AntomCheckoutError } from '../../src/runtime/types'
import { emitted, fakeSdk, installRoutes, server, until } from './fake-antom'

vi.mock('@alipay/ams-checkout', async () => (await import('./fake-antom')).fakeSdkModule())
// <AntomPay> downloads its checkout code on mount; here that download fails once (a deploy replaced the chunk, a flaky network).
const download = vi.hoisted(() => ({ calls: 0, fail: true }))
vi.mock('../../src/runtime/app/checkout/core', async (importOriginal) => {
  download.calls++
  if (download.fail) throw new TypeError('Failed to fetch dynamically imported module: /_nuxt/core.js')
  return importOriginal()
})

beforeAll(() => installRoutes())
afterEach(() => {
  fakeSdk.reset()
  server.reset()
  vi.restoreAllMocks()
})

describe('<AntomPay> when its checkout code cannot be downloaded', () => {
  it('shows a retryable error, logs the cause, and the retry downloads it again', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const wrapper = await mountSuspended(AntomPay, { props: { order: { items: [] } }, attachTo: document.body })
    await until(wrapper, 'error')
    expect(emitted<AntomCheckoutError>(wrapper, 'error')[0]).toMatchObject({ code: 'SDK_LOAD_ERROR', message: 'The payment SDK could not be loaded.', retryable: true })
    expect(wrapper.find('[role="alert"]').text()).toContain('The payment SDK could not be loaded.')
    expect(logged).toHaveBeenCalledWith('[nuxt-antom] SDK_LOAD_ERROR: the checkout code could not be downloaded', expect.any(Error))
    expect(server.sessionBodies).toEqual([])

    download.fail = false
    await wrapper.find('.antom-pay__error button').trigger('click')
    await until(wrapper, 'ready')
    expect(download.calls).toBeGreaterThanOrEqual(2)
    wrapper.unmount()
  })
})
