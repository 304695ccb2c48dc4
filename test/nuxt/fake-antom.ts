/**
 * Test doubles for the browser half: a fake `@alipay/ams-checkout` (the SDK boundary) and the
 * module's three routes, registered once with `registerEndpoint` and driven through `server`.
 */
import { registerEndpoint } from '@nuxt/test-utils/runtime'
import { readBody, setResponseStatus } from 'h3'
import type { VueWrapper } from '@vue/test-utils'
import { expect, vi } from 'vitest'
import type { AntomPaymentState, AntomPaymentStatusResponse, AntomProduct, AntomSessionResponse, AntomSubmitResult, SimulatorCompleteRequest } from '../../src/runtime/types'

export interface FakeCashierOptions {
  environment?: string
  locale?: string
  analytics?: { enabled: boolean }
  onLog?: (log: { code: string, message: string }) => void
  onEventCallback?: (event: { code: string, message?: string }) => void
  onError?: (error: { code: string, message: string }) => void
  onClose?: () => void
}

export interface FakeMountParams {
  sessionData: string
  appearance?: Record<string, unknown>
  notRedirectAfterComplete?: boolean
}

/** What the fake SDK recorded; reset between tests. */
export const fakeSdk = {
  instances: [] as FakeCashier[],
  elements: [] as FakeElement[],
  pages: [] as FakeCheckoutPage[],
  preloads: [] as unknown[],
  /** Calls in order, e.g. `new#1`, `mountComponent#1`, `unmount#1`. */
  calls: [] as string[],
  /** How the next mountComponent/createComponent call behaves. */
  mount: 'resolve' as 'resolve' | 'reject' | 'hang',
  /** How the next AMSElement.mount() answers: `{}`, or `{ error }` as when Antom cannot be reached. */
  elementMount: 'resolve' as 'resolve' | 'error',
  /** What AMSElement.submitPayment() answers, in turn; then `{ status: 'SUCCESS' }`. */
  submitResults: [] as AntomSubmitResult[],
  /** What AMSElement.validateFields() and updatePayment() answer. */
  valid: true,
  updates: true,
  reset() {
    this.instances.length = 0
    this.elements.length = 0
    this.pages.length = 0
    this.preloads.length = 0
    this.calls.length = 0
    this.mount = 'resolve'
    this.elementMount = 'resolve'
    this.submitResults.length = 0
    this.valid = true
    this.updates = true
  },
  /** The instance whose component is currently mounted. */
  get active(): FakeCashier | undefined {
    return this.instances.find(instance => instance.mounted)
  },
  get last(): FakeCashier | undefined {
    return this.instances.at(-1)
  },
}

/** Stand-in for AMSCashierPayment that renders a marker element and lets tests raise events. */
export class FakeCashier {
  static preload(options?: unknown) {
    fakeSdk.preloads.push(options)
  }

  readonly options: FakeCashierOptions
  readonly number: number
  mounted = false
  params?: FakeMountParams
  selector?: string
  method?: 'mountComponent' | 'createComponent'

  readonly mountComponent = vi.fn(async (params: FakeMountParams, selector: string) => {
    this.render('mountComponent', params, selector)
    // Like the real SDK, whose promise waits for the cashier app to load.
    if (fakeSdk.mount === 'hang') await new Promise(() => {})
  })

  readonly createComponent = vi.fn(async (params: FakeMountParams) => {
    this.render('createComponent', params)
  })

  readonly unmount = vi.fn(() => {
    fakeSdk.calls.push(`unmount#${this.number}`)
    this.mounted = false
    document.querySelectorAll('.fake-cashier').forEach(node => node.remove())
  })

  constructor(options: FakeCashierOptions) {
    this.options = options
    fakeSdk.instances.push(this)
    this.number = fakeSdk.instances.length
    fakeSdk.calls.push(`new#${this.number}`)
  }

  /** Raises an SDK event the way the real SDK calls `onEventCallback`. */
  emit(code: string, message?: string) {
    this.options.onEventCallback?.(message === undefined ? { code } : { code, message })
  }

  private render(method: 'mountComponent' | 'createComponent', params: FakeMountParams, selector?: string) {
    fakeSdk.calls.push(`${method}#${this.number}`)
    this.method = method
    this.params = params
    this.selector = selector
    if (fakeSdk.mount === 'reject') {
      throw { code: 'SDK_CREATECOMPONENT_ERROR', message: 'Only one component can be rendered simultaneously' }
    }
    if (fakeSdk.active) {
      throw { code: 'SDK_CREATECOMPONENT_ERROR', message: 'Only one component can be rendered simultaneously' }
    }
    const marker = document.createElement('div')
    marker.className = 'fake-cashier'
    const host = selector ? document.querySelector(selector) : document.body
    if (!host) throw { code: 'SDK_CREATEPAYMENT_PARAMETER_ERROR', message: `No element for ${selector}` }
    host.appendChild(marker)
    this.mounted = true
  }
}

