export const displayTimeZone = 'Asia/Jerusalem'

const jerusalemFormatter = new Intl.DateTimeFormat('he-IL', {
  timeZone: displayTimeZone,
  numberingSystem: 'latn',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/**
 * Formats an instant as `dd/MM/yyyy HH:mm` in Israel time, whatever the browser's own time zone.
 * Built from parts so the result does not depend on a locale's separators.
 */
export function formatDateTime(value: Date | string | number): string {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid date: ${String(value)}`)

  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {}
  for (const { type, value: text } of jerusalemFormatter.formatToParts(date)) part[type] = text

  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`
}
