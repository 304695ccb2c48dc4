import { mockNuxtImport, mountSuspended } from '@nuxt/test-utils/runtime'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, watch } from 'vue'
import type { AntomCheckout } from '../../src/runtime/app/composables/useAntomCheckout'
import { useAntomCheckout } from '../../src/runtime/app/composables/useAntomCheckout'
import type { AntomPaymentResult } from '../../src/runtime/types'
import { fakeSdk, installRoutes, server } from './fake-antom'

vi.mock('@alipay/ams-checkout', async () => (await import('./fake-antom')).fakeSdkModule())

const { navigateToMock } = vi.hoisted(() => ({ navigateToMock: vi.fn() }))
mockNuxtImport('navigateTo', () => navigateToMock)

const wrappers: VueWrapper[] = []

/** A shop's own checkout UI on the composable: a container and whatever it draws itself. */
async function mountOwnUi(options: Partial<Parameters<typeof useAntomCheckout>[0]> = {}) {
  let checkout!: AntomCheckout
  const results: AntomPaymentResult[] = []
  const Harness = defineComponent({
    setup() {
      checkout = useAntomCheckout({ order: { items: [{ sku: 'tee', quantity: 1 }] }, container: '#own-payment', pollInterval: 5, maxPollAttempts: 3, onResult: result => results.push(result), ...options })
      return () => h('div', [h('p', { class: 'own-status' }, checkout.status.value), h('div', { id: 'own-payment' })])
    },
  })
  const wrapper = await mountSuspended(Harness, { attachTo: document.body })
  wrappers.push(wrapper)
  return { wrapper, checkout, results }
}

beforeAll(() => installRoutes())

beforeEach(() => {
  fakeSdk.reset()
  server.reset()
  navigateToMock.mockReset()
})

afterEach(() => {
  while (wrappers.length) wrappers.pop()!.unmount()
})

describe('useAntomCheckout', () => {
  it('renders the SDK\'s cashier into the app\'s container and reports the server-confirmed result', async () => {
    const { checkout, results } = await mountOwnUi()
    expect(checkout.status.value).toBe('idle')
    await checkout.start()
    expect(checkout.status.value).toBe('ready')
    expect(fakeSdk.last!.selector).toBe('#own-payment')
    expect(document.querySelector('#own-payment .fake-cashier')).not.toBeNull()

    server.statuses.set('pr_1', ['SUCCESS'])
    fakeSdk.last!.emit('SDK_PAYMENT_SUCCESSFUL')
    await vi.waitFor(() => expect(checkout.status.value).toBe('paid'))
    expect(results).toMatchObject([{ outcome: 'paid', simulated: false }])
    expect(checkout.payment.value).toMatchObject({ status: 'SUCCESS' })
  })

  it('draws the simulated cashier into the container, simulate() presses its buttons, and the redirect uses navigateTo', async () => {
    server.simulated = true
    const { checkout } = await mountOwnUi()
    await checkout.start()
    expect(checkout.simulated.value).toBe(true)
    expect(document.querySelector('#own-payment .antom-simulator-cashier')).not.toBeNull()

    const seen: boolean[] = []
    const stopWatching = watch(checkout.simulating, value => seen.push(value), { flush: 'sync' })
    await checkout.simulate('pay')
    stopWatching()
    expect(seen).toEqual([true, false])
    await vi.waitFor(() => expect(checkout.status.value).toBe('paid'))
    expect(checkout.simulating.value).toBe(false)
    await vi.waitFor(() => expect(navigateToMock).toHaveBeenCalledWith('/checkout/result', undefined))
  })

  it('stops when its scope is disposed', async () => {
    const { wrapper, checkout } = await mountOwnUi()
    await checkout.start()
    const cashier = fakeSdk.last!
    wrapper.unmount()
    wrappers.length = 0
    expect(cashier.unmount).toHaveBeenCalledTimes(1)
    expect(checkout.status.value).toBe('idle')
  })

  it('drops a start() that is still downloading the checkout when stop() comes first', async () => {
    const { checkout } = await mountOwnUi()
    const starting = checkout.start()
    checkout.stop()
    await starting
    expect(checkout.status.value).toBe('idle')
    expect(server.sessionBodies).toEqual([])
  })
})
