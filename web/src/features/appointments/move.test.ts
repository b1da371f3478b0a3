import { describe, expect, it } from 'vitest'
import { availabilityPath, moveTargets } from './move'
import type { Slot } from './types'

function slot(start: string, time: string): Slot {
  return { start, end: start, localStart: start, date: '2027-03-15', time }
}

describe('availability for a move', () => {
  it('reads the plain availability when nothing is being moved', () => {
    expect(availabilityPath('2027-03-14', '2027-03-20', null)).toBe('/api/v1/appointments/availability?from=2027-03-14&to=2027-03-20')
  })

  it('leaves the appointment being moved out of the busy times', () => {
    expect(availabilityPath('2027-03-14', '2027-03-20', '8c1f0e36-3b0a-4d55-9a53-2f3f0f1f4b10')).toBe(
      '/api/v1/appointments/availability?from=2027-03-14&to=2027-03-20&excludeAppointmentId=8c1f0e36-3b0a-4d55-9a53-2f3f0f1f4b10',
    )
  })
})

describe('move targets', () => {
  const slots = [
    slot('2027-03-15T07:30:00+00:00', '09:30'),
    slot('2027-03-15T08:00:00+00:00', '10:00'),
    slot('2027-03-15T08:30:00+00:00', '10:30'),
  ]

  it('offers every slot when nothing is being moved', () => {
    expect(moveTargets(slots, null)).toEqual(slots)
  })

  it('drops the slot the appointment already starts at, whatever offset it is written with', () => {
    expect(moveTargets(slots, { start: '2027-03-15T10:00:00+02:00' }).map((s) => s.time)).toEqual(['09:30', '10:30'])
  })
})
