import { toCheckoutError } from '../lib/errors'
import type { AntomSdkModule } from '../lib/sdk'
import { loadAntomSdk, withTimeout } from '../lib/sdk'
import type { ReleaseSdkSlot } from '../lib/slot'
import { acquireSdkSlot, isSdkSlotTaken } from '../lib/slot'
import type { DriverContext } from './driver'

/** What the drivers of the real SDK share: the page's SDK slot, the download, the container. */
export interface SdkDriverBase {
  /** False once the driver was unmounted or its checkout moved on: late callbacks are ignored then. */
  live: () => boolean
  /**
   * Waits for the page's single SDK slot (`queue` while another component holds it), then downloads the SDK
   * (`load`; once per page load, with the checkout's timeout). Undefined when the driver was unmounted meanwhile
   * or the download failed, which is reported as a retryable `fail`.
   */
  acquire: () => Promise<AntomSdkModule | undefined>
  /**
   * Runs a synchronous call into the SDK and notes the window `message` listeners it adds, so that `release()`
   * removes those it left behind. AMSElement 1.47.2 keeps two after `destroy()` (the event centres of its service
   * providers, which nothing in the SDK tears down); a checkout that mounts it again would pile them up.
   */
  track: <T>(call: () => T) => T
  /** Gives the slot back, removes the listeners `track` noted, and silences the driver; safe to call twice. */
  release: () => void
}

/** The shared half of the cashier, Payment Element and embedded Checkout Page drivers. */
export function sdkDriverBase(context: DriverContext): SdkDriverBase {
  const { signal, emit } = context
  let live = true
  let slot: ReleaseSdkSlot | undefined
  const isLive = () => live && !signal.aborted

  async function download(): Promise<AntomSdkModule | undefined> {
    let timedOut = false
    try {
      return await withTimeout(loadAntomSdk(), context.sdkLoadTimeout, () => {
        timedOut = true
        return new Error('Loading the payment SDK took too long.')
      })
    }
    catch (caught) {
      const texts = await context.texts()
      if (isLive()) {
        emit({ type: 'fail', error: timedOut ? toCheckoutError('SDK_LOAD_TIMEOUT', caught, texts.sdkTimeout) : toCheckoutError('SDK_LOAD_ERROR', caught, texts.sdkLoadFailed) })
      }
      return undefined
    }
  }

  const listeners: Array<[EventListenerOrEventListenerObject, boolean | EventListenerOptions | undefined]> = []

  function track<T>(call: () => T): T {
    const add = window.addEventListener as (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) => void
    window.addEventListener = function (this: Window, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
      if (type === 'message' && listener) listeners.push([listener, typeof options === 'object' ? { capture: options.capture } : options])
      return add.call(this, type, listener, options)
    } as typeof window.addEventListener
    try {
      return call()
    }
    finally {
      window.addEventListener = add as typeof window.addEventListener
    }
  }

  function release(): void {
    live = false
    slot?.()
    slot = undefined
    for (const [listener, options] of listeners.splice(0)) window.removeEventListener('message', listener, options)
  }

  return {
    live: isLive,
    track,
    release,
    async acquire() {
      if (isSdkSlotTaken()) emit({ type: 'queue' })
      try {
        slot = await acquireSdkSlot(signal)
      }
      catch {
        return undefined
      }
      if (!live) {
        release()
        return undefined
      }
      emit({ type: 'load' })
      const sdk = await download()
      return sdk && isLive() ? sdk : undefined
    },
  }
}

/** Calls an SDK teardown method and logs what it throws instead of throwing it. */
export function quietly(what: string, teardown: () => unknown): void {
  try {
    teardown()
  }
  catch (caught) {
    console.warn(`[nuxt-antom] ${what} failed`, caught)
  }
}
