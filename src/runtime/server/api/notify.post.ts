import { defineEventHandler, isError, setResponseHeader } from 'h3'
import { NOTIFICATION_ACKNOWLEDGEMENT, processNotification } from '../lib/flow/notification'
import { httpError } from '../lib/http'

// POST <prefix>/notify: Antom's notifyPayment / notifyRefund. Acknowledged only after the change is stored and handled.
export default defineEventHandler(async (event) => {
  try {
    await processNotification(event)
  }
  catch (error) {
    if (isError(error) && error.statusCode < 500) throw error
    console.error('[nuxt-antom] A notification could not be processed; Antom will retry it:', error)
    throw httpError(500, 'The notification could not be processed; retry later.')
  }
  setResponseHeader(event, 'content-type', 'application/json')
  return NOTIFICATION_ACKNOWLEDGEMENT
})
