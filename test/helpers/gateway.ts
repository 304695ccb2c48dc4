import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { KeyObject } from 'node:crypto'
import { formatSignatureHeader, signMessage, verifyMessage } from '../../src/runtime/server/lib/signature'

/** What the scripted gateway saw of one request. */
export interface ReceivedRequest {
  path: string
  headers: IncomingMessage['headers']
  body: string
  /** Whether the request's signature verified with the merchant public key. */
  signatureValid: boolean
}

/** How the scripted gateway answers one request. */
export interface ScriptedAnswer {
  status?: number
  body?: object | string
  /** `valid` (default), `none` (unsigned), `wrong` (signed by another key), `time-only`. */
  sign?: 'valid' | 'none' | 'wrong' | 'time-only'
  delayMs?: number
}

/**
 * A local HTTP server for client tests: it checks the signature of every request it receives and
 * signs its answers the way Antom does, following a script of answers, one per request.
 */
export async function startScriptedGateway(keys: { merchantPublicKey: KeyObject, antomPrivateKey: KeyObject, otherPrivateKey: KeyObject }) {
  const received: ReceivedRequest[] = []
  const script: ScriptedAnswer[] = []
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const path = request.url ?? '/'
    const clientId = String(request.headers['client-id'] ?? '')
    const signatureValid = await verifyMessage({ path, clientId, time: String(request.headers['request-time'] ?? ''), body }, String(request.headers.signature ?? ''), keys.merchantPublicKey)
    received.push({ path, headers: request.headers, body, signatureValid })
    const answer: ScriptedAnswer = script.shift() ?? { body: { result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' } } }
    if (answer.delayMs) await new Promise(resolve => setTimeout(resolve, answer.delayMs))
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {})
    const responseTime = new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00')
    const headers: Record<string, string> = { 'content-type': 'application/json', 'client-id': clientId }
    const sign = answer.sign ?? 'valid'
    if (sign !== 'none') headers['response-time'] = responseTime
    if (sign === 'valid' || sign === 'wrong') {
      const key = sign === 'valid' ? keys.antomPrivateKey : keys.otherPrivateKey
      headers.signature = formatSignatureHeader(await signMessage({ path, clientId, time: responseTime, body: text }, key))
    }
    response.writeHead(answer.status ?? 200, headers).end(text)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Queues answers for the next requests, in order. */
    answer: (...answers: ScriptedAnswer[]) => script.push(...answers),
    /** Forgets what was received and any answers not yet used. */
    reset: () => {
      received.length = 0
      script.length = 0
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  }
}
