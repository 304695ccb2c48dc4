// The bare route the notify route's throughput is compared with.
export default defineEventHandler(() => ({ ok: true }))
