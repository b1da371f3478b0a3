import { zonedInstant } from '../../lib/datetime'
import { messages } from '../../messages'

const t = messages.calls

const two = (n: number) => String(n).padStart(2, '0')

/**
 * A day typed as `dd/MM/yyyy` (or `d/M/yyyy`; dots or dashes between the parts are read too) → `yyyy-MM-dd`, whatever
 * the browser's locale; null when it is not a day of the calendar (31/02/2025, 2025-03-01, 1/3/25).
 */
export function parseDay(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text)
  if (!m) return null
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > daysInMonth) return null
  return `${year}-${two(month)}-${two(day)}`
}

/** `yyyy-MM-dd` → `dd/MM/yyyy` for the field; empty for no day. */
export function showDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : ''
}

/** The day after `yyyy-MM-dd`. */
export function nextDay(day: string): string {
  const [y = NaN, m = NaN, d = NaN] = day.split('-').map(Number)
  const next = new Date(Date.UTC(y, m - 1, d + 1))
  return `${next.getUTCFullYear()}-${two(next.getUTCMonth() + 1)}-${two(next.getUTCDate())}`
}

/** What the two date fields hold: the days to filter by when both read well, else each field's Hebrew error. */
export type DateRangeInput =
  | { ok: true; from: string; to: string }
  | { ok: false; errors: { from?: string; to?: string } }

/** Reads the "from" and "to" fields (empty: no bound); a "to" before the "from" is an error on "to". */
export function readDateRange(fromText: string, toText: string): DateRangeInput {
  const from = fromText.trim() === '' ? '' : parseDay(fromText)
  const to = toText.trim() === '' ? '' : parseDay(toText)
  const errors: { from?: string; to?: string } = {}
  if (from === null) errors.from = t.dateInvalid
  if (to === null) errors.to = t.dateInvalid
  if (from && to && to < from) errors.to = t.dateToBeforeFrom
  if (from === null || to === null || errors.to) return { ok: false, errors }
  return { ok: true, from, to }
}

/**
 * The instants the filter's days begin and end in the business's zone (not the browser's): `startedFrom` is the first
 * day's midnight there, `startedBefore` the midnight after the last day. ISO strings, as the Api takes them.
 */
export function dayBoundaries(from: string, to: string, timeZone: string): { startedFrom?: string; startedBefore?: string } {
  const bounds: { startedFrom?: string; startedBefore?: string } = {}
  if (from) bounds.startedFrom = zonedInstant(from, '00:00', timeZone).toISOString()
  if (to) bounds.startedBefore = zonedInstant(nextDay(to), '00:00', timeZone).toISOString()
  return bounds
}
