import { defineEventHandler } from 'h3'
import { handleAntomCheckoutForm } from '../utils/payments'

// POST <prefix>/checkout: a form post of the order (no JavaScript needed), answered 303 to Antom's hosted Checkout Page.
export default defineEventHandler(handleAntomCheckoutForm)
