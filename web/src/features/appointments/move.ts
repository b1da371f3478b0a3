import type { Slot } from './types'

/**
 * The availability to read for the calendar's dates. While an appointment is being moved, it is left out of the busy
 * times (`excludeAppointmentId`), so that a small shift overlapping its own time is offered too.
 */
export function availabilityPath(from: string, to: string, movingId: string | null): string {
  const query = new URLSearchParams({ from, to })
  if (movingId) query.set('excludeAppointmentId', movingId)
  return `/api/v1/appointments/availability?${query.toString()}`
}

/** The slots an appointment can move to: every free slot but the one it already starts at. */
export function moveTargets(slots: Slot[], moving: { start: string } | null): Slot[] {
  if (!moving) return slots
  const at = Date.parse(moving.start)
  return slots.filter((s) => Date.parse(s.start) !== at)
}
