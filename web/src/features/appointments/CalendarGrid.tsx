import { formatTime } from '../../lib/datetime'
import { messages } from '../../messages'
import { byDay, displayDate, minutesOf as minutes, place, position, rangesOn, timeOf, weekdayOf, type HourRange, type WeekHours } from './calendar'
import type { Appointment, Slot } from './types'

const hourHeight = 64

/**
 * The calendar's days side by side (Sunday at the start side), hours down the side, appointments and free slots placed by
 * their wall-clock time in the business's zone. Every item is a button.
 */
export function CalendarGrid({
  days,
  today,
  range,
  hours,
  appointments,
  slots,
  zone,
  movingId,
  onSlot,
  onAppointment,
}: {
  days: string[]
  today: string
  range: HourRange
  hours: WeekHours | null
  appointments: Appointment[]
  slots: Slot[]
  zone: string
  /** The appointment being moved: shown as a mark of its current time, with the slots it can move to over it. */
  movingId: string | null
  onSlot: (slot: Slot) => void
  onAppointment: (appointment: Appointment) => void
}) {
  const t = messages.appointments
  const hourMarks: number[] = []
  for (let m = range.start; m < range.end; m += 60) hourMarks.push(m)
  const height = ((range.end - range.start) / 60) * hourHeight
  const appointmentsByDay = byDay(appointments, (a) => a.start, zone)
  const slotsByDay = new Map<string, Slot[]>()
  for (const slot of slots) slotsByDay.set(slot.date, [...(slotsByDay.get(slot.date) ?? []), slot])
  const wide = days.length > 1
  const moving = movingId !== null

  return (
    <div className={wide ? 'overflow-x-auto rounded-xl border border-slate-200 bg-white' : 'rounded-xl border border-slate-200 bg-white'}>
      <div className={wide ? 'min-w-[760px]' : ''} role="group" aria-label={t.calendarLabel}>
        <div className="sticky top-0 z-10 flex border-b border-slate-200 bg-white">
          <div className="w-14 shrink-0" aria-hidden="true" />
          {days.map((day) => (
            <div
              key={day}
              className={`flex-1 border-s border-slate-100 px-1 py-2 text-center text-sm ${day === today ? 'font-bold text-blue-800' : ''}`}
            >
              <div>{t.weekdays[weekdayOf(day)]}</div>
              <div className="tabular-nums text-slate-600">{displayDate(day).slice(0, 5)}</div>
            </div>
          ))}
        </div>
        <div className="flex">
          <div className="relative w-14 shrink-0" style={{ height }} aria-hidden="true">
            {hourMarks.map((m) => (
              <div
                key={m}
                className={`absolute start-0 end-0 pe-2 text-end text-xs tabular-nums text-slate-500 ${m === range.start ? 'pt-0.5' : '-translate-y-2'}`}
                style={{ top: `${((m - range.start) / (range.end - range.start)) * 100}%` }}
              >
                {timeOf(m)}
              </div>
            ))}
          </div>
          {days.map((day) => {
            const open = rangesOn(hours, day)
            const daySlots = slotsByDay.get(day) ?? []
            const dayAppointments = appointmentsByDay.get(day) ?? []
            return (
              <section
                key={day}
                aria-label={`${t.weekdays[weekdayOf(day)]} ${displayDate(day)}`}
                data-day={day}
                className="relative flex-1 border-s border-slate-100 bg-slate-50"
                style={{ height }}
              >
                {open.map((r) => {
                  const pos = position({ start: minutes(r.open), end: minutes(r.close) }, range)
                  return pos && <div key={r.open} className="absolute start-0 end-0 bg-white" style={{ top: `${pos.top}%`, height: `${pos.height}%` }} aria-hidden="true" />
                })}
                {hourMarks.map((m) => (
                  <div
                    key={m}
                    className="absolute start-0 end-0 border-t border-slate-100"
                    style={{ top: `${((m - range.start) / (range.end - range.start)) * 100}%` }}
                    aria-hidden="true"
                  />
                ))}
                {open.length === 0 && (
                  <p className="absolute start-0 end-0 top-4 text-center text-sm text-slate-500">{t.closed}</p>
                )}
                {daySlots.map((slot) => {
                  const pos = position(place(slot.start, slot.end, zone), range)
                  if (!pos) return null
                  const date = displayDate(slot.date)
                  return (
                    <button
                      key={slot.start}
                      type="button"
                      onClick={() => onSlot(slot)}
                      aria-label={moving ? t.moveHereLabel(date, slot.time) : t.freeSlotLabel(date, slot.time)}
                      data-slot={slot.start}
                      className={`absolute start-1 ${moving ? 'end-4' : 'end-1'} overflow-hidden rounded-md border border-dashed px-1.5 text-start text-xs focus-visible:z-20 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700 ${
                        moving
                          ? 'border-amber-400 bg-amber-50 text-amber-900 hover:bg-amber-100'
                          : 'border-emerald-300 bg-emerald-50/70 text-emerald-900 hover:bg-emerald-100'
                      }`}
                      style={{ top: `${pos.top}%`, height: `${pos.height}%` }}
                    >
                      {t.freeSlot(slot.time)}
                    </button>
                  )
                })}
                {dayAppointments.map((a) => {
                  const pos = position(place(a.start, a.end, zone), range)
                  if (!pos) return null
                  const name = a.leadName ?? t.noLeadName
                  const time = formatTime(a.start, zone)
                  if (a.id === movingId) {
                    // Its current time, beside the slots it can move to (those overlapping it included).
                    return (
                      <div
                        key={a.id}
                        data-moving-appointment={a.id}
                        title={t.movingFrom(time, name)}
                        className="absolute end-1 w-2.5 rounded-full border border-blue-800 bg-blue-700/70"
                        style={{ top: `${pos.top}%`, height: `${pos.height}%` }}
                        aria-hidden="true"
                      />
                    )
                  }
                  return (
                    <button
                      key={a.id}
                      type="button"
                      onClick={() => onAppointment(a)}
                      aria-label={t.appointmentLabel(time, name)}
                      data-appointment={a.id}
                      className="absolute start-1 end-1 z-10 overflow-hidden rounded-md bg-blue-700 px-1.5 py-0.5 text-start text-xs text-white shadow-sm hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-900"
                      style={{ top: `${pos.top}%`, height: `${pos.height}%` }}
                    >
                      <span className="font-semibold tabular-nums">{time}</span> <bdi>{name}</bdi>
                      {a.title && <span className="block truncate opacity-90">{a.title}</span>}
                    </button>
                  )
                })}
              </section>
            )
          })}
        </div>
      </div>
    </div>
  )
}

