import { useEffect, useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { ErrorState, Loading, PageHeader } from '../../components/PageState'
import { TextField } from '../../components/TextField'
import { messages } from '../../messages'
import { checkRange, errorFor, toInteger, type FieldErrors } from './forms'
import { Panel, SaveFeedback } from './ui'
import { useSettingsDocument, weekDays, type SettingsDocument, type WeekHours } from './useSettingsDocument'

const t = messages.settings.hours

export interface HoursForm {
  hours: WeekHours
  slotMinutes: string
  bufferMinutes: string
  minNoticeMinutes: string
  bookingWindowDays: string
}

export function hoursFormOf(s: SettingsDocument): HoursForm {
  return {
    hours: structuredClone(s.businessHours),
    slotMinutes: String(s.appointments.slotMinutes),
    bufferMinutes: String(s.appointments.bufferMinutes),
    minNoticeMinutes: String(s.appointments.minNoticeMinutes),
    bookingWindowDays: String(s.appointments.bookingWindowDays),
  }
}

export function validateHours(form: HoursForm): FieldErrors {
  const errors: FieldErrors = {}
  for (const day of weekDays) {
    form.hours[day].forEach((range, i) => {
      if (!range.open || !range.close || range.open >= range.close) errors[`businesshours.${day}[${i}]`] = t.rangeInvalid
    })
  }
  const ranges: [keyof HoursForm, string, number, number][] = [
    ['slotMinutes', 'appointments.slotminutes', 5, 240],
    ['bufferMinutes', 'appointments.bufferminutes', 0, 240],
    ['minNoticeMinutes', 'appointments.minnoticeminutes', 0, 20160],
    ['bookingWindowDays', 'appointments.bookingwindowdays', 1, 365],
  ]
  for (const [field, key, min, max] of ranges) {
    const problem = checkRange(String(form[field]), min, max)
    if (problem) errors[key] = problem
  }
  return errors
}

export default function HoursPage() {
  const { query, save, saveWith, clearSaved } = useSettingsDocument()
  const [form, setForm] = useState<HoursForm | null>(null)
  const [localErrors, setLocalErrors] = useState<FieldErrors>({})

  useEffect(() => {
    if (query.data) setForm(hoursFormOf(query.data.settings))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query.data?.version])

  if (!form) {
    return (
      <>
        <PageHeader title={t.title} />
        {query.status === 'error' ? <ErrorState error={query.error} onRetry={query.reload} /> : <Loading />}
      </>
    )
  }
  const errors = { ...save.fieldErrors, ...localErrors }
  const update = (next: HoursForm) => {
    clearSaved()
    setForm(next)
  }
  const setRange = (day: (typeof weekDays)[number], index: number, key: 'open' | 'close', value: string) => {
    const hours = { ...form.hours, [day]: form.hours[day].map((r, i) => (i === index ? { ...r, [key]: value } : r)) }
    update({ ...form, hours })
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const problems = validateHours(form!)
    setLocalErrors(problems)
    if (Object.keys(problems).length > 0) return
    await saveWith(
      (s) => ({
        ...s,
        businessHours: form!.hours,
        appointments: {
          ...s.appointments,
          slotMinutes: toInteger(form!.slotMinutes)!,
          bufferMinutes: toInteger(form!.bufferMinutes)!,
          minNoticeMinutes: toInteger(form!.minNoticeMinutes)!,
          bookingWindowDays: toInteger(form!.bookingWindowDays)!,
        },
      }),
      t.saved,
    )
  }

  return (
    <>
      <PageHeader title={t.title}>{t.intro}</PageHeader>
      <form onSubmit={submit} noValidate className="space-y-6">
        <Panel title={t.businessHours}>
          <ul className="divide-y divide-slate-100">
            {weekDays.map((day) => (
              <li key={day} className="flex flex-wrap items-start gap-3 py-3">
                <p className="w-16 shrink-0 pt-2 font-medium">{t.days[day]}</p>
                <div className="min-w-0 flex-1 space-y-2">
                  {form.hours[day].length === 0 && <p className="pt-2 text-sm text-slate-600">{t.closed}</p>}
                  {form.hours[day].map((range, i) => {
                    const error = errorFor(errors, `businessHours.${day}[${i}]`) ?? errorFor(errors, `businessHours.${day}`)
                    return (
                      <div key={i} className="flex flex-wrap items-end gap-2">
                        <label className="text-sm">
                          <span className="block">{t.opens}</span>
                          <input
                            type="time"
                            value={range.open}
                            aria-label={t.opensOn(t.days[day])}
                            aria-invalid={error ? true : undefined}
                            onChange={(e) => setRange(day, i, 'open', e.target.value)}
                            className="rounded-md border border-slate-300 px-2 py-1.5"
                          />
                        </label>
                        <label className="text-sm">
                          <span className="block">{t.closes}</span>
                          <input
                            type="time"
                            value={range.close}
                            aria-label={t.closesOn(t.days[day])}
                            aria-invalid={error ? true : undefined}
                            onChange={(e) => setRange(day, i, 'close', e.target.value)}
                            className="rounded-md border border-slate-300 px-2 py-1.5"
                          />
                        </label>
                        <Button
                          variant="ghost"
                          aria-label={t.removeRange(t.days[day])}
                          onClick={() => update({ ...form, hours: { ...form.hours, [day]: form.hours[day].filter((_, j) => j !== i) } })}
                        >
                          {t.remove}
                        </Button>
                        {error && <p className="w-full text-sm text-red-700">{error}</p>}
                      </div>
                    )
                  })}
                  <Button
                    variant="ghost"
                    aria-label={t.addRangeOn(t.days[day])}
                    onClick={() => update({ ...form, hours: { ...form.hours, [day]: [...form.hours[day], { open: '09:00', close: '17:00' }] } })}
                  >
                    {t.addRange}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </Panel>
        <Panel title={t.appointments}>
          <div className="grid gap-4 sm:grid-cols-2">
            {(
              [
                ['slotMinutes', 'appointments.slotMinutes', t.slotMinutes],
                ['bufferMinutes', 'appointments.bufferMinutes', t.bufferMinutes],
                ['minNoticeMinutes', 'appointments.minNoticeMinutes', t.minNoticeMinutes],
                ['bookingWindowDays', 'appointments.bookingWindowDays', t.bookingWindowDays],
              ] as const
            ).map(([field, key, label]) => (
              <TextField
                key={field}
                id={`hours-${field}`}
                label={label}
                inputMode="numeric"
                value={form[field]}
                onChange={(e) => update({ ...form, [field]: e.target.value })}
                error={errorFor(errors, key)}
              />
            ))}
          </div>
        </Panel>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={save.saving}>
            {save.saving ? messages.common.saving : messages.common.save}
          </Button>
          <SaveFeedback error={save.error} saved={save.saved} />
        </div>
      </form>
    </>
  )
}
