import { describe, expect, it } from 'vitest'
import { formatDateTime } from './datetime'

describe('formatDateTime', () => {
  it('formats a UTC instant as dd/MM/yyyy HH:mm in Israel winter time (UTC+2)', () => {
    expect(formatDateTime('2025-01-15T08:05:00Z')).toBe('15/01/2025 10:05')
  })

  it('formats a UTC instant in Israel summer time (UTC+3)', () => {
    expect(formatDateTime('2025-07-01T21:30:00Z')).toBe('02/07/2025 00:30')
  })

  // Israel moved its clocks forward at 02:00 local time on Friday 28 March 2025.
  it('follows the spring-forward boundary', () => {
    expect(formatDateTime('2025-03-27T23:59:00Z')).toBe('28/03/2025 01:59')
    expect(formatDateTime('2025-03-28T00:00:00Z')).toBe('28/03/2025 03:00')
  })

  // And back at 02:00 local time on Sunday 26 October 2025, so 01:xx happens twice.
  it('follows the fall-back boundary', () => {
    expect(formatDateTime('2025-10-25T22:30:00Z')).toBe('26/10/2025 01:30')
    expect(formatDateTime('2025-10-25T23:30:00Z')).toBe('26/10/2025 01:30')
    expect(formatDateTime('2025-10-26T00:00:00Z')).toBe('26/10/2025 02:00')
  })

  it('uses 00 for midnight, not 24', () => {
    expect(formatDateTime('2025-01-14T22:00:00Z')).toBe('15/01/2025 00:00')
  })

  it('accepts a Date and epoch milliseconds', () => {
    const instant = Date.UTC(2024, 11, 31, 22, 0)
    expect(formatDateTime(new Date(instant))).toBe('01/01/2025 00:00')
    expect(formatDateTime(instant)).toBe('01/01/2025 00:00')
  })

  it('rejects an invalid date instead of printing garbage', () => {
    expect(() => formatDateTime('not a date')).toThrow(RangeError)
  })
})

describe('zoned helpers', () => {
  it('formats date and time apart, in a chosen zone', async () => {
    const { formatDate, formatTime } = await import('./datetime')
    expect(formatDate('2025-01-15T23:30:00Z')).toBe('16/01/2025')
    expect(formatTime('2025-01-15T23:30:00Z')).toBe('01:30')
    expect(formatDate('2025-01-15T23:30:00Z', 'UTC')).toBe('15/01/2025')
    expect(formatTime('2025-01-15T23:30:00Z', 'America/New_York')).toBe('18:30')
  })

  it('keys an instant by its day in the zone', async () => {
    const { dayKey } = await import('./datetime')
    expect(dayKey('2025-01-15T22:30:00Z')).toBe('2025-01-16')
    expect(dayKey('2025-01-15T22:30:00Z', 'UTC')).toBe('2025-01-15')
  })

  it('finds the instant of a wall-clock time, on both sides of a clock change', async () => {
    const { zonedInstant } = await import('./datetime')
    expect(zonedInstant('2025-01-15', '09:30').toISOString()).toBe('2025-01-15T07:30:00.000Z')
    expect(zonedInstant('2025-07-01', '09:30').toISOString()).toBe('2025-07-01T06:30:00.000Z')
    expect(zonedInstant('2025-03-28', '09:00').toISOString()).toBe('2025-03-28T06:00:00.000Z')
  })

  it('formats durations', async () => {
    const { formatDuration } = await import('./datetime')
    expect(formatDuration(0)).toBe('0:00')
    expect(formatDuration(75)).toBe('1:15')
    expect(formatDuration(3725)).toBe('1:02:05')
  })
})
