/**
 * Formats a time the way Antom writes it in `response-time`, notification `request-time` and body
 * fields: ISO-8601 to the second with an explicit offset, e.g. `2019-05-28T12:12:14+08:00`.
 * @param date the time to format
 * @param offsetMinutes the offset to render (Antom's own servers answer in UTC+8)
 */
export function toAntomTime(date: Date | number, offsetMinutes = 480): string {
  const shifted = new Date(new Date(date).getTime() + offsetMinutes * 60_000)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const absolute = Math.abs(offsetMinutes)
  const offset = `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`
  return `${shifted.toISOString().slice(0, 19)}${offset}`
}
