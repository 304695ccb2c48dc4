import { defineEventHandler } from 'h3'
import { listNotifications } from '../notifications'

// GET /__nuxt-antom/api/notifications (nuxt dev only): every notification received, newest first.
export default defineEventHandler(() => listNotifications())
