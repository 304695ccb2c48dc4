import type { H3Event } from 'h3'
import { useNitroApp } from 'nitropack/runtime'
import { bytesToHex, utf8 } from '../bytes'
import { sha256 } from '../digest'
import { useAntomStorage, withLock } from '../store'

/** A verified notification of a kind nuxt-antom does not process, as stored at `notifications:unknown:<id>`. */
export interface StoredUnknownNotification {
  id: string
  /** The raw body, exactly as Antom signed it. */
  body: string
  /** What kind it looked like: its `notifyType`, else the shape's first keys. */
  kind: string
  receivedAt: string
  /** Set once the `antom:notification` hook completed for it. */
  handledAt?: string
}

/**
 * Keeps a verified notification of a kind nuxt-antom does not process (a subscription, vaulting, defense-document
 * or any future notification), logs it and hands it to the `antom:notification` hook, once: the id is the body's
 * SHA-256, so Antom's retries of it find it handled and are only acknowledged.
 * @throws whatever the hook throws, after it is stored (the caller answers 500 so Antom retries)
 */
export async function keepUnknownNotification(body: string, notification: Record<string, unknown>, event: H3Event): Promise<'stored' | 'duplicate'> {
  const id = bytesToHex(sha256(utf8(body))).slice(0, 32)
  const key = `notifications:unknown:${id}`
  const kind = typeof notification.notifyType === 'string' ? notification.notifyType : `{${Object.keys(notification).slice(0, 4).join(', ')}}`
  return withLock(`notification:${id}`, async () => {
    const storage = useAntomStorage()
    const stored = await storage.getItem<StoredUnknownNotification>(key)
    if (stored?.handledAt) return 'duplicate'
    const record: StoredUnknownNotification = stored ?? { id, body, kind, receivedAt: new Date().toISOString() }
    if (!stored) {
      await storage.setItem(key, record)
      console.info(`[nuxt-antom] Stored a ${kind} notification nuxt-antom does not process as notifications:unknown:${id}; the antom:notification hook has it.`)
    }
    await useNitroApp().hooks.callHook('antom:notification', { id, notification, event })
    record.handledAt = new Date().toISOString()
    await storage.setItem(key, record)
    return 'stored'
  })
}
