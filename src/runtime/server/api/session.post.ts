import { defineEventHandler } from 'h3'
import { handleAntomSessionRequest } from '../utils/payments'

// POST <prefix>/session: prices the order on the server (resolveOrder) and opens an Antom payment session.
export default defineEventHandler(handleAntomSessionRequest)
