import { dayKey, zonedParts } from '../../lib/datetime'

/** Local dates as `yyyy-MM-dd`; all date arithmetic here is on calendar days, never on instants. */
function toUtcNoon(day: string): Date {
  const [y = NaN, m = NaN, d = NaN] = day.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d, 12))
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export function addDays(day: string, days: number): string {
  const date = toUtcNoon(day)
  date.setUTCDate(date.getUTCDate() + days)
  return fromUtc(date)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return toUtcNoon(day).getUTCDay()
}

/** The Sunday that opens the (Israeli) week of `day`. */
export function startOfWeek(day: string): string {
  return addDays(day, -weekdayOf(day))
}

/** The seven days of `day`'s week, Sunday first. */
export function weekDays(day: string): string[] {
  const sunday = startOfWeek(day)
  return Array.from({ length: 7 }, (_, i) => addDays(sunday, i))
}

/** `yyyy-MM-dd` → `dd/MM/yyyy`. */
export function displayDate(day: string): string {
  const [y, m, d] = day.split('-')
  return `${d}/${m}/${y}`
}

/** `HH:mm` → minutes since midnight. */
export function minutesOf(time: string): number {
  const [h = 0, m = 0] = time.split(':').map(Number)
  return h * 60 + m
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

export interface OpeningRange {
  open: string
  close: string
}

/** Opening hours per weekday as the Api names them, Sunday first. */
export type WeekHours = Partial<Record<(typeof weekdayKeys)[number], OpeningRange[]>>

export const weekdayKeys = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const

export function rangesOn(hours: WeekHours | null | undefined, day: string): OpeningRange[] {
  return hours?.[weekdayKeys[weekdayOf(day)]!] ?? []
}

/** The wall-clock minutes an instant shows in the zone, on its local day. */
export function localMinutes(instant: string | Date, zone: string): number {
  const p = zonedParts(instant, zone)
  return p.hour * 60 + p.minute
}

export interface HourRange {
  /** Minutes since local midnight of the first and past the last hour the grid shows; whole hours. */
  start: number
  end: number
}

/**
 * The hours the grid shows for these days: from the earliest opening to the latest closing (whole hours), widened to
 * take in every appointment or slot shown; 08:00–18:00 when nothing is known.
 */
export function visibleHours(hours: WeekHours | null | undefined, days: string[], extra: { start: number; end: number }[] = []): HourRange {
  let start = Infinity
  let end = -Infinity
  for (const day of days) {
    for (const r of rangesOn(hours, day)) {
      start = Math.min(start, minutesOf(r.open))
      end = Math.max(end, minutesOf(r.close))
    }
  }
  for (const e of extra) {
    start = Math.min(start, e.start)
    end = Math.max(end, e.end)
  }
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return { start: 8 * 60, end: 18 * 60 }
  return { start: Math.floor(start / 60) * 60, end: Math.min(24 * 60, Math.ceil(end / 60) * 60) }
}

export interface Placement {
  day: string
  /** Local minutes of the start and end on that day (an end on a later day is midnight, 1440). */
  start: number
  end: number
}

/** Where an item from `start` to `end` (instants) falls on the zone's wall clock. */
export function place(start: string, end: string, zone: string): Placement {
  const day = dayKey(start, zone)
  const from = localMinutes(start, zone)
  const endDay = dayKey(end, zone)
  let to = endDay === day ? localMinutes(end, zone) : 24 * 60
  if (to <= from) to = Math.min(24 * 60, from + 15)
  return { day, start: from, end: to }
}

/** Top and height as percentages of the visible hours, clipped to them; null when nothing of it is visible. */
export function position(p: { start: number; end: number }, range: HourRange): { top: number; height: number } | null {
  const from = Math.max(p.start, range.start)
  const to = Math.min(p.end, range.end)
  if (to <= from) return null
  const span = range.end - range.start
  return { top: ((from - range.start) / span) * 100, height: ((to - from) / span) * 100 }
}

/** Groups items by the local day they start on. */
export function byDay<T>(items: T[], startOf: (item: T) => string, zone: string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) {
    const key = dayKey(startOf(item), zone)
    const list = map.get(key)
    if (list) list.push(item)
    else map.set(key, [item])
  }
  return map
}
