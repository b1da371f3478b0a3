/** The zone used when none is given (the Api's default business zone). */
export const displayTimeZone = 'Asia/Jerusalem'

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('he-IL', {
      timeZone,
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

function toDate(value: Date | string | number): Date {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid date: ${String(value)}`)
  return date
}

/** The wall-clock parts of an instant in a zone. */
export interface ZonedParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

export function zonedParts(value: Date | string | number, timeZone = displayTimeZone): ZonedParts {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {}
  for (const { type, value: text } of formatterFor(timeZone).formatToParts(toDate(value))) part[type] = text
  return {
    year: Number(part.year),
    month: Number(part.month),
    day: Number(part.day),
    hour: Number(part.hour),
    minute: Number(part.minute),
  }
}

const two = (n: number) => String(n).padStart(2, '0')

/**
 * Formats an instant as `dd/MM/yyyy HH:mm` in the business's zone (Israel time by default), whatever the browser's
 * own zone. Built from parts so the result does not depend on a locale's separators.
 */
export function formatDateTime(value: Date | string | number, timeZone = displayTimeZone): string {
  return `${formatDate(value, timeZone)} ${formatTime(value, timeZone)}`
}

/** `dd/MM/yyyy` in the zone. */
export function formatDate(value: Date | string | number, timeZone = displayTimeZone): string {
  const p = zonedParts(value, timeZone)
  return `${two(p.day)}/${two(p.month)}/${p.year}`
}

/** `HH:mm` in the zone. */
export function formatTime(value: Date | string | number, timeZone = displayTimeZone): string {
  const p = zonedParts(value, timeZone)
  return `${two(p.hour)}:${two(p.minute)}`
}

/** `yyyy-MM-dd` of the instant's day in the zone: a key for grouping by day. */
export function dayKey(value: Date | string | number, timeZone = displayTimeZone): string {
  const p = zonedParts(value, timeZone)
  return `${p.year}-${two(p.month)}-${two(p.day)}`
}

/**
 * The instant at which a wall-clock time in a zone happens (`2025-03-28`, `09:30`). Solved by correcting a first guess
 * by the zone's offset twice, which settles on the right side of a clock change.
 */
export function zonedInstant(day: string, time: string, timeZone = displayTimeZone): Date {
  const [y = NaN, m = NaN, d = NaN] = day.split('-').map(Number)
  const [hh = NaN, mm = 0] = time.split(':').map(Number)
  const wanted = Date.UTC(y, m - 1, d, hh, mm)
  if (Number.isNaN(wanted)) throw new RangeError(`Invalid day or time: ${day} ${time}`)
  let guess = wanted
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(guess, timeZone)
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute)
    guess += wanted - shown
  }
  return new Date(guess)
}

/** A duration in seconds as `m:ss` (or `h:mm:ss` from an hour). */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`
}
