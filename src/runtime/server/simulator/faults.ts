import { useRuntimeConfig } from 'nitropack/runtime'
import type { AntomApiName } from '../lib/endpoints'
import { withLock } from '../lib/store'
import { useSimulatorStorage } from './identity'

/** What a fault does. Gateway faults change one API answer; notification faults change what is delivered. */
export type SimulatorFaultType
  /** Answer after `delayMs`. */
  = | 'delay'
  /** Answer with HTTP `status` (default 503) and no Antom body. */
    | 'http-error'
  /** Answer `U` / `UNKNOWN_EXCEPTION` (signed) without doing anything. */
    | 'result-u'
  /** Answer `F` with `resultCode` (default `PROCESS_FAIL`), signed, without doing anything. */
    | 'result-f'
  /** Do the call but leave the answer unsigned. */
    | 'unsigned'
  /** Do the call but sign the answer with a key nobody knows. */
    | 'bad-signature'
  /** Deliver each notification `copies` times at once (default 2). */
    | 'duplicate-notification'
  /** After a payment result, deliver a stale PAYMENT_PENDING for the same payment. */
    | 'out-of-order'
  /** After a SUCCESS result, deliver a PAYMENT_RESULT with F for the same payment. */
    | 'late-fail'
  /** Send no notification at all for the next result, as if every try was lost. */
    | 'lost-notification'
  /** The next capture (Antom's automatic one, or through the capture API) fails: CAPTURE_RESULT F, and the API answers F `resultCode` (default `PROCESS_FAIL`). */
    | 'capture-fail'
  /** The capture API answers U `CAPTURE_IN_PROCESS`; the capture completes a few (time-scaled) seconds later, with its CAPTURE_RESULT. */
    | 'capture-pending'
  /** The next CAPTURE_RESULT is delivered `delayMs` later (default 5000 ms); an inquiry already shows the capture. */
    | 'late-capture'

/** One fault rule. */
export interface SimulatorFault {
  /** What happens. */
  type: SimulatorFaultType
  /** The API it applies to (gateway faults); every API when omitted. */
  api?: AntomApiName
  /** How many calls or notifications it affects; `0` means until cleared. @default 1 */
  times?: number
  /** For `delay` and `late-capture`: milliseconds. */
  delayMs?: number
  /** For `http-error`: the HTTP status. @default 503 */
  status?: number
  /** For `duplicate-notification`: deliveries of each notification. @default 2 */
  copies?: number
  /** For `result-f` and `capture-fail`: Antom's result code. @default 'PROCESS_FAIL' */
  resultCode?: string
}

const NOTIFICATION_FAULTS = new Set<SimulatorFaultType>(['duplicate-notification', 'out-of-order', 'late-fail', 'lost-notification'])
const CAPTURE_FAULTS = new Set<SimulatorFaultType>(['capture-fail', 'capture-pending', 'late-capture'])

/**
 * What each non-gateway target takes: a payment result every notification fault; a capture its own faults and the
 * notification faults that apply to any notification (duplicate, lost); a dispute notification those two.
 */
const TARGET_FAULTS: Record<FaultTarget, Set<SimulatorFaultType>> = {
  'notification': NOTIFICATION_FAULTS,
  'capture-outcome': new Set([...CAPTURE_FAULTS, 'duplicate-notification', 'lost-notification']),
  'dispute-notification': new Set(['duplicate-notification', 'lost-notification']),
}

/** What takes faults besides the gateway's APIs: a payment result, a capture, a dispute notification. */
export type FaultTarget = 'notification' | 'capture-outcome' | 'dispute-notification'

/** Replaces the one-shot fault list (control endpoint). */
export async function setFaults(faults: SimulatorFault[]): Promise<void> {
  await useSimulatorStorage().setItem('faults', faults.map(fault => ({ times: 1, ...fault })))
}

/** Faults from runtime config (`NUXT_ANTOM_SIMULATOR_FAULTS`, a JSON array) apply to every matching call. */
function configuredFaults(): SimulatorFault[] {
  const raw = useRuntimeConfig().antom.simulator.faults as unknown
  if (!raw) return []
  if (Array.isArray(raw)) return raw as SimulatorFault[]
  try {
    return JSON.parse(String(raw)) as SimulatorFault[]
  }
  catch {
    return []
  }
}

/**
 * Takes the faults that apply now. A gateway call uses the first armed one-shot fault for its API (so a
 * list like `[http-error, result-u]` answers 5xx, then U, then normally); a notification uses every armed
 * notification fault at once. Faults armed with `times: 0` and faults from runtime config always apply.
 * @param target an API name for gateway calls, or `notification`
 */
export function takeFaults(target: AntomApiName | FaultTarget): Promise<SimulatorFault[]> {
  // Under a lock: two calls at once must not both take a fault armed for one call.
  return withLock('simulator:faults', () => takeFaultsNow(target))
}

async function takeFaultsNow(target: AntomApiName | FaultTarget): Promise<SimulatorFault[]> {
  const storage = useSimulatorStorage()
  const stored = (await storage.getItem<SimulatorFault[]>('faults')) ?? []
  const special = Object.hasOwn(TARGET_FAULTS, target) ? TARGET_FAULTS[target as FaultTarget] : undefined
  const matches = (fault: SimulatorFault) => special
    ? special.has(fault.type)
    : !NOTIFICATION_FAULTS.has(fault.type) && !CAPTURE_FAULTS.has(fault.type) && (!fault.api || fault.api === target)
  const persistent = stored.filter(fault => matches(fault) && fault.times === 0)
  const counted = stored.filter(fault => matches(fault) && fault.times !== 0)
  const taken = special ? counted : counted.slice(0, 1)
  if (taken.length) {
    const remaining = stored.flatMap((fault) => {
      if (!taken.includes(fault)) return [fault]
      const times = (fault.times ?? 1) - 1
      return times > 0 ? [{ ...fault, times }] : []
    })
    await storage.setItem('faults', remaining)
  }
  return [...configuredFaults().filter(matches), ...persistent, ...taken]
}
