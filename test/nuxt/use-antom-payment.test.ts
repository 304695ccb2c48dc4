import { mountSuspended, registerEndpoint } from '@nuxt/test-utils/runtime'
import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import { setResponseStatus } from 'h3'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { useAntomPayment } from '../../src/runtime/app/composables/useAntomPayment'
import type { AntomPayment } from '../../src/runtime/app/composables/useAntomPayment'
import { installRoutes, PREFIX, server } from './fake-antom'

const Harness = defineComponent({
  props: { id: { type: String, default: undefined } },
  setup(props) {
    return { ...useAntomPayment(() => props.id) }
  },
  render: () => h('div'),
})

type HarnessVm = { [K in keyof AntomPayment]: AntomPayment[K] extends { value: infer V } ? V : AntomPayment[K] }

const wrappers: VueWrapper[] = []

async function mountHarness(id?: string) {
  const wrapper = await mountSuspended(Harness, { props: { id } })
  wrappers.push(wrapper)
  return { wrapper, vm: wrapper.vm as unknown as HarnessVm }
}

/** Waits for `count` requests and their answers; `interval: 0` keeps fake time still. */
async function requests(count: number) {
  await vi.waitFor(() => expect(server.statusRequests).toHaveLength(count), { interval: 0 })
  await flushPromises()
}

beforeAll(() => {
  installRoutes()
  registerEndpoint(`${PREFIX}/payments/pr_unknown`, {
    method: 'GET',
    handler: (event) => {
      server.statusRequests.push('pr_unknown')
      setResponseStatus(event, 404)
      return { error: true, statusCode: 404, message: 'Unknown payment' }
    },
  })
})

beforeEach(() => {
  server.reset()
  vi.useFakeTimers()
})

afterEach(() => {
  while (wrappers.length) wrappers.pop()!.unmount()
  vi.useRealTimers()
})

describe('useAntomPayment', () => {
  it('polls every 2 s until the status is final', async () => {
    server.statuses.set('pr_1', ['PROCESSING', 'PENDING', 'SUCCESS'])
    const { vm } = await mountHarness('pr_1')
    await requests(1)
    await vi.waitFor(() => expect(vm.outcome).toBe('pending'), { interval: 0 })
    expect(vm.polling).toBe(true)

    await vi.advanceTimersByTimeAsync(1_999)
    expect(server.statusRequests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await requests(2)
    await vi.waitFor(() => expect(vm.payment?.status).toBe('PENDING'), { interval: 0 })
    await vi.advanceTimersByTimeAsync(2_000)
    await requests(3)
    await vi.waitFor(() => expect(vm.outcome).toBe('paid'), { interval: 0 })
    expect(vm.payment).toMatchObject({ status: 'SUCCESS', final: true })
    expect(vm.polling).toBe(false)

    await vi.advanceTimersByTimeAsync(60_000)
    expect(server.statusRequests).toHaveLength(3)
  })

  it('reports failed for FAIL', async () => {
    server.statuses.set('pr_1', ['FAIL'])
    const { vm } = await mountHarness('pr_1')
    await requests(1)
    await vi.waitFor(() => expect(vm.outcome).toBe('failed'), { interval: 0 })
  })

  it('stops polling when the page unmounts', async () => {
    server.statuses.set('pr_1', ['PROCESSING'])
    const { wrapper } = await mountHarness('pr_1')
    await requests(1)
    wrapper.unmount()
    wrappers.length = 0
    await vi.advanceTimersByTimeAsync(60_000)
    await flushPromises()
    expect(server.statusRequests).toHaveLength(1)
  })

  it('gives up after its bound and polls again on refresh()', async () => {
    server.statuses.set('pr_1', ['PROCESSING'])
    const { vm } = await mountHarness('pr_1')
    await requests(1)
    await vi.waitFor(async () => {
      await vi.advanceTimersByTimeAsync(500)
      expect(vm.polling).toBe(false)
    }, { interval: 0, timeout: 10_000 })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(server.statusRequests).toHaveLength(30)
    expect(vm.outcome).toBe('pending')

    server.statuses.set('pr_1', ['SUCCESS'])
    void vm.refresh()
    await requests(31)
    await vi.waitFor(() => expect(vm.outcome).toBe('paid'), { interval: 0 })
  })

  it('stops at once for an unknown payment', async () => {
    const { vm } = await mountHarness('pr_unknown')
    await requests(1)
    await vi.waitFor(() => expect(vm.error).not.toBeNull(), { interval: 0 })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(server.statusRequests).toEqual(['pr_unknown'])
    expect(vm.error).toMatchObject({ code: 'STATUS_NOT_FOUND', message: 'Unknown payment', statusCode: 404, retryable: false })
    expect(vm.payment).toBeNull()
    expect(vm.polling).toBe(false)
  })

  it('follows a changed id and does nothing without one', async () => {
    const { wrapper, vm } = await mountHarness()
    await flushPromises()
    expect(server.statusRequests).toEqual([])
    expect(vm.outcome).toBeNull()

    server.statuses.set('pr_2', ['SUCCESS'])
    await wrapper.setProps({ id: 'pr_2' })
    await requests(1)
    expect(server.statusRequests).toEqual(['pr_2'])
    await vi.waitFor(() => expect(vm.outcome).toBe('paid'), { interval: 0 })
  })
})
