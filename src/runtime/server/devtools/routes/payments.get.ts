import { defineEventHandler } from 'h3'
import { listPayments } from '../payments'

// GET /__nuxt-antom/api/payments (nuxt dev only): the newest payments with their state history.
export default defineEventHandler(() => listPayments())
