import { useMemo, type ReactNode } from 'react'
import { Link } from 'react-router'
import { EmptyState, ErrorState, Loading, PageHeader, Phone } from '../../components/PageState'
import { formatDate, formatDateTime, formatTime, dayKey } from '../../lib/datetime'
import { useApiQuery, useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { CallsPerDayChart } from './CallsPerDayChart'
import { FunnelChart } from './FunnelChart'
import { callsChartNote, readOverview } from './parse'
import { RenderGuard } from './RenderGuard'
import { overviewPath, type Overview, type OverviewCall } from './types'

const linkClass =
  'rounded text-sm font-semibold text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700'

function Card({ title, action, children, className = '' }: { title: string; action?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{title}</h2>
        {action}
      </div>
      {children}
    </section>
  )
}

function Figure({ label, value, note, testId }: { label: string; value: number; note?: string; testId: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-3xl font-bold tabular-nums">{value}</p>
      {note && <p className="mt-1 text-sm text-slate-600">{note}</p>}
    </div>
  )
}

export function CallStatusBadge({ status, live }: { status: string; live: boolean }) {
  const tone = live
    ? 'bg-green-100 text-green-900'
    : ['failed', 'busy', 'no_answer', 'canceled', 'rejected'].includes(status)
      ? 'bg-amber-100 text-amber-900'
      : 'bg-slate-100 text-slate-800'
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ${tone}`}>
      {live && <span className="size-1.5 rounded-full bg-green-600" aria-hidden="true" />}
      {messages.overview.callStatus[status] ?? status}
    </span>
  )
}

function CallRow({ call, zone, today }: { call: OverviewCall; zone: string; today: string }) {
  const t = messages.overview
  const number = call.direction === 'inbound' ? call.from : call.to
  const when = dayKey(call.startedAt, zone) === today ? formatTime(call.startedAt, zone) : formatDateTime(call.startedAt, zone)
  return (
    <li className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2">
      <div className="min-w-0">
        <Link to={`/calls/${call.id}`} className={`${linkClass} block truncate`}>
          {call.leadName ? <bdi>{call.leadName}</bdi> : number ? <Phone value={number} /> : t.unknownCaller}
        </Link>
        <p className="text-xs text-slate-600">
          {call.direction === 'inbound' ? t.inbound : t.outbound} · <span className="tabular-nums">{when}</span>
        </p>
      </div>
      <CallStatusBadge status={call.status} live={call.isLive} />
    </li>
  )
}

function FirstSteps({ hasPhoneNumber }: { hasPhoneNumber: boolean }) {
  const f = messages.overview.firstSteps
  const steps = [
    { done: hasPhoneNumber, title: hasPhoneNumber ? f.numberConnected : f.connectNumber, body: f.connectNumberBody, action: null },
    { done: false, title: f.tryDemo, body: f.tryDemoBody, action: <Link to="/outbound" className={linkClass}>{f.tryDemoAction}</Link> },
    { done: false, title: f.addLead, body: f.addLeadBody, action: <Link to="/leads" className={linkClass}>{f.addLeadAction}</Link> },
  ]
  return (
    <section aria-labelledby="first-steps" className="rounded-xl border border-blue-200 bg-blue-50 p-5 sm:p-8" data-testid="first-steps">
      <h2 id="first-steps" className="text-xl font-bold">
        {f.title}
      </h2>
      <p className="mt-1 text-slate-700">{f.body}</p>
      <ol className="mt-5 grid gap-3 md:grid-cols-3">
        {steps.map((step, i) => (
          <li key={step.title} className="flex gap-3 rounded-lg border border-blue-100 bg-white p-4">
            <span
              className={`flex size-8 shrink-0 items-center justify-center rounded-full text-sm font-bold ${step.done ? 'bg-green-600 text-white' : 'bg-blue-700 text-white'}`}
              aria-hidden="true"
            >
              {step.done ? '✓' : i + 1}
            </span>
            <div className="min-w-0">
              <h3 className="font-semibold">
                {step.title}
                {step.done && <span className="sr-only"> ({f.done})</span>}
              </h3>
              <p className="mt-1 text-sm text-slate-600">{step.body}</p>
              {step.action && <div className="mt-2">{step.action}</div>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  )
}

/** The first page of a business: today at a glance, the next appointments, and the two charts. */
export function OverviewPage() {
  const t = messages.overview
  const zone = useTimeZone()
  const { session } = useAuth()
  const businessName = session.kind === 'signed-in' ? session.businessName : null
  const query = useApiQuery<unknown>(overviewPath)
  const answer = query.status === 'ready' ? query.data : undefined
  const read = useMemo(() => {
    if (answer === undefined) return null
    try {
      return { data: readOverview(answer) }
    } catch (error) {
      return { error: error instanceof Error ? error : new Error(String(error)) }
    }
  }, [answer])

  return (
    <>
      <PageHeader title={t.title}>{businessName ? t.intro(businessName) : t.introNoName}</PageHeader>
      {query.status === 'loading' && <Loading />}
      {query.status === 'error' && <ErrorState error={query.error} onRetry={query.reload} />}
      {read?.error && <ErrorState error={read.error} onRetry={query.reload} />}
      {read?.data && (
        <RenderGuard onRetry={query.reload}>
          {read.data.isEmpty ? <FirstSteps hasPhoneNumber={read.data.hasPhoneNumber} /> : <Dashboard data={read.data} zone={zone} />}
        </RenderGuard>
      )}
    </>
  )
}

/** Why the calls chart is flat: no call yet (with the way to make one), or none in the charted days. */
function CallsChartNote({ data }: { data: Overview }) {
  const t = messages.overview
  const note = callsChartNote(data)
  if (note === 'none') return null
  return (
    <div className="mb-2 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="calls-chart-note">
      {note === 'noCallsYet' ? (
        <>
          <p>{data.leads.total > 0 ? t.noCallsYetWithLeads : t.noCallsYet}</p>
          <Link to="/outbound" className={`${linkClass} mt-1 inline-block`}>
            {t.noCallsYetAction}
          </Link>
        </>
      ) : (
        <p>{t.noRecentCalls}</p>
      )}
    </div>
  )
}

function Dashboard({ data, zone }: { data: Overview; zone: string }) {
  const t = messages.overview
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <Figure
          testId="figure-calls-today"
          label={t.callsToday}
          value={data.calls.today}
          note={data.calls.active > 0 ? t.activeNow(data.calls.active) : t.noActive}
        />
        <Figure testId="figure-leads-today" label={t.leadsToday} value={data.leads.today} note={t.leadsThisWeek(data.leads.thisWeek)} />
        <Figure testId="figure-appointments" label={t.upcomingCount} value={data.appointments.count} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t.latestCalls} action={<Link to="/calls" className={linkClass}>{t.allCalls}</Link>}>
          {data.calls.latest.length === 0 ? (
            <EmptyState title={t.noCalls} />
          ) : (
            <ul className="divide-y divide-slate-100">
              {data.calls.latest.map((call) => (
                <CallRow key={call.id} call={call} zone={zone} today={data.today} />
              ))}
            </ul>
          )}
        </Card>
        <Card title={t.upcomingAppointments} action={<Link to="/appointments" className={linkClass}>{t.toCalendar}</Link>}>
          {data.appointments.upcoming.length === 0 ? (
            <EmptyState title={t.noAppointments} />
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="upcoming-appointments">
              {data.appointments.upcoming.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2">
                  <div className="min-w-0">
                    <Link to={`/leads/${a.leadId}`} className={`${linkClass} block truncate`}>
                      <bdi>{a.leadName ?? messages.appointments.noLeadName}</bdi>
                    </Link>
                    {a.title && <p className="truncate text-xs text-slate-600">{a.title}</p>}
                  </div>
                  <span className="text-sm tabular-nums">
                    {formatDate(a.start, zone)} {formatTime(a.start, zone)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t.callsPerDay}>
          <CallsChartNote data={data} />
          <CallsPerDayChart days={data.callsPerDay} today={data.today} />
        </Card>
        <Card title={t.funnel}>
          <FunnelChart steps={data.funnel} />
        </Card>
      </div>
    </div>
  )
}
