export interface OverviewCall {
  id: string
  direction: 'inbound' | 'outbound'
  status: string
  from: string | null
  to: string | null
  leadId: string | null
  leadName: string | null
  startedAt: string
  durationSeconds: number | null
  isLive: boolean
}

export interface OverviewAppointment {
  id: string
  leadId: string
  leadName: string | null
  leadPhone: string | null
  start: string
  end: string
  title: string | null
}

export interface Overview {
  timeZone: string
  today: string
  hasPhoneNumber: boolean
  isEmpty: boolean
  calls: { today: number; total: number; active: number; latest: OverviewCall[] }
  leads: { today: number; thisWeek: number; total: number }
  appointments: { count: number; upcoming: OverviewAppointment[] }
  callsPerDay: { date: string; count: number }[]
  funnel: { status: string; label: string; color: string; count: number }[]
}

export const overviewPath = '/api/v1/overview'
