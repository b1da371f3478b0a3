import { messages } from '../../messages'
import { checkRange, toInteger, type FieldErrors } from './forms'
import { weekDays, type OpeningRange, type SettingsDocument, type WeekHours } from './useSettingsDocument'

const t = messages.settings.hours

/** The most hour ranges a day (or a date) may have, as the Api allows. */
export const maxRangesPerDay = 6
/** The most dates with their own hours, as the Api allows. */
export const maxDateOverrides = 100
export const maxNoteLength = 100

export type WeekDay = (typeof weekDays)[number]

/** A date with its own hours as typed in the form: the date as dd/MM/yyyy, no ranges for a day closed all day. */
export interface OverrideDraft {
  /** Keeps the row's identity while its date is being typed. */
  key: string
  date: string
  ranges: OpeningRange[]
  note: string
}

export interface HoursForm {
  businessHours: WeekHours
  /** Appointments follow their own weekly hours rather than the business hours. */
  separateAppointmentHours: boolean
  workingHours: WeekHours
  overrides: OverrideDraft[]
  slotMinutes: string
  bufferMinutes: string
  minNoticeMinutes: string
  bookingWindowDays: string
}

const minutesPerDay = 24 * 60

/** Minutes after midnight of "HH:mm" (or "H:mm"); "24:00" only as a closing time. Null when it is not a time. */
export function parseTime(text: string, closing = false): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!match) return null
  const hours = Number(match[1])
  const minutes = Number(match[2])
  if (minutes > 59) return null
  const total = hours * 60 + minutes
  if (total < minutesPerDay || (closing && total === minutesPerDay)) return total
  return null
}

/** "9:30" → "09:30"; anything that is not a time is kept as typed. */
export function normaliseTime(text: string, closing = false): string {
  const minutes = parseTime(text, closing)
  if (minutes === null) return text.trim()
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** "2026-04-01" → "01/04/2026". */
export function displayDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate
}

/** "1/4/2026" or "01/04/2026" (also with dots or dashes) → "2026-04-01"; null when it is not a real date. */
export function parseDate(text: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim())
  if (!match) return null
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The weekday of a yyyy-MM-dd date. */
export function weekDayOf(isoDate: string): WeekDay {
  return weekDays[new Date(`${isoDate}T12:00:00Z`).getUTCDay()]!
}

function cloneWeek(hours: WeekHours): WeekHours {
  return Object.fromEntries(weekDays.map((day) => [day, (hours[day] ?? []).map((r) => ({ ...r }))])) as WeekHours
}

let draftCounter = 0
export function newOverrideKey(): string {
  draftCounter += 1
  return `override-${draftCounter}`
}

/** The form as the settings document holds it; date overrides by date. */
export function hoursFormOf(s: SettingsDocument): HoursForm {
  const appointments = s.appointments
  const overrides = [...(appointments.dateOverrides ?? [])].sort((a, b) => a.date.localeCompare(b.date))
  return {
    businessHours: cloneWeek(s.businessHours),
    separateAppointmentHours: appointments.workingHours != null,
    workingHours: cloneWeek(appointments.workingHours ?? s.businessHours),
    overrides: overrides.map((o) => ({
      key: newOverrideKey(),
      date: displayDate(o.date),
      ranges: (o.ranges ?? []).map((r) => ({ ...r })),
      note: o.note ?? '',
    })),
    slotMinutes: String(appointments.slotMinutes),
    bufferMinutes: String(appointments.bufferMinutes),
    minNoticeMinutes: String(appointments.minNoticeMinutes),
    bookingWindowDays: String(appointments.bookingWindowDays),
  }
}

function normaliseRanges(ranges: OpeningRange[]): OpeningRange[] {
  return ranges.map((r) => ({ open: normaliseTime(r.open), close: normaliseTime(r.close, true) }))
}

function normaliseWeek(hours: WeekHours): WeekHours {
  return Object.fromEntries(weekDays.map((day) => [day, normaliseRanges(hours[day])])) as WeekHours
}

