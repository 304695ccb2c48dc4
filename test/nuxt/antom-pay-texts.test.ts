import { mountSuspended } from '@nuxt/test-utils/runtime'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { h, ref } from 'vue'
import { useNuxtApp } from '#imports'
import AntomPay from '../../src/runtime/app/components/AntomPay.vue'
import type { AntomCheckoutError } from '../../src/runtime/types'
import { emitted, fakeSdk, installRoutes, server, until } from './fake-antom'

vi.mock('@alipay/ams-checkout', async () => (await import('./fake-antom')).fakeSdkModule())

const wrappers: VueWrapper[] = []

async function mountPay(props: Record<string, unknown> = {}, slots: Record<string, unknown> = {}) {
  const wrapper = await mountSuspended(AntomPay, {
    props: { order: { items: [{ sku: 'tee', quantity: 1 }] }, pollInterval: 5, maxPollAttempts: 3, ...props },
    slots,
    attachTo: document.body,
  })
  wrappers.push(wrapper)
  return wrapper
}

const live = (wrapper: VueWrapper) => wrapper.find('[role="status"]').text()

beforeAll(() => installRoutes())

beforeEach(() => {
  fakeSdk.reset()
  server.reset()
})

afterEach(() => {
  while (wrappers.length) wrappers.pop()!.unmount()
  vi.restoreAllMocks()
  delete (useNuxtApp() as unknown as Record<string, unknown>).$i18n
})

describe('<AntomPay> texts', () => {
  it('speaks the locale prop: the live region, the simulated cashier and the result', async () => {
    server.simulated = true
    const wrapper = await mountPay({ locale: 'de-DE' })
    await until(wrapper, 'ready')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="antom-sim-pay"]').text()).toBe('Bezahlen'))
    expect(wrapper.find('.antom-simulator-cashier__title').text()).toBe('Antom-Simulator')
    expect(wrapper.find('.antom-simulator-cashier').attributes('aria-label')).toBe('Antom-Simulator')
    expect(wrapper.find('[data-testid="antom-sim-cancel"]').text()).toBe('Abbrechen')
    expect(live(wrapper)).toBe('Bereit zum Bezahlen.')

    await wrapper.find('[data-testid="antom-sim-cancel"]').trigger('click')
    await until(wrapper, 'cancelled')
    expect(wrapper.find('.antom-pay__result').text()).toContain('Die Zahlung wurde abgebrochen.')
    expect(wrapper.find('.antom-pay__result button').text()).toBe('Erneut bezahlen')
  })

  it('shows its own error text in the buyer\'s language, and never a 5xx body', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    server.sessionFailure = { statusCode: 502, message: 'upstream said no' }
    const wrapper = await mountPay({ locale: 'ja_JP' })
    await until(wrapper, 'error')
    await vi.waitFor(() => expect(wrapper.find('.antom-pay__error button').text()).toBe('もう一度試す'))
    expect(live(wrapper)).toBe('お支払いを開始できませんでした。')
    // Raised while the Japanese texts were still downloading: the message waited for them.
    expect(emitted<AntomCheckoutError>(wrapper, 'error')[0]).toMatchObject({ code: 'SESSION_ERROR', message: 'お支払いを開始できませんでした。しばらくしてからもう一度お試しください。', statusCode: 502 })
    expect(wrapper.find('.antom-pay__error').text()).toContain('お支払いを開始できませんでした。しばらくしてから')
    expect(wrapper.html()).not.toContain('upstream said no')
  })

  it('follows @nuxtjs/i18n without a locale prop, for the texts and the SDK, and switches with it', async () => {
    const locale = ref('fr-FR')
    Object.defineProperty(useNuxtApp(), '$i18n', { value: { locale }, configurable: true })
    const wrapper = await mountPay()
    await until(wrapper, 'ready')
    expect(fakeSdk.last!.options.locale).toBe('fr_FR')
    await vi.waitFor(() => expect(live(wrapper)).toBe('Prêt à payer.'))

    locale.value = 'ko'
    await vi.waitFor(() => expect(live(wrapper)).toBe('결제할 준비가 되었습니다.'))
  })

  it('falls back to the browser\'s languages: Japanese texts, and English in the cashier (it has no Japanese)', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ja-JP', 'sv'])
    const wrapper = await mountPay({ immediate: false })
    await vi.waitFor(() => expect(wrapper.find('.antom-pay__idle button').text()).toBe('支払う'))
    await wrapper.find('.antom-pay__idle button').trigger('click')
    await until(wrapper, 'ready')
    expect(fakeSdk.last!.options.locale).toBe('en_US')
  })

  it('lets slots replace every text: the live region, the states and the simulated cashier\'s', async () => {
    server.simulated = true
    const wrapper = await mountPay({}, {
      'status': ({ status, text }: { status: string, text: string }) => `${status}: ${text}`,
      'result': ({ text }: { text: string }) => h('strong', `[${text}]`),
      'simulator-title': () => 'Test cashier',
      'simulator-pay': () => ['Pay ', h('b', 'now')],
      'simulator-fail': () => 'Decline',
      'simulator-cancel': () => 'Back',
    })
    await until(wrapper, 'ready')
    expect(live(wrapper)).toBe('ready: Ready to pay.')
    expect(wrapper.find('.antom-simulator-cashier__title').text()).toBe('Test cashier')
    expect(wrapper.find('[data-testid="antom-sim-pay"]').text()).toBe('Pay now')
    expect(wrapper.find('[data-testid="antom-sim-fail"]').text()).toBe('Decline')
    await wrapper.find('[data-testid="antom-sim-cancel"]').trigger('click')
    await until(wrapper, 'cancelled')
    expect(wrapper.find('.antom-pay__result').text()).toBe('[The payment was cancelled.]')
  })
})