export interface FakeElementOptions {
  sessionData: string
  environment?: string
  locale?: string
  appearance?: { theme: string }
  onEventCallback?: (event: { code: string, message?: string }) => void
  loading?: { onStartLoading: () => void, onEndLoading: () => void }
}

/** Stand-in for AMSElement (Payment Element): renders a marker into its selector and answers as told by `fakeSdk`. */
export class FakeElement {
  readonly options: FakeElementOptions
  readonly number: number
  sessionData: string
  mountOptions?: Record<string, unknown>
  selector?: string
  destroyed = false

  readonly mount = vi.fn(async (options: Record<string, unknown>, selector: string) => {
    fakeSdk.calls.push(`element.mount#${this.number}`)
    this.mountOptions = options
    this.selector = selector
    this.options.loading?.onStartLoading()
    if (fakeSdk.elementMount === 'error') {
      this.options.loading?.onEndLoading()
      this.options.onEventCallback?.({ code: 'SDK_CREATE_COMPONENT_ERROR', message: 'Load resource timeout' })
      return { error: { code: 'INITIALIZE_WEB_TIMEOUT', message: 'Load resource timeout' } }
    }
    const marker = document.createElement('div')
    marker.className = 'fake-element'
    document.querySelector(selector)!.appendChild(marker)
    this.options.loading?.onEndLoading()
    return {}
  })

  readonly submitPayment = vi.fn(async (): Promise<AntomSubmitResult> => fakeSdk.submitResults.shift() ?? { status: 'SUCCESS' })
  readonly validateFields = vi.fn(async () => ({ isValid: fakeSdk.valid }))
  readonly updatePayment = vi.fn(async (sessionData: string) => {
    fakeSdk.calls.push(`element.updatePayment#${this.number}`)
    if (fakeSdk.updates) this.sessionData = sessionData
    return fakeSdk.updates
  })

  readonly destroy = vi.fn(() => {
    fakeSdk.calls.push(`element.destroy#${this.number}`)
    this.destroyed = true
    document.querySelectorAll('.fake-element').forEach(node => node.remove())
  })

  /** Like AMSElement 1.47.2's event centre: added by the constructor, never removed by destroy(). */
  readonly leak = () => {}

  constructor(options: FakeElementOptions) {
    window.addEventListener('message', this.leak)
    this.options = options
    this.sessionData = options.sessionData
    fakeSdk.elements.push(this)
    this.number = fakeSdk.elements.length
    fakeSdk.calls.push(`new AMSElement#${this.number}`)
  }

  emit(code: string, message?: string) {
    this.options.onEventCallback?.(message === undefined ? { code } : { code, message })
  }
}

/** Stand-in for AMSCheckoutPage: an iframe of Antom's page in the selector, a message listener, events on demand. */
export class FakeCheckoutPage {
  readonly options: { environment?: string, locale?: string, onEventCallback?: (event: { code: string, message?: string }) => void }
  iframe?: HTMLIFrameElement
  readonly listener = () => {}

  readonly mountComponent = vi.fn(async (params: { sessionData: string }, selector: string) => {
    fakeSdk.calls.push('page.mountComponent')
    const host = document.querySelector(selector)
    if (!host) throw new Error('PARAMS_ERROR_INVALID_SELECTOR')
    window.addEventListener('message', this.listener)
    this.iframe = document.createElement('iframe')
    this.iframe.id = 'antom-checkout-page-sub-page-iframe'
    this.iframe.src = `https://checkout.antom.com/checkout-page/pages/payment/index.html?sessionData=${encodeURIComponent(params.sessionData)}&lang=${this.options.locale ?? 'en_US'}&mode=embed`
    host.appendChild(this.iframe)
  })

  readonly unmount = vi.fn(() => {
    fakeSdk.calls.push('page.unmount')
    window.removeEventListener('message', this.listener)
    this.iframe?.remove()
  })

  constructor(options: FakeCheckoutPage['options']) {
    this.options = options
    fakeSdk.pages.push(this)
  }

  emit(code: string, message?: string) {
    this.options.onEventCallback?.(message === undefined ? { code } : { code, message })
  }
}

/** The module that `vi.mock('@alipay/ams-checkout')` returns. */
export function fakeSdkModule() {
  return { AMSCashierPayment: FakeCashier, AMSElement: FakeElement, AMSCheckoutPage: FakeCheckoutPage }
}

export const PREFIX = '/api/_antom'
const IDS = ['pr_1', 'pr_2', 'pr_3', 'pr_4', 'pr_5', 'pr_6']