/** The settings document with the form's hours and appointment settings; every other setting as it was. */
export function applyHours(s: SettingsDocument, form: HoursForm): SettingsDocument {
  return {
    ...s,
    businessHours: normaliseWeek(form.businessHours),
    appointments: {
      ...s.appointments,
      slotMinutes: toInteger(form.slotMinutes)!,
      bufferMinutes: toInteger(form.bufferMinutes)!,
      minNoticeMinutes: toInteger(form.minNoticeMinutes)!,
      bookingWindowDays: toInteger(form.bookingWindowDays)!,
      workingHours: form.separateAppointmentHours ? normaliseWeek(form.workingHours) : null,
      dateOverrides: form.overrides.map((o) => ({
        date: parseDate(o.date) ?? o.date.trim(),
        ranges: normaliseRanges(o.ranges),
        note: o.note.trim() || null,
      })),
    },
  }
}

/** The problems of a day's (or a date's) ranges, keyed as the Api keys them under `path` (lower case). */
function checkRanges(ranges: OpeningRange[], path: string, errors: FieldErrors) {
  const parsed: [number, number][] = []
  ranges.forEach((range, i) => {
    const open = parseTime(range.open)
    const close = parseTime(range.close, true)
    if (open === null) errors[`${path}[${i}].open`] = t.timeInvalid
    if (close === null) errors[`${path}[${i}].close`] = t.closeTimeInvalid
    if (open !== null && close !== null) {
      if (open >= close) errors[`${path}[${i}].close`] = t.rangeInvalid
      else parsed.push([open, close])
    }
  })
  if (ranges.length > maxRangesPerDay) errors[path] = t.tooManyRanges(maxRangesPerDay)
  const sorted = parsed.sort((a, b) => a[0] - b[0])
  if (sorted.some((r, i) => i > 0 && r[0] < sorted[i - 1]![1])) errors[path] = t.overlap
}

/** Every problem the Api would report, found before sending; keyed by the Api's property paths in lower case. */
export function validateHours(form: HoursForm): FieldErrors {
  const errors: FieldErrors = {}
  for (const day of weekDays) {
    checkRanges(form.businessHours[day], `businesshours.${day}`, errors)
    if (form.separateAppointmentHours) checkRanges(form.workingHours[day], `appointments.workinghours.${day}`, errors)
  }
  const seen = new Map<string, number>()
  form.overrides.forEach((o, i) => {
    const path = `appointments.dateoverrides[${i}]`
    const date = parseDate(o.date)
    if (date === null) errors[`${path}.date`] = t.dateInvalid
    else if (seen.has(date)) errors[`${path}.date`] = t.dateRepeated(displayDate(date))
    else seen.set(date, i)
    checkRanges(o.ranges, `${path}.ranges`, errors)
    if (o.note.trim().length > maxNoteLength) errors[`${path}.note`] = t.noteTooLong(maxNoteLength)
  })
  if (form.overrides.length > maxDateOverrides) errors['appointments.dateoverrides'] = t.tooManyOverrides(maxDateOverrides)
  const ranges: [keyof HoursForm, string, number, number][] = [
    ['slotMinutes', 'appointments.slotminutes', 5, 240],
    ['bufferMinutes', 'appointments.bufferminutes', 0, 240],
    ['minNoticeMinutes', 'appointments.minnoticeminutes', 0, 20160],
    ['bookingWindowDays', 'appointments.bookingwindowdays', 1, 365],
  ]
  for (const [field, key, min, max] of ranges) {
    const problem = checkRange(String(form[field]), min, max)
    if (problem) errors[key] = problem
  }
  return errors
}

/**
 * The messages of one range: those on the range itself and on its opening and closing times. The Api keys them
 * `…sunday[0].open`; a message on the range (`…sunday[0]`) is kept too.
 */
export function rangeErrors(errors: FieldErrors, path: string, index: number): { open?: string; close?: string; range?: string } {
  const base = `${path}[${index}]`.toLowerCase()
  return { open: errors[`${base}.open`], close: errors[`${base}.close`], range: errors[base] }
}
