import { describe, expect, it } from 'vitest'
import {
  applyHours,
  displayDate,
  hoursFormOf,
  normaliseTime,
  parseDate,
  parseTime,
  rangeErrors,
  validateHours,
  weekDayOf,
  type HoursForm,
} from './hours'
import type { SettingsDocument, WeekHours } from './useSettingsDocument'

const week = (ranges: { open: string; close: string }[]): WeekHours => ({
  sunday: ranges,
  monday: ranges,
  tuesday: ranges,
  wednesday: ranges,
  thursday: ranges,
  friday: [{ open: '09:00', close: '13:00' }],
  saturday: [],
})

const settings = {
  greeting: 'שלום',
  businessHours: week([{ open: '09:00', close: '18:00' }]),
  appointments: {
    slotMinutes: 30,
    bufferMinutes: 0,
    minNoticeMinutes: 60,
    bookingWindowDays: 30,
    workingHours: null,
    dateOverrides: [
      { date: '2026-09-22', ranges: [{ open: '09:00', close: '13:00' }], note: 'ערב חג' },
      { date: '2026-09-21', ranges: [], note: null },
    ],
  },
  leadStatuses: [],
} as unknown as SettingsDocument

describe('times and dates', () => {
  it('reads HH:mm, allows 24:00 only as a closing time and pads short hours', () => {
    expect(parseTime('09:30')).toBe(570)
    expect(parseTime('9:30')).toBe(570)
    expect(parseTime('24:00')).toBeNull()
    expect(parseTime('24:00', true)).toBe(1440)
    expect(parseTime('12:60')).toBeNull()
    expect(parseTime('1230')).toBeNull()
    expect(normaliseTime('9:05')).toBe('09:05')
    expect(normaliseTime('24:00', true)).toBe('24:00')
    expect(normaliseTime(' x ')).toBe('x')
  })

  it('reads dd/MM/yyyy dates that exist and shows them back the same way', () => {
    expect(parseDate('01/04/2026')).toBe('2026-04-01')
    expect(parseDate('1.4.2026')).toBe('2026-04-01')
    expect(parseDate('31/02/2026')).toBeNull()
    expect(parseDate('2026-04-01')).toBeNull()
    expect(displayDate('2026-04-01')).toBe('01/04/2026')
    expect(weekDayOf('2026-04-01')).toBe('wednesday')
  })
})

describe('hours form', () => {
  it('starts from the document: the dates in order, appointments following the business hours', () => {
    const form = hoursFormOf(settings)
    expect(form.separateAppointmentHours).toBe(false)
    expect(form.workingHours.sunday).toEqual([{ open: '09:00', close: '18:00' }])
    expect(form.overrides.map((o) => o.date)).toEqual(['21/09/2026', '22/09/2026'])
    expect(form.overrides[1]?.note).toBe('ערב חג')
    expect(form.slotMinutes).toBe('30')
  })

  it('writes back separate appointment hours, the dates as yyyy-MM-dd and the rest of the document untouched', () => {
    const form: HoursForm = {
      ...hoursFormOf(settings),
      separateAppointmentHours: true,
      slotMinutes: '45',
    }
    form.workingHours.tuesday = [{ open: '10:00', close: '12:00' }]
    form.overrides[0]!.note = '  '
    form.overrides[0]!.ranges = [{ open: '8:00', close: '24:00' }]
    const next = applyHours(settings, form)
    expect(next.greeting).toBe('שלום')
    expect(next.appointments.slotMinutes).toBe(45)
    expect(next.appointments.workingHours?.tuesday).toEqual([{ open: '10:00', close: '12:00' }])
    expect(next.appointments.dateOverrides).toEqual([
      { date: '2026-09-21', ranges: [{ open: '08:00', close: '24:00' }], note: null },
      { date: '2026-09-22', ranges: [{ open: '09:00', close: '13:00' }], note: 'ערב חג' },
    ])
    expect(applyHours(settings, { ...form, separateAppointmentHours: false }).appointments.workingHours).toBeNull()
  })

  it('finds every problem the Api would, keyed by the Api property paths', () => {
    const form = hoursFormOf(settings)
    form.businessHours.sunday = [{ open: '9', close: '18:00' }]
    form.businessHours.monday = [
      { open: '09:00', close: '13:00' },
      { open: '12:00', close: '18:00' },
    ]
    form.businessHours.tuesday = [{ open: '18:00', close: '09:00' }]
    form.separateAppointmentHours = true
    form.workingHours.thursday = [{ open: '10:00', close: '25:00' }]
    form.overrides[0]!.date = '31/02/2026'
    form.overrides[1]!.date = '21/09/2026'
    form.overrides.push({ key: 'x', date: '21/09/2026', ranges: [], note: 'א'.repeat(101) })
    form.bufferMinutes = '-1'
    const errors = validateHours(form)
    expect(Object.keys(errors).sort()).toEqual([
      'appointments.bufferminutes',
      'appointments.dateoverrides[0].date',
      'appointments.dateoverrides[2].date',
      'appointments.dateoverrides[2].note',
      'appointments.workinghours.thursday[0].close',
      'businesshours.monday',
      'businesshours.sunday[0].open',
      'businesshours.tuesday[0].close',
    ])
    expect(errors['appointments.dateoverrides[2].date']).toContain('21/09/2026')
    expect(validateHours(hoursFormOf(settings))).toEqual({})
  })

  it('leaves the appointment hours unchecked while they follow the business hours', () => {
    const form = hoursFormOf(settings)
    form.workingHours.sunday = [{ open: 'x', close: 'y' }]
    expect(validateHours(form)).toEqual({})
  })

  it('gathers the messages of a range from the Api keys of its times', () => {
    const errors = { 'businesshours.sunday[0].close': 'סגירה', 'businesshours.sunday[1]': 'טווח' }
    expect(rangeErrors(errors, 'businessHours.sunday', 0)).toEqual({ open: undefined, close: 'סגירה', range: undefined })
    expect(rangeErrors(errors, 'businesshours.sunday', 1).range).toBe('טווח')
  })
})
