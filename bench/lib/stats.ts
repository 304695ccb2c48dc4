/** Median and range of repeated measurements. */
export interface Spread {
  median: number
  min: number
  max: number
  runs: number[]
}

/** Summarises repeated measurements. */
export function spread(runs: number[]): Spread {
  const sorted = [...runs].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  return { median, min: sorted[0]!, max: sorted.at(-1)!, runs }
}

/** Runs `task` `count` times with `concurrency` in flight and returns completed operations per second. */
export async function rate(count: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await task(next++)
  }))
  return count / ((performance.now() - started) / 1000)
}

/**
 * Throughput of `candidate` ÷ throughput of `reference`, run in alternating batches of `batch` calls for about `ms`
 * milliseconds. Alternating small batches gives both the same CPU frequency, cache and GC conditions, which two
 * back-to-back timings on shared cores do not. `reference` is synchronous (a plain loop); `candidate` is awaited,
 * with up to `inFlight` of its calls running at once: 1 measures one call at a time (latency-bound), `batch` lets a
 * whole batch overlap as concurrent requests on a server do (Web Crypto runs on the thread pool, off the event loop).
 */
export async function throughputRatio(ms: number, reference: () => void, candidate: () => Promise<unknown>, { batch = 25, inFlight = batch }: { batch?: number, inFlight?: number } = {}): Promise<number> {
  const spent = [0, 0]
  const started = performance.now()
  for (let turn = 0; performance.now() - started < ms; turn++) {
    const side = turn % 2
    const batchStarted = performance.now()
    if (side === 0) {
      for (let index = 0; index < batch; index++) reference()
    }
    else {
      let next = 0
      await Promise.all(Array.from({ length: Math.min(inFlight, batch) }, async () => {
        while (next++ < batch) await candidate()
      }))
    }
    spent[side]! += performance.now() - batchStarted
  }
  return spent[0]! / spent[1]!
}
