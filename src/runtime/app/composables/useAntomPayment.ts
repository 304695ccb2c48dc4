import type { ComputedRef, MaybeRefOrGetter, Ref } from '#imports'
import { computed, getCurrentScope, onScopeDispose, readonly, shallowRef, toValue, useRuntimeConfig, watch } from '#imports'
import type { AntomCheckoutError, AntomPaymentOutcome } from '../../types/events'
import type { AntomPaymentStatusResponse } from '../../types/routes'
import { toCheckoutError } from '../lib/errors'
import { outcomeOf, pollAntomPayment } from '../lib/poll'

/** Options of {@link useAntomPayment}. */
export interface UseAntomPaymentOptions {
  /**
   * Milliseconds between two status requests.
   * @default 2000
   */
  interval?: number
  /**
   * Requests per polling round before giving up with a non-final status; `refresh()` starts a new round.
   * @default 30
   */
  maxAttempts?: number
  /**
   * Start polling as soon as an id is known (in the browser only).
   * @default true
   */
  immediate?: boolean
}

/** What {@link useAntomPayment} returns. */
export interface AntomPayment {
  /** The last status the server returned, `null` before the first answer. */
  payment: Readonly<Ref<AntomPaymentStatusResponse | null>>
  /** `paid` only for a server-side `SUCCESS`; `null` before the first answer. */
  outcome: ComputedRef<AntomPaymentOutcome | null>
  /** True while requests are being made. */
  polling: Readonly<Ref<boolean>>
  /** The last request's error; `STATUS_NOT_FOUND` (404) stops polling. */
  error: Readonly<Ref<AntomCheckoutError | null>>
  /** Starts a new polling round. */
  refresh: () => Promise<void>
  /** Stops polling. */
  stop: () => void
}

/**
 * The server-confirmed status of one payment, for the page the buyer returns to after paying. Polls
 * `GET <prefix>/payments/:paymentRequestId` every 2 s until the status is final, stops when the
 * calling scope is disposed (e.g. the page unmounts), and restarts when the id changes. It only polls
 * in the browser, so server rendering never waits on it.
 * @param paymentRequestId the id, e.g. from `useRoute().query.paymentRequestId`
 * @example
 * const { outcome, payment } = useAntomPayment(() => String(useRoute().query.paymentRequestId ?? ''))
 */
export function useAntomPayment(paymentRequestId: MaybeRefOrGetter<string | null | undefined>, options: UseAntomPaymentOptions = {}): AntomPayment {
  const { prefix } = useRuntimeConfig().public.antom
  const payment = shallowRef<AntomPaymentStatusResponse | null>(null)
  const polling = shallowRef(false)
  const error = shallowRef<AntomCheckoutError | null>(null)
  let controller: AbortController | undefined

  const outcome = computed<AntomPaymentOutcome | null>(() => outcomeOf(payment.value))

  function stop(): void {
    controller?.abort()
    controller = undefined
    polling.value = false
  }

  async function refresh(): Promise<void> {
    stop()
    const id = toValue(paymentRequestId)
    if (!id || import.meta.server) return
    const own = new AbortController()
    controller = own
    polling.value = true
    error.value = null
    const result = await pollAntomPayment(prefix, id, {
      interval: options.interval ?? 2_000,
      maxAttempts: options.maxAttempts ?? 30,
      signal: own.signal,
      onStatus: (answer) => {
        payment.value = answer
        error.value = null
      },
    })
    if (result.aborted || controller !== own) return
    controller = undefined
    polling.value = false
    if (result.notFound) error.value = toCheckoutError('STATUS_NOT_FOUND', result.error, 'This payment is unknown.', false)
    else if (result.error) error.value = toCheckoutError('STATUS_ERROR', result.error, 'The payment status could not be loaded.')
  }

  watch(() => toValue(paymentRequestId), (id, previous) => {
    if (id !== previous) payment.value = null
    if (options.immediate ?? true) void refresh()
    else stop()
  }, { immediate: true })

  if (getCurrentScope()) onScopeDispose(stop)

  return {
    payment: readonly(payment),
    outcome,
    polling: readonly(polling),
    error: readonly(error),
    refresh,
    stop,
  }
}
