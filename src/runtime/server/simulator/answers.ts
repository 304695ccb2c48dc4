import type { AntomResult } from '../../types/antom'
import { randomBytes } from '../lib/bytes'

/** What a simulated API call answers: a result and fields, or an F/U result alone. */
export type SimulatorAnswer = { result: AntomResult } & Record<string, unknown>

/** An F answer with Antom's code and a message. */
export function failure(resultCode: string, resultMessage: string): SimulatorAnswer {
  return { result: { resultStatus: 'F', resultCode, resultMessage } }
}

/** `count` random decimal digits (the tails of Antom's ids). */
export function randomDigits(count: number): string {
  return Array.from(randomBytes(count), byte => String(byte % 10)).join('')
}
