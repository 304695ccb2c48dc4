// The bare route the notify route's throughput is compared with: it receives the same request and reads its body.
export default defineEventHandler(async (event) => {
  await readRawBody(event, 'utf8')
  return { ok: true }
})
