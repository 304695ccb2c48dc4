import type { AntomCheckoutError, AntomCheckoutStatus, AntomPaymentResult, AntomSdkEvent } from '../../types/events'
import type { AntomPaymentStatusResponse, AntomProduct, AntomSessionResponse } from '../../types/routes'
import type { AntomTexts } from '../i18n'
import type { DriverTarget } from './driver'

/** What a checkout is given; getters are read when they are needed, so they may follow reactive state. */
export interface CheckoutOptions {
  /** `runtimeConfig.public.antom`. */
  config: { environment: string, analytics?: boolean, prefix: string }
  order: () => Record<string, unknown>
  /** The integration to open the session for; `cashier` when undefined. */
  product: () => AntomProduct | undefined
  /** The hosted Checkout Page: `start()` sends the buyer to the session's `normalUrl`; nothing else is downloaded. */
  hosted: () => boolean
  paymentMethodType: () => string | undefined
  /** The SDK locale: the `locale` prop or option, else the module's, else @nuxtjs/i18n's, else the browser's. */
  sdkLocale: () => string
  appearance: () => Record<string, unknown> | undefined
  showLoading: () => boolean | undefined
  notRedirectAfterComplete: () => boolean | undefined
  /** Where the driver draws. */
  target: () => DriverTarget
  /** The built-in texts in the buyer's language once downloaded, with the app's replacements (error messages, the simulated cashier). */
  texts: () => Promise<AntomTexts>
  orderDebounceMs: number
  pollInterval: number
  maxPollAttempts: number
  sdkLoadTimeout: number
  /** Client-side navigation for a path, a full page load for another origin. */
  navigate: (url: string, external: boolean) => unknown
  onSdkEvent?: (event: AntomSdkEvent) => void
  onLog?: (log: { code: string, message: string }) => void
  onError?: (error: AntomCheckoutError) => void
  onSession?: (session: AntomSessionResponse) => void
  onResult?: (result: AntomPaymentResult) => void
}

/** A checkout's state; every change is a new object. */
export interface CheckoutState {
  status: AntomCheckoutStatus
  session: AntomSessionResponse | null
  payment: AntomPaymentStatusResponse | null
  error: AntomCheckoutError | null
  sdkLoading: boolean
  /** The payment UI talks to the server (a Payment Element submitting, the simulated cashier completing a payment). */
  busy: boolean
}
