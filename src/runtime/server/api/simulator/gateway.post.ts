import { defineEventHandler, getRequestHeader, setResponseHeaders, setResponseStatus } from 'h3'
import { useRuntimeConfig } from 'nitropack/runtime'
import { MAX_BODY_BYTES, readBodyText } from '../../lib/http'
import { handleGatewayRequest } from '../../simulator/gateway'
import { guardSimulatorRoute } from '../../simulator/guard'

// POST <prefix>/simulator/ams/**: the simulated Antom gateway. Set gatewayUrl to <origin><prefix>/simulator.
export default defineEventHandler(async (event) => {
  guardSimulatorRoute(event, { control: false })
  // The shared config: the prefix is fixed at build time, and reading config per event would re-apply every env
  // var to the whole runtime config on each simulated API call (about a tenth of a session's time).
  const base = `${useRuntimeConfig().public.antom.prefix}/simulator`
  const path = event.path.slice(base.length)
  // A defense document may be 1,000,000 base64 characters; every other API's body is a few KiB.
  const limit = path.endsWith('/supplyDefenseDocument') ? 1_100_000 : MAX_BODY_BYTES
  const response = await handleGatewayRequest({
    path,
    headers: {
      clientId: getRequestHeader(event, 'client-id'),
      requestTime: getRequestHeader(event, 'request-time'),
      signature: getRequestHeader(event, 'signature'),
    },
    body: await readBodyText(event, limit),
  })
  setResponseStatus(event, response.status)
  setResponseHeaders(event, response.headers)
  return response.body
})
