import { fileURLToPath } from 'node:url'
import type { KeyObject } from 'node:crypto'
import type { AntomSessionResponse } from '../../src/runtime/types/routes'
import { generateTestKeyPair } from './keys'
import { paymentResult, signedNotification } from './notifications'
import { operator } from './site'

/** The shop fixture: a catalogue priced on the server and handlers that record what they saw. */
export const shopDir = fileURLToPath(new URL('../fixtures/shop', import.meta.url))

/** Keys and env for a shop configured as for real Antom, with the simulator standing in as the gateway. */
export function shopCredentials(clientId = 'SANDBOX_SHOP_RELIABILITY') {
  const merchant = generateTestKeyPair()
  const antom = generateTestKeyPair()
  return {
    clientId,
    merchant,
    antom,
    env: {
      NUXT_ANTOM_CLIENT_ID: clientId,
      NUXT_ANTOM_MERCHANT_PRIVATE_KEY: merchant.privateBase64,
      NUXT_ANTOM_ALIPAY_PUBLIC_KEY: antom.publicBase64,
      NUXT_ANTOM_NOTIFY_URL: '/api/_antom/notify',
      NUXT_ANTOM_GATEWAY_URL: '/api/_antom/simulator',
      NUXT_ANTOM_SIMULATOR_MERCHANT_PUBLIC_KEY: merchant.publicBase64,
      NUXT_ANTOM_SIMULATOR_ANTOM_PRIVATE_KEY: antom.privateBase64,
    },
  }
}

/** Small JSON client for a running server; calls to the simulator's routes carry the operator's token. */
export async function call<T>(base: string, path: string, init: { method?: string, body?: unknown, headers?: Record<string, string> } = {}): Promise<{ status: number, body: T }> {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    headers: { 'content-type': 'application/json', ...(path.includes('/simulator/') ? operator : {}), ...init.headers },
  })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  }
  catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T }
}

/** Opens a session for one mug. */
export async function openSession(base: string): Promise<AntomSessionResponse> {
  const { status, body } = await call<AntomSessionResponse>(base, '/api/_antom/session', { body: { items: [{ sku: 'mug', quantity: 1 }] } })
  if (status !== 200) throw new Error(`session: HTTP ${status} ${JSON.stringify(body)}`)
  return body
}

/** POSTs an Antom-signed notification to a server's notify route. */
export function postNotification(base: string, body: object, key: KeyObject, clientId: string) {
  return fetch(`${base}/api/_antom/notify`, signedNotification(body, { key, clientId, path: '/api/_antom/notify' }))
}

export { paymentResult }

/** Fisher–Yates shuffle (reordering notifications as the network might). */
export function shuffle<T>(items: T[]): T[] {
  const copy = [...items]
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1))
    ;[copy[index], copy[other]] = [copy[other]!, copy[index]!]
  }
  return copy
}