/** The fake server: what it received and what it will answer. */
export const server = {
  sessionBodies: [] as Record<string, unknown>[],
  statusRequests: [] as string[],
  completeBodies: [] as SimulatorCompleteRequest[],
  /** Per payment id, the statuses to answer in turn; the last one repeats. */
  statuses: new Map<string, AntomPaymentState[]>(),
  /** When set, the session route waits for it before answering. */
  sessionGate: undefined as Promise<void> | undefined,
  /** When set, the session route fails with it. */
  sessionFailure: undefined as { statusCode: number, message: string } | undefined,
  simulated: false,
  /** The integration the sessions are for. */
  product: 'cashier' as AntomProduct,
  /** When set, the simulator's complete route fails with it. */
  completeFailure: undefined as { statusCode: number, message: string } | undefined,
  /** Minutes until a new session expires (negative: already expired). */
  expiresInMinutes: 60,
  redirectUrl: '/checkout/result',
  /** When set, what the status route answers after a simulated completion (instead of its result). */
  statusAfterComplete: undefined as AntomPaymentState | undefined,
  /** Cards: a completed payment is authorised, not captured: PENDING with `captureStatus` PENDING, as the status route answers. */
  authorisesFirst: false,
  /** Per payment id, the capture status its answers carry (payments authorised first). */
  captureStatuses: new Map<string, 'PENDING' | 'SUCCESS'>(),
  reset() {
    this.sessionBodies.length = 0
    this.statusRequests.length = 0
    this.completeBodies.length = 0
    this.statuses.clear()
    this.sessionFailure = undefined
    this.sessionGate = undefined
    this.simulated = false
    this.product = 'cashier'
    this.completeFailure = undefined
    this.expiresInMinutes = 60
    this.redirectUrl = '/checkout/result'
    this.statusAfterComplete = undefined
    this.authorisesFirst = false
    this.captureStatuses.clear()
  },
}

function nextStatusOf(id: string): AntomPaymentStatusResponse {
  const queue = server.statuses.get(id) ?? ['PROCESSING']
  const status = queue.length > 1 ? queue.shift()! : queue[0]!
  return {
    paymentRequestId: id,
    status,
    final: status === 'SUCCESS' || status === 'FAIL' || status === 'CANCELLED',
    amount: { currency: 'USD', value: '1099' },
    paymentMethodType: 'ALIPAY_CN',
    createdAt: '2026-11-27T10:00:00Z',
    updatedAt: '2026-11-27T10:00:01Z',
    ...(server.captureStatuses.has(id) ? { captureStatus: server.captureStatuses.get(id), authorizedAt: '2026-11-27T10:00:01Z' } : {}),
  }
}

let installed = false

/** Registers the module's routes once per test file. */
export function installRoutes() {
  if (installed) return
  installed = true
  registerEndpoint(`${PREFIX}/session`, {
    method: 'POST',
    handler: async (event): Promise<AntomSessionResponse> => {
      const body = await readBody<Record<string, unknown>>(event)
      server.sessionBodies.push(body)
      if (server.sessionGate) await server.sessionGate
      if (server.sessionFailure) {
        // Nitro's JSON error body; a bare h3 app would drop `message`.
        setResponseStatus(event, server.sessionFailure.statusCode)
        return { error: true, ...server.sessionFailure } as unknown as AntomSessionResponse
      }
      const n = server.sessionBodies.length
      return {
        paymentRequestId: IDS[n - 1]!,
        paymentSessionData: `session-data-${n}&&SG&&111`,
        paymentSessionExpiryTime: new Date(Date.now() + server.expiresInMinutes * 60_000).toISOString(),
        amount: { currency: 'USD', value: '1099' },
        paymentMethodType: String(body.paymentMethodType ?? 'ALIPAY_CN'),
        product: server.product,
        ...(server.product === 'checkout-page' ? { normalUrl: `/api/_antom/simulator/checkout/${IDS[n - 1]}?token=t${n}` } : {}),
        simulated: server.simulated,
      }
    },
  })
  for (const id of IDS) {
    registerEndpoint(`${PREFIX}/payments/${id}`, {
      method: 'GET',
      handler: () => {
        server.statusRequests.push(id)
        return nextStatusOf(id)
      },
    })
    registerEndpoint(`${PREFIX}/simulator/payments/${id}/complete`, {
      method: 'POST',
      handler: async (event) => {
        const body = await readBody<SimulatorCompleteRequest>(event)
        server.completeBodies.push(body)
        if (server.completeFailure) {
          setResponseStatus(event, server.completeFailure.statusCode)
          return { error: true, ...server.completeFailure }
        }
        const authorised = body.result === 'SUCCESS' && server.authorisesFirst
        server.statuses.set(id, [server.statusAfterComplete ?? (authorised ? 'PENDING' : body.result === 'SUCCESS' ? 'SUCCESS' : 'FAIL')])
        if (authorised) server.captureStatuses.set(id, 'PENDING')
        return { paymentRequestId: id, paymentStatus: body.result, redirectUrl: server.redirectUrl }
      },
    })
  }
}

/** The component's `data-status`. */
export function statusOf(wrapper: VueWrapper): string | undefined {
  return wrapper.find('.antom-pay').attributes('data-status')
}

/** Waits until the component reaches `status`. */
export async function until(wrapper: VueWrapper, status: string): Promise<void> {
  await vi.waitFor(() => expect(statusOf(wrapper)).toBe(status))
}

/** The first argument of every emit of `name`. */
export function emitted<T>(wrapper: VueWrapper, name: string): T[] {
  return (wrapper.emitted(name) ?? []).map(args => args[0] as T)
}
