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

/** Operations per second of a synchronous function over about `ms` milliseconds. */
export function opsPerSecond(ms: number, run: () => void): number {
  let operations = 0
  const started = performance.now()
  while (performance.now() - started < ms) {
    run()
    operations++
  }
  return operations / ((performance.now() - started) / 1000)
}
