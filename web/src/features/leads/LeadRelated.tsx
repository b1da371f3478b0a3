import { useEffect } from 'react'
import { Link } from 'react-router'
import { ErrorState, Loading } from '../../components/PageState'
import { formatDate, formatDateTime, formatDuration, formatTime } from '../../lib/datetime'
import { useApiQuery, useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { leadPaths, type ActivityPage, type AppointmentPage, type CallPage } from './types'

const t = messages.leads

const kindDot: Record<string, string> = {
  lead: 'bg-blue-500',
  note: 'bg-slate-500',
  appointment: 'bg-cyan-500',
  reminder: 'bg-amber-500',
  task: 'bg-violet-500',
  call: 'bg-green-600',
  message: 'bg-emerald-500',
}

/** The lead's timeline, newest first; read again whenever `refreshKey` changes (after a change on the page). */
export function LeadActivity({ leadId, refreshKey }: { leadId: string; refreshKey: number }) {
  const zone = useTimeZone()
  const query = useApiQuery<ActivityPage>(leadPaths.activity(leadId))
  const { reload } = query
  useEffect(() => {
    if (refreshKey > 0) reload()
  }, [refreshKey, reload])

  return (
    <>
      <h2 id="lead-activity" className="text-lg font-bold">
        {t.activity.title}
      </h2>
      {query.status === 'loading' && <Loading />}
      {query.status === 'error' && <ErrorState error={query.error} onRetry={reload} />}
      {query.data && query.data.items.length === 0 && <p className="mt-2 text-slate-600">{t.activity.empty}</p>}
      {query.data && query.data.items.length > 0 && (
        <ol className="mt-3 max-h-96 space-y-3 overflow-y-auto border-s-2 border-slate-200 ps-4" data-testid="lead-activity">
          {query.data.items.map((entry) => (
            <li key={entry.id} className="relative">
              <span aria-hidden="true" className={`absolute -start-[1.3rem] top-1.5 size-2.5 rounded-full ${kindDot[entry.kind] ?? 'bg-slate-400'}`} />
              <p className="text-sm">{entry.summary}</p>
              <p className="text-xs text-slate-500">
                <time dateTime={entry.at} className="tabular-nums">
                  {formatDateTime(entry.at, zone)}
                </time>
                {entry.actor && (
                  <>
                    {' · '}
                    <bdi>{t.activity.by(entry.actor)}</bdi>
                  </>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
    </>
  )
}

/** The lead's calls, newest first, each linking to its call page. */
export function LeadCalls({ leadId }: { leadId: string }) {
  const zone = useTimeZone()
  const query = useApiQuery<CallPage>(leadPaths.calls(leadId))
  return (
    <>
      <h2 id="lead-calls" className="text-lg font-bold">
        {t.calls.title}
      </h2>
      {query.status === 'loading' && <Loading />}
      {query.status === 'error' && <ErrorState error={query.error} onRetry={query.reload} />}
      {query.data && query.data.items.length === 0 && <p className="mt-2 text-slate-600">{t.calls.empty}</p>}
      {query.data && query.data.items.length > 0 && (
        <ul className="mt-2 divide-y divide-slate-100">
          {query.data.items.map((call) => (
            <li key={call.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <Link to={`/calls/${call.id}`} className="font-medium text-blue-800 hover:underline">
                {call.direction === 'outbound' ? t.calls.outbound : t.calls.inbound}
              </Link>
              <span className="tabular-nums text-slate-600">
                {formatDateTime(call.startedAt, zone)}
                {call.durationSeconds ? ` · ${formatDuration(call.durationSeconds)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

/** The lead's appointments, earliest first. */
export function LeadAppointments({ leadId }: { leadId: string }) {
  const zone = useTimeZone()
  const query = useApiQuery<AppointmentPage>(leadPaths.appointments(leadId))
  return (
    <>
      <h2 id="lead-appointments" className="text-lg font-bold">
        {t.appointments.title}
      </h2>
      {query.status === 'loading' && <Loading />}
      {query.status === 'error' && <ErrorState error={query.error} onRetry={query.reload} />}
      {query.data && query.data.items.length === 0 && <p className="mt-2 text-slate-600">{t.appointments.empty}</p>}
      {query.data && query.data.items.length > 0 && (
        <ul className="mt-2 divide-y divide-slate-100">
          {query.data.items.map((a) => (
            <li key={a.id} className={`flex flex-wrap items-center justify-between gap-2 py-2 text-sm ${a.status === 'cancelled' ? 'text-slate-500 line-through' : ''}`}>
              <span className="font-medium">{a.title || t.appointments.untitled}</span>
              <span className="tabular-nums">
                {formatDate(a.start, zone)} {formatTime(a.start, zone)}–{formatTime(a.end, zone)}
                {' · '}
                {a.status === 'cancelled' ? t.appointments.cancelled : t.appointments.booked}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
