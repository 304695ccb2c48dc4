import { defineEventHandler, getRequestHeader } from 'h3'
import { z } from 'zod'
import { httpError, parseBody, readJsonBody } from '../../lib/http'
import { getNotification } from '../notifications'
import { replayNotification } from '../replay'

// POST /__nuxt-antom/api/replay { id } (nuxt dev only): runs a recorded, verified notification through processing
// again. JSON only, so another site open in the developer's browser cannot post it without a CORS preflight.
export default defineEventHandler(async (event) => {
  if (!/^application\/json\b/i.test(getRequestHeader(event, 'content-type') ?? '')) throw httpError(415, 'Send { "id": … } as application/json.')
  const { id } = parseBody(z.object({ id: z.string().max(64) }), await readJsonBody(event))
  const entry = await getNotification(id)
  if (!entry) throw httpError(404, `No recorded notification ${id}.`)
  return replayNotification(entry)
})
