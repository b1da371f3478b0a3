import { describe, expect, it } from 'vitest'
import { dayBoundaries, nextDay, parseDay, readDateRange, showDay } from './dateRange'

describe('typed dates (dd/MM/yyyy)', () => {
  it('reads dd/MM/yyyy and d/M/yyyy as the day they name', () => {
    expect(parseDay('05/03/2025')).toBe('2025-03-05')
    expect(parseDay('5/3/2025')).toBe('2025-03-05')
    expect(parseDay(' 31/12/2024 ')).toBe('2024-12-31')
    expect(parseDay('29/02/2024')).toBe('2024-02-29')
    expect(parseDay('1.3.2025')).toBe('2025-03-01')
  })

  it('refuses what is not a day of the calendar, or is written another way', () => {
    for (const text of ['', 'אתמול', '31/02/2025', '29/02/2025', '00/03/2025', '05/13/2025', '5/3/25', '2025-03-05', '05/03/2025 10:00', '123/1/2025']) {
      expect(parseDay(text), text).toBeNull()
    }
  })

  it('shows a day as dd/MM/yyyy and steps to the next day across months and years', () => {
    expect(showDay('2025-03-05')).toBe('05/03/2025')
    expect(showDay('')).toBe('')
    expect(nextDay('2025-02-28')).toBe('2025-03-01')
    expect(nextDay('2024-02-28')).toBe('2024-02-29')
    expect(nextDay('2024-12-31')).toBe('2025-01-01')
  })
})

describe('the date range of the filter', () => {
  it('gives the days when both fields read well; empty fields are no bound', () => {
    expect(readDateRange('1/3/2025', '05/03/2025')).toEqual({ ok: true, from: '2025-03-01', to: '2025-03-05' })
    expect(readDateRange('', '05/03/2025')).toEqual({ ok: true, from: '', to: '2025-03-05' })
    expect(readDateRange('  ', '')).toEqual({ ok: true, from: '', to: '' })
    expect(readDateRange('05/03/2025', '05/03/2025')).toEqual({ ok: true, from: '2025-03-05', to: '2025-03-05' })
  })

  it('puts a Hebrew error on the field that is wrong, and on "to" when it is before "from"', () => {
    expect(readDateRange('32/01/2025', '')).toEqual({ ok: false, errors: { from: expect.stringContaining('תאריך לא תקין') } })
    expect(readDateRange('', 'מחר')).toEqual({ ok: false, errors: { to: expect.stringContaining('05/03/2025') } })
    expect(readDateRange('10/03/2025', '09/03/2025')).toEqual({ ok: false, errors: { to: 'תאריך הסיום מוקדם מתאריך ההתחלה.' } })
  })

  it('sends the days as the instants they begin and end in the business zone, whatever the browser zone', () => {
    // Israel: winter UTC+2, summer UTC+3 (the clocks moved on Friday 28/03/2025).
    expect(dayBoundaries('2025-03-01', '2025-03-01', 'Asia/Jerusalem')).toEqual({
      startedFrom: '2025-02-28T22:00:00.000Z',
      startedBefore: '2025-03-01T22:00:00.000Z',
    })
    expect(dayBoundaries('2025-03-27', '2025-03-28', 'Asia/Jerusalem')).toEqual({
      startedFrom: '2025-03-26T22:00:00.000Z',
      startedBefore: '2025-03-28T21:00:00.000Z',
    })
    expect(dayBoundaries('', '2025-07-01', 'America/New_York')).toEqual({ startedBefore: '2025-07-02T04:00:00.000Z' })
    expect(dayBoundaries('', '', 'Asia/Jerusalem')).toEqual({})
  })
})
