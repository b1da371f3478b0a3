import { useEffect, useMemo, useState } from 'react'
import { Button } from '../../components/Button'
import { ErrorState, Loading, PageHeader } from '../../components/PageState'
import { dayKey, formatDateTime } from '../../lib/datetime'
import { useApiQuery, useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { addDays, displayDate, place, visibleHours, weekDays, weekdayOf } from './calendar'
import { CalendarGrid } from './CalendarGrid'
import { AppointmentDialog, BookDialog, CancelDialog, RescheduleDialog } from './dialogs'
import { availabilityPath, moveTargets } from './move'
import { appointmentHours, type Appointment, type Availability, type BusinessSettings, type Slot } from './types'

type View = 'week' | 'day'

type Dialog =
  | { kind: 'book'; slot: Slot }
  | { kind: 'details'; appointment: Appointment }
  | { kind: 'cancel'; appointment: Appointment }
  | { kind: 'move'; appointment: Appointment; slot: Slot }
  | null

function narrowScreen(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 639px)').matches
}

/** The business's calendar: a week or a day, its appointments and its free slots, to book, move and cancel. */
export function AppointmentsPage() {
  const t = messages.appointments
  const zone = useTimeZone()
  const today = dayKey(new Date(), zone)
  const [anchor, setAnchor] = useState(today)
  const [view, setView] = useState<View>(() => (narrowScreen() ? 'day' : 'week'))
  const [dialog, setDialog] = useState<Dialog>(null)
  const [moving, setMoving] = useState<Appointment | null>(null)
  const [notice, setNotice] = useState('')

  const week = weekDays(anchor)
  const from = week[0]!
  const to = week[6]!
  const settings = useApiQuery<BusinessSettings>('/api/v1/business/settings')
  const appointments = useApiQuery<{ items: Appointment[] }>(`/api/v1/appointments?from=${from}&to=${to}&status=booked&limit=100`)
  const availability = useApiQuery<Availability>(availabilityPath(from, to, moving?.id ?? null))

  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice(''), 5000)
    return () => clearTimeout(timer)
  }, [notice])

  const days = view === 'week' ? week : [anchor]
  const hours = appointmentHours(settings.data)
  const items = appointments.data?.items ?? []
  const slots = moveTargets(availability.data?.slots ?? [], moving)
  const range = useMemo(
    () =>
      visibleHours(
        hours,
        days,
        [...items.map((a) => place(a.start, a.end, zone)), ...slots.map((s) => place(s.start, s.end, zone))].filter((p) =>
          days.includes(p.day),
        ),
      ),
    [hours, days.join(), items, slots, zone],
  )

  function reloadCalendar() {
    appointments.reload()
    availability.reload()
  }

  function step(direction: 1 | -1) {
    setAnchor((a) => addDays(a, (view === 'week' ? 7 : 1) * direction))
  }

  const loading = appointments.status === 'loading' || availability.status === 'loading' || settings.status === 'loading'
  const failed = [appointments, availability, settings].find((q) => q.status === 'error' && q.data === undefined)
  const slotsShown = slots.filter((s) => days.includes(s.date)).length

  return (
    <>
      <PageHeader title={t.title}>{t.intro}</PageHeader>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <Button onClick={() => step(-1)} aria-label={view === 'week' ? t.previousWeek : t.previousDay}>
            <span aria-hidden="true">→</span>
          </Button>
          <Button onClick={() => setAnchor(today)}>{t.today}</Button>
          <Button onClick={() => step(1)} aria-label={view === 'week' ? t.nextWeek : t.nextDay}>
            <span aria-hidden="true">←</span>
          </Button>
          <p className="ms-1 font-semibold tabular-nums" aria-live="polite" data-testid="calendar-range">
            {view === 'week' ? t.rangeLabel(displayDate(from), displayDate(to)) : `${t.weekdays[weekdayOf(anchor)]} ${displayDate(anchor)}`}
          </p>
        </div>
        <div role="group" aria-label={t.viewLabel} className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
          {(['week', 'day'] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className={`rounded px-3 py-1.5 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-blue-700 ${view === v ? 'bg-blue-700 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
            >
              {v === 'week' ? t.week : t.day}
            </button>
          ))}
        </div>
      </div>

      {view === 'day' && (
        <nav aria-label={t.pickDay} className="mb-3 grid grid-cols-7 gap-1">
          {week.map((day) => {
            const free = slots.filter((s) => s.date === day).length
            return (
              <button
                key={day}
                type="button"
                aria-current={day === anchor ? 'date' : undefined}
                onClick={() => setAnchor(day)}
                className={`rounded-md border px-1 py-1.5 text-center text-xs focus-visible:outline-2 focus-visible:outline-blue-700 ${
                  day === anchor ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-200 bg-white hover:bg-slate-50'
                }`}
              >
                <span className="block font-semibold">{t.weekdays[weekdayOf(day)]}</span>
                <span className="block tabular-nums">{displayDate(day).slice(0, 5)}</span>
                <span className={`mx-auto mt-1 block size-1.5 rounded-full ${free > 0 ? (day === anchor ? 'bg-white' : 'bg-emerald-500') : 'bg-transparent'}`} aria-hidden="true" />
              </button>
            )
          })}
        </nav>
      )}

      {moving && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950" data-testid="moving-banner">
          <p>{t.reschedule.banner(moving.leadName ?? t.noLeadName, formatDateTime(moving.start, zone))}</p>
          <Button onClick={() => setMoving(null)}>{t.reschedule.stop}</Button>
        </div>
      )}

      <p role="status" className="sr-only">
        {notice}
      </p>
      {notice && (
        <p className="mb-3 rounded-lg border border-green-200 bg-green-50 px-4 py-2 font-medium text-green-900" aria-hidden="true">
          {notice}
        </p>
      )}

      {failed ? (
        <ErrorState error={failed.error!} onRetry={() => [appointments, availability, settings].forEach((q) => q.reload())} />
      ) : loading ? (
        <Loading />
      ) : (
        <>
          {slotsShown === 0 && (
            <p className="mb-3 text-sm text-slate-600">{view === 'week' ? t.noSlotsThisWeek : t.noSlotsThisDay}</p>
          )}
          <CalendarGrid
            days={days}
            today={today}
            range={range}
            hours={hours}
            appointments={items}
            slots={slots}
            zone={zone}
            movingId={moving?.id ?? null}
            onSlot={(slot) => setDialog(moving ? { kind: 'move', appointment: moving, slot } : { kind: 'book', slot })}
            onAppointment={(appointment) => setDialog({ kind: 'details', appointment })}
          />
          <div className="mt-3 flex flex-wrap gap-4 text-xs text-slate-600" aria-hidden="true">
            <span className="inline-flex items-center gap-1">
              <span className="size-3 rounded-sm border border-dashed border-emerald-400 bg-emerald-50" />
              {t.legendFree}
            </span>
            <span className="inline-flex items-center gap-1">
              <span className="size-3 rounded-sm bg-blue-700" />
              {t.legendBooked}
            </span>
          </div>
        </>
      )}

      {dialog?.kind === 'book' && (
        <BookDialog
          slot={dialog.slot}
          onClose={() => setDialog(null)}
          onBooked={() => {
            setDialog(null)
            setNotice(t.book.booked)
            reloadCalendar()
          }}
        />
      )}
      {dialog?.kind === 'details' && (
        <AppointmentDialog
          appointment={dialog.appointment}
          zone={zone}
          onClose={() => setDialog(null)}
          onReschedule={() => {
            setMoving(dialog.appointment)
            setDialog(null)
          }}
          onCancel={() => setDialog({ kind: 'cancel', appointment: dialog.appointment })}
        />
      )}
      {dialog?.kind === 'cancel' && (
        <CancelDialog
          appointment={dialog.appointment}
          zone={zone}
          onClose={() => setDialog(null)}
          onCancelled={() => {
            setDialog(null)
            setNotice(t.cancel.done)
            reloadCalendar()
          }}
        />
      )}
      {dialog?.kind === 'move' && (
        <RescheduleDialog
          appointment={dialog.appointment}
          slot={dialog.slot}
          zone={zone}
          onClose={() => setDialog(null)}
          onMoved={() => {
            setDialog(null)
            setMoving(null)
            setNotice(t.reschedule.done)
            reloadCalendar()
          }}
        />
      )}
    </>
  )
}
