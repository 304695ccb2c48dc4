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

/** How long a shared lock is held at most; a handler must finish within it. */
export const SHARED_LOCK_TTL_MS = 30_000
/** How long to wait for another instance to release a lock before giving up (Antom then retries). */
const SHARED_LOCK_WAIT_MS = 10_000

interface RedisClient {
  set: (key: string, value: string, mode: 'PX', ttl: number, flag: 'NX') => Promise<string | null>
  eval: (script: string, keys: number, ...args: string[]) => Promise<unknown>
}

const RELEASE_SCRIPT = 'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end'

/** The Redis client behind the `antom` mount, when it is unstorage's redis driver: several instances share it. */
function sharedRedis(): { client: RedisClient, prefix: string } | undefined {
  const { driver } = useStorage().getMount('antom:')
  if (driver?.name !== 'redis') return undefined
  const client = (driver as { getInstance?: () => RedisClient }).getInstance?.()
  if (!client) return undefined
  const base = (driver as { options?: { base?: string } }).options?.base
  return { client, prefix: base ? `${base}:` : '' }
}

/**
 * Holds a Redis lock (`SET NX PX`, released only by its owner) while `task` runs, so that two instances
 * never do the same work at once. Without Redis, the in-process queue alone applies.
 */
async function withSharedLock<T>(key: string, task: () => Promise<T>): Promise<T> {
  const redis = sharedRedis()
  if (!redis) return task()
  const lockKey = `${redis.prefix}locks:${key}`
  const token = crypto.randomUUID()
  const deadline = Date.now() + SHARED_LOCK_WAIT_MS
  while (await redis.client.set(lockKey, token, 'PX', SHARED_LOCK_TTL_MS, 'NX') !== 'OK') {
    if (Date.now() > deadline) throw new Error(`[nuxt-antom] ${key} stayed locked by another instance for ${SHARED_LOCK_WAIT_MS} ms.`)
    await new Promise(resolve => setTimeout(resolve, 10 + Math.random() * 40))
  }
  try {
    return await task()
  }
  finally {
    await redis.client.eval(RELEASE_SCRIPT, 1, lockKey, token)
  }
}

const queues = new Map<string, Promise<unknown>>()

/**
 * Runs `task` alone for `key`: after every earlier task with the same key in this process, and, on Redis,
 * while holding a lock that other instances respect.
 */
export function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve()
  const locked = () => withSharedLock(key, task)
  const run = previous.then(locked, locked)
  const tail = run.catch(() => {})
  queues.set(key, tail)
  tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key)
  })
  return run
}

/**
 * Runs `task` alone for one payment (see {@link withLock}): two copies of one notification arriving together,
 * on one instance or on two, are handled one after the other.
 */
export function withPaymentLock<T>(paymentRequestId: string, task: () => Promise<T>): Promise<T> {
  // The bare id is the lock key, as before withLock existed, so instances of both versions exclude each other.
  return withLock(paymentRequestId, task)
}
