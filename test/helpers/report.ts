import { writeSync } from 'node:fs'

/**
 * Prints a figure line of the reliability suite, so that every run shows its numbers (the README quotes them).
 * Written to file descriptor 1 directly: a Nuxt build in the same process wraps the console and stdout streams.
 */
export function report(line: string): void {
  writeSync(1, `${line}\n`)
}
