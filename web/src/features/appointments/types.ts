import type { WeekHours } from './calendar'

export interface Appointment {
  id: string
  leadId: string
  leadName: string | null
  leadPhone: string | null
  start: string
  end: string
  status: 'booked' | 'cancelled'
  title: string | null
  notes: string | null
  version: number
}

export interface Slot {
  start: string
  end: string
  localStart: string
  date: string
  time: string
}

export interface Availability {
  timeZone: string
  slotMinutes: number
  slots: Slot[]
}

export interface BusinessSettings {
  settings: {
    businessHours?: WeekHours | null
    appointments?: { workingHours?: WeekHours | null; slotMinutes?: number } | null
  }
}

/** The hours appointments may be booked in: the appointment hours, or the business hours when there are none. */
export function appointmentHours(settings: BusinessSettings | undefined): WeekHours | null {
  return settings?.settings.appointments?.workingHours ?? settings?.settings.businessHours ?? null
}
