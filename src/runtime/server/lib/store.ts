import { useStorage } from 'nitropack/runtime'
import type { AntomPaymentRecord } from '../../types/payments'

/** The mount the module configures (file system by default, any unstorage driver by option). */
export function useAntomStorage() {
  return useStorage('antom')
}

/** Reads a payment record. */
export async function getPaymentRecord(paymentRequestId: string): Promise<AntomPaymentRecord | null> {
  return useAntomStorage().getItem<AntomPaymentRecord>(`payments:${paymentRequestId}`)
}

/** Writes a payment record, stamping `updatedAt`. */
export async function savePaymentRecord(record: AntomPaymentRecord): Promise<void> {
  record.updatedAt = new Date().toISOString()
  await useAntomStorage().setItem(`payments:${record.paymentRequestId}`, record)
}

const queues = new Map<string, Promise<unknown>>()

/**
 * Runs `task` after every earlier task with the same key in this process has finished, so that two
 * copies of one notification arriving together are handled one after the other.
 */
export function withPaymentLock<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve()
  const run = previous.then(task, task)
  const tail = run.catch(() => {})
  queues.set(key, tail)
  tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key)
  })
  return run
}
