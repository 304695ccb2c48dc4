import { defineEventHandler } from 'h3'
import { acknowledgeAntomNotification } from '../utils/payments'

// POST <prefix>/notify: Antom's notifyPayment / notifyRefund. Acknowledged only after the change is stored and handled.
export default defineEventHandler(acknowledgeAntomNotification)
