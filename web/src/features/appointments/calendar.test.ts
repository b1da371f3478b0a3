import { describe, expect, it } from 'vitest'
import { addDays, byDay, displayDate, place, position, startOfWeek, visibleHours, weekDays, weekdayOf } from './calendar'

const zone = 'Asia/Jerusalem'
const israelHours = {
  sunday: [{ open: '09:00', close: '18:00' }],
  monday: [{ open: '09:00', close: '18:00' }],
  tuesday: [{ open: '09:00', close: '18:00' }],
  wednesday: [{ open: '09:00', close: '18:00' }],
  thursday: [{ open: '09:00', close: '18:00' }],
  friday: [{ open: '09:00', close: '13:00' }],
  saturday: [],
}

describe('week maths', () => {
  it('opens the week on Sunday', () => {
    expect(weekdayOf('2027-03-14')).toBe(0)
    expect(startOfWeek('2027-03-14')).toBe('2027-03-14')
    expect(startOfWeek('2027-03-20')).toBe('2027-03-14')
    expect(startOfWeek('2027-03-21')).toBe('2027-03-21')
    expect(weekDays('2027-03-17')).toEqual([
      '2027-03-14', '2027-03-15', '2027-03-16', '2027-03-17', '2027-03-18', '2027-03-19', '2027-03-20',
    ])
  })

  it('crosses months, years and the clock change by calendar days', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
    expect(addDays('2027-03-21', -7)).toBe('2027-03-14')
    // Israel moves to summer time on Friday 26 March 2027: the week still has seven days.
    expect(weekDays('2027-03-26')[6]).toBe('2027-03-27')
    expect(addDays('2027-03-26', 1)).toBe('2027-03-27')
    expect(displayDate('2027-03-05')).toBe('05/03/2027')
  })

  it('puts a Saturday-night item in the old week and a Sunday 00:30 item in the new one, whatever the UTC date', () => {
    const saturdayNight = '2027-03-20T21:30:00Z' // 23:30 in Israel
    const sundayEarly = '2027-03-20T22:30:00Z' // 00:30 on Sunday the 21st in Israel
    const groups = byDay([saturdayNight, sundayEarly], (s) => s, zone)
    expect([...groups.keys()]).toEqual(['2027-03-20', '2027-03-21'])
    expect(startOfWeek([...groups.keys()][1]!)).toBe('2027-03-21')
  })
})

describe('placing items', () => {
  it('places by wall-clock time in the zone, before and after the clock change', () => {
    expect(place('2027-03-25T07:00:00Z', '2027-03-25T07:30:00Z', zone)).toEqual({ day: '2027-03-25', start: 540, end: 570 })
    expect(place('2027-03-26T06:00:00Z', '2027-03-26T06:30:00Z', zone)).toEqual({ day: '2027-03-26', start: 540, end: 570 })
  })

  it('ends an item that runs past midnight at midnight', () => {
    expect(place('2027-03-15T21:30:00Z', '2027-03-15T22:30:00Z', zone)).toEqual({ day: '2027-03-15', start: 1410, end: 1440 })
  })

  it('positions within the visible hours as percentages, clipping what falls outside', () => {
    const range = { start: 480, end: 1080 } // 08:00–18:00
    expect(position({ start: 540, end: 570 }, range)).toEqual({ top: 10, height: 5 })
    expect(position({ start: 450, end: 510 }, range)).toEqual({ top: 0, height: 5 })
    expect(position({ start: 1080, end: 1110 }, range)).toBeNull()
  })
})

describe('visible hours', () => {
  it('spans the earliest opening to the latest closing of the days shown', () => {
    expect(visibleHours(israelHours, weekDays('2027-03-14'))).toEqual({ start: 540, end: 1080 })
    expect(visibleHours(israelHours, ['2027-03-19'])).toEqual({ start: 540, end: 780 })
  })

  it('widens to whole hours around items outside the hours and falls back on a closed day', () => {
    expect(visibleHours(israelHours, ['2027-03-15'], [{ start: 1170, end: 1200 }])).toEqual({ start: 540, end: 1200 })
    expect(visibleHours(israelHours, ['2027-03-20'])).toEqual({ start: 480, end: 1080 })
    expect(visibleHours(null, ['2027-03-15'], [{ start: 555, end: 585 }])).toEqual({ start: 540, end: 600 })
  })
})
