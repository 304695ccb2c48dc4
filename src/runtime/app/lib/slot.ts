/** Gives the slot back; calling it more than once is harmless. */
export type ReleaseSdkSlot = () => void

interface Waiter {
  grant: () => void
}

let taken = false
const waiters: Waiter[] = []

/** Whether an `<AntomPay>` on this page currently holds the SDK. */
export function isSdkSlotTaken(): boolean {
  return taken
}

/**
 * Waits for the page's single SDK slot. The Antom SDK renders one component at a time (a second
 * `createComponent` fails with "Only one component can be rendered simultaneously", and every
 * instance reuses the same DOM ids), so `<AntomPay>` instances queue here in mount order.
 * Aborting `signal` leaves the queue.
 */
export function acquireSdkSlot(signal?: AbortSignal): Promise<ReleaseSdkSlot> {
  return new Promise<ReleaseSdkSlot>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = () => {
      const index = waiters.indexOf(waiter)
      if (index !== -1) waiters.splice(index, 1)
      reject(signal!.reason)
    }
    const waiter: Waiter = {
      grant: () => {
        signal?.removeEventListener('abort', onAbort)
        taken = true
        let released = false
        resolve(() => {
          if (released) return
          released = true
          taken = false
          waiters.shift()?.grant()
        })
      },
    }
    if (!taken && waiters.length === 0) {
      waiter.grant()
      return
    }
    waiters.push(waiter)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
