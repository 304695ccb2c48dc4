import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { ANTOM_API } from '../../lib/endpoints'
import { parseBody, readJsonBody } from '../../lib/http'
import { setFaults } from '../../simulator/faults'
import { guardSimulatorRoute } from '../../simulator/guard'

const faultSchema = z.object({
  type: z.enum(['delay', 'http-error', 'result-u', 'result-f', 'unsigned', 'bad-signature', 'duplicate-notification', 'out-of-order', 'late-fail', 'lost-notification', 'capture-fail', 'capture-pending', 'late-capture']),
  api: z.enum(Object.keys(ANTOM_API) as [keyof typeof ANTOM_API]).optional(),
  times: z.number().int().min(0).max(1000).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
  status: z.number().int().min(400).max(599).optional(),
  copies: z.number().int().min(1).max(20).optional(),
  resultCode: z.string().regex(/^[A-Z_]{1,64}$/).optional(),
}).strict()

// POST <prefix>/simulator/faults: arms faults for the next calls or notifications ({ faults: [] } clears them).
export default defineEventHandler(async (event) => {
  guardSimulatorRoute(event, { control: true })
  const { faults } = parseBody(z.object({ faults: z.array(faultSchema).max(100) }), await readJsonBody(event))
  await setFaults(faults)
  return { faults }
})
