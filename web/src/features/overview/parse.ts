import { messages } from '../../messages'
import type { Overview, OverviewAppointment, OverviewCall } from './types'

/** The overview's answer was not what this page reads: shown as an error (with a retry), never as a broken page. */
export class UnexpectedOverview extends Error {
  readonly reason: string

  constructor(reason: string) {
    super(messages.overview.unexpectedAnswer)
    this.reason = reason
    this.name = 'UnexpectedOverview'
  }
}

type Json = Record<string, unknown>

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function record(parent: Json, key: string): Json {
  const value = parent[key]
  if (!isRecord(value)) throw new UnexpectedOverview(`${key} is not an object`)
  return value
}

function list(parent: Json, key: string): unknown[] {
  const value = parent[key]
  if (!Array.isArray(value)) throw new UnexpectedOverview(`${key} is not a list`)
  return value
}

function count(parent: Json, key: string): number {
  const value = parent[key]
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new UnexpectedOverview(`${key} is not a number`)
  return Math.max(0, Math.round(value))
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function instant(value: unknown): string | null {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/
const colorPattern = /^#[0-9a-fA-F]{3,8}$/
const fallbackColor = '#64748b'

function call(value: unknown): OverviewCall | null {
  if (!isRecord(value)) return null
  const id = text(value.id)
  const startedAt = instant(value.startedAt)
  if (!id || !startedAt) return null
  return {
    id,
    direction: value.direction === 'outbound' ? 'outbound' : 'inbound',
    status: text(value.status) ?? '',
    from: text(value.from),
    to: text(value.to),
    leadId: text(value.leadId),
    leadName: text(value.leadName),
    startedAt,
    durationSeconds: typeof value.durationSeconds === 'number' ? value.durationSeconds : null,
    isLive: value.isLive === true,
  }
}

function appointment(value: unknown): OverviewAppointment | null {
  if (!isRecord(value)) return null
  const id = text(value.id)
  const leadId = text(value.leadId)
  const start = instant(value.start)
  if (!id || !leadId || !start) return null
  return {
    id,
    leadId,
    leadName: text(value.leadName),
    leadPhone: text(value.leadPhone),
    start,
    end: instant(value.end) ?? start,
    title: text(value.title),
  }
}

function present<T>(items: (T | null)[]): T[] {
  return items.filter((item): item is T => item !== null)
}

/**
 * Reads `GET /api/v1/overview` defensively. A missing part the page cannot do without (a figure, a list) is an
 * {@link UnexpectedOverview}; a single malformed row (a call without a time, a day without a date) is left out; an
 * unknown status or colour falls back to something sensible.
 */
export function readOverview(raw: unknown): Overview {
  if (!isRecord(raw)) throw new UnexpectedOverview('not an object')
  const today = text(raw.today)
  if (!today || !dayPattern.test(today)) throw new UnexpectedOverview('today is not a date')
  const calls = record(raw, 'calls')
  const leads = record(raw, 'leads')
  const appointments = record(raw, 'appointments')

  const callsPerDay = present(
    list(raw, 'callsPerDay').map((d) =>
      isRecord(d) && typeof d.date === 'string' && dayPattern.test(d.date) && typeof d.count === 'number' && Number.isFinite(d.count)
        ? { date: d.date, count: Math.max(0, Math.round(d.count)) }
        : null,
    ),
  )
  const funnel = present(
    list(raw, 'funnel').map((s) => {
      if (!isRecord(s)) return null
      const status = text(s.status)
      if (!status || typeof s.count !== 'number' || !Number.isFinite(s.count)) return null
      return {
        status,
        label: text(s.label) ?? status,
        color: typeof s.color === 'string' && colorPattern.test(s.color) ? s.color : fallbackColor,
        count: Math.max(0, Math.round(s.count)),
      }
    }),
  )

  return {
    timeZone: text(raw.timeZone) ?? '',
    today,
    hasPhoneNumber: raw.hasPhoneNumber === true,
    isEmpty: raw.isEmpty === true,
    calls: {
      today: count(calls, 'today'),
      total: count(calls, 'total'),
      active: count(calls, 'active'),
      latest: present(list(calls, 'latest').map(call)),
    },
    leads: { today: count(leads, 'today'), thisWeek: count(leads, 'thisWeek'), total: count(leads, 'total') },
    appointments: { count: count(appointments, 'count'), upcoming: present(list(appointments, 'upcoming').map(appointment)) },
    callsPerDay,
    funnel,
  }
}

/** What the calls chart says when it has no bar: nothing (there are calls), or why it is flat. */
export function callsChartNote(overview: Pick<Overview, 'calls' | 'callsPerDay'>): 'none' | 'noCallsYet' | 'noRecentCalls' {
  if (overview.callsPerDay.some((d) => d.count > 0)) return 'none'
  return overview.calls.total === 0 ? 'noCallsYet' : 'noRecentCalls'
}
