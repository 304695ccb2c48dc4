import { defineEventHandler, isError } from 'h3'
import { httpError } from '../../lib/http'
import { deliverReplay } from '../replay'

// POST /__nuxt-antom/api/replay/deliver (nuxt dev only, internal): where a replay is delivered, signed with the
// replay key this process generated; anything else is refused as the notify route refuses it (401).
export default defineEventHandler(async (event) => {
  try {
    return { outcome: await deliverReplay(event) }
  }
  catch (error) {
    if (isError(error)) throw error
    // A handler or the storage threw: in dev, the tab shows why.
    throw httpError(500, `The notification could not be processed: ${(error as Error)?.message ?? String(error)}`)
  }
})
