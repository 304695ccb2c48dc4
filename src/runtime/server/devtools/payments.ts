import type { AntomPaymentRecord } from '../../types/payments'
import { useAntomStorage } from '../lib/store'

/** How many payments the tab lists (the newest). */
const MAX_PAYMENTS = 100

/** A payment as the tab shows it: the record without the shop's `metadata`. */
export type DevtoolsPayment = Omit<AntomPaymentRecord, 'metadata'>

/** The newest stored payments, newest first. */
export async function listPayments(): Promise<DevtoolsPayment[]> {
  const storage = useAntomStorage()
  const keys = (await storage.getKeys('payments')).filter(key => key.startsWith('payments:'))
  const records = (await Promise.all(keys.map(key => storage.getItem<AntomPaymentRecord>(key))))
    .filter((record): record is AntomPaymentRecord => !!record)
  return records
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, MAX_PAYMENTS)
    .map(({ metadata: _metadata, ...payment }) => payment)
}
