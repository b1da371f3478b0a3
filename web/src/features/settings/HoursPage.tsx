import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/PageState'
import { dayKey } from '../../lib/datetime'
import { useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { errorFor, type FieldErrors } from './forms'
import {
  applyHours,
  hoursFormOf,
  maxDateOverrides,
  maxNoteLength,
  maxRangesPerDay,
  newOverrideKey,
  parseDate,
  rangeErrors,
  validateHours,
  weekDayOf,
  type HoursForm,
  type OverrideDraft,
} from './hours'
import { TextField } from '../../components/TextField'
import { Badge, Panel, SaveFeedback } from './ui'
import { useSettingsDocument, weekDays, type OpeningRange, type WeekHours } from './useSettingsDocument'

const t = messages.settings.hours

const timeInputClass =
  'mt-1 block w-24 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-center tabular-nums aria-invalid:border-red-500 focus-visible:outline-2 focus-visible:outline-blue-700'

/**
 * The hour ranges of one day or date: each with its opening and closing time and its errors, a way to remove it and
 * one to add another (up to the Api's limit). No ranges: closed.
 */
function RangesEditor({
  id,
  path,
  dayName,
  ranges,
  errors,
  onChange,
}: {
  id: string
  /** The Api's property path of the list (lower case), where its errors are keyed. */
  path: string
  dayName: string
  ranges: OpeningRange[]
  errors: FieldErrors
  onChange: (ranges: OpeningRange[]) => void
}) {
  const listError = errorFor(errors, path)
  const set = (index: number, key: keyof OpeningRange, value: string) =>
    onChange(ranges.map((r, i) => (i === index ? { ...r, [key]: value } : r)))
  return (
    <div className="min-w-0 flex-1 space-y-2">
      {ranges.length === 0 && <p className="pt-1 text-sm text-slate-600">{t.closed}</p>}
      {ranges.map((range, i) => {
        const problem = rangeErrors(errors, path, i)
        const messagesShown = [...new Set([problem.open, problem.close, problem.range].filter(Boolean))]
        const errorId = `${id}-${i}-error`
        return (
          <div key={i} role="group" aria-label={t.rangeLabel(dayName, i + 1)} className="flex flex-wrap items-end gap-2">
            <label className="text-sm">
              <span className="block">{t.opens}</span>
              <input
                id={`${id}-${i}-open`}
                type="text"
                inputMode="numeric"
                dir="ltr"
                placeholder="HH:mm"
                maxLength={5}
                value={range.open}
                aria-label={t.opensOn(dayName)}
                aria-invalid={problem.open || problem.range ? true : undefined}
                aria-describedby={messagesShown.length ? errorId : undefined}
                onChange={(e) => set(i, 'open', e.target.value)}
                className={timeInputClass}
              />
            </label>
            <span aria-hidden="true" className="pb-2 text-slate-500">
              –
            </span>
            <label className="text-sm">
              <span className="block">{t.closes}</span>
              <input
                id={`${id}-${i}-close`}
                type="text"
                inputMode="numeric"
                dir="ltr"
                placeholder="HH:mm"
                maxLength={5}
                value={range.close}
                aria-label={t.closesOn(dayName)}
                aria-invalid={problem.close || problem.range ? true : undefined}
                aria-describedby={messagesShown.length ? errorId : undefined}
                onChange={(e) => set(i, 'close', e.target.value)}
                className={timeInputClass}
              />
            </label>
            <Button variant="ghost" aria-label={t.removeRange(dayName)} onClick={() => onChange(ranges.filter((_, j) => j !== i))}>
              {t.remove}
            </Button>
            {messagesShown.length > 0 && (
              <p id={errorId} className="w-full text-sm text-red-700">
                {messagesShown.join(' · ')}
              </p>
            )}
          </div>
        )
      })}
      {listError && <p className="text-sm text-red-700">{listError}</p>}
      {ranges.length < maxRangesPerDay ? (
        <Button
          variant="ghost"
          aria-label={t.addRangeOn(dayName)}
          onClick={() => {
            const last = ranges[ranges.length - 1]
            // A second range starts where the first ends: a split day (a lunch break) is the usual reason for one.
            const next = last ? { open: last.close, close: last.close < '20:00' ? '20:00' : '24:00' } : { open: '09:00', close: '17:00' }
            onChange([...ranges, next])
            requestAnimationFrame(() => document.getElementById(`${id}-${ranges.length}-open`)?.focus())
          }}
        >
          {t.addRange}
        </Button>
      ) : (
        <p className="text-sm text-slate-600">{t.rangesFull(maxRangesPerDay)}</p>
      )}
    </div>
  )
}

/** A week's hours, Sunday first. */
function WeekEditor({
  id,
  path,
  hours,
  errors,
  dayName,
  onChange,
}: {
  id: string
  path: string
  hours: WeekHours
  errors: FieldErrors
  dayName: (day: (typeof weekDays)[number]) => string
  onChange: (hours: WeekHours) => void
}) {
  return (
    <ul className="divide-y divide-slate-100">
      {weekDays.map((day) => (
        <li key={day} data-day={day} className="flex flex-wrap items-start gap-3 py-3">
          <p className="w-16 shrink-0 pt-2 font-medium">{t.days[day]}</p>
          <RangesEditor
            id={`${id}-${day}`}
            path={`${path}.${day}`}
            dayName={dayName(day)}
            ranges={hours[day]}
            errors={errors}
            onChange={(ranges) => onChange({ ...hours, [day]: ranges })}
          />
        </li>
      ))}
    </ul>
  )
}

/** One date with its own hours: the date (dd/MM/yyyy, with its weekday once it is a date), its hours and a note. */
function OverrideEditor({
  draft,
  index,
  today,
  errors,
  onChange,
  onRemove,
}: {
  draft: OverrideDraft
  index: number
  today: string
  errors: FieldErrors
  onChange: (draft: OverrideDraft) => void
  onRemove: () => void
}) {
  const path = `appointments.dateoverrides[${index}]`
  const iso = parseDate(draft.date)
  const name = iso ? draft.date.trim() : t.newOverride
  const id = `override-${draft.key}`
  return (
    <li data-override={iso ?? ''} className="rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-start gap-4">
        <div className="w-44">
          <TextField
            id={`${id}-date`}
            label={t.overrideDate}
            inputMode="numeric"
            dir="ltr"
            placeholder="dd/MM/yyyy"
            value={draft.date}
            onChange={(e) => onChange({ ...draft, date: e.target.value })}
            hint={iso ? t.dayOf(t.days[weekDayOf(iso)]) : undefined}
            error={errorFor(errors, `${path}.date`)}
          />
          {iso && iso < today && (
            <p className="mt-1">
              <Badge>{t.past}</Badge>
            </p>
          )}
        </div>
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium">{draft.ranges.length === 0 ? t.closedAllDay : t.overrideHours}</p>
          <RangesEditor
            id={id}
            path={`${path}.ranges`}
            dayName={name}
            ranges={draft.ranges}
            errors={errors}
            onChange={(ranges) => onChange({ ...draft, ranges })}
          />
        </div>
      </div>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <TextField
            id={`${id}-note`}
            label={t.overrideNote}
            placeholder={t.overrideNotePlaceholder}
            maxLength={maxNoteLength + 20}
            value={draft.note}
            onChange={(e) => onChange({ ...draft, note: e.target.value })}
            error={errorFor(errors, `${path}.note`)}
          />
        </div>
        <Button variant="ghost" className="text-red-700" aria-label={t.removeOverride(name)} onClick={onRemove}>
          {t.remove}
        </Button>
      </div>
    </li>
  )
}

export default function HoursPage() {
  const { query, save, saveWith, clearSaved, resetSave } = useSettingsDocument()
  const zone = useTimeZone()
  const [form, setForm] = useState<HoursForm | null>(null)
  const [localErrors, setLocalErrors] = useState<FieldErrors>({})
  const [invalid, setInvalid] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)

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
  const errors: FieldErrors = { ...save.fieldErrors, ...localErrors }
  const today = dayKey(new Date(), zone)
  const update = (next: HoursForm) => {
    clearSaved()
    setForm(next)
  }
  /** A change that moves rows: the errors found before point at the old rows, so they go. */
  const restructure = (next: HoursForm) => {
    resetSave()
    setLocalErrors({})
    setInvalid(false)
    setForm(next)
  }

  function focusFirstInvalid() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const problems = validateHours(form!)
    setLocalErrors(problems)
    const hasProblems = Object.keys(problems).length > 0
    setInvalid(hasProblems)
    if (hasProblems) {
      resetSave()
      focusFirstInvalid()
      return
    }
    const saved = await saveWith((s) => applyHours(s, form!), t.saved)
    if (!saved) focusFirstInvalid()
  }

  const overridesError = errorFor(errors, 'appointments.dateoverrides')
  const workingHoursError = errorFor(errors, 'appointments.workinghours') ?? errorFor(errors, 'appointments')

  return (
    <>
      <PageHeader title={t.title}>{t.intro}</PageHeader>
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-6">
        <Panel title={t.businessHours} id="business-hours">
          <p className="mb-2 text-sm text-slate-600">{t.businessHoursIntro} {t.timeHint}</p>
          <WeekEditor
            id="hours"
            path="businesshours"
            hours={form.businessHours}
            errors={errors}
            dayName={(day) => t.days[day]}
            onChange={(businessHours) => update({ ...form, businessHours })}
          />
        </Panel>

        <Panel title={t.appointmentHours} id="appointment-hours">
          <p className="mb-3 text-sm text-slate-600">{t.appointmentHoursIntro}</p>
          <fieldset className="mb-2">
            <legend className="text-sm font-medium">{t.appointmentHoursChoice}</legend>
            <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
              {[false, true].map((separate) => (
                <label key={String(separate)} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="appointment-hours"
                    checked={form.separateAppointmentHours === separate}
                    onChange={() => {
                      const hadOwn = query.data?.settings.appointments.workingHours != null
                      update({
                        ...form,
                        separateAppointmentHours: separate,
                        // Separate hours start from the business hours as they are now, unless the business had its own.
                        workingHours: separate && !hadOwn ? structuredClone(form.businessHours) : form.workingHours,
                      })
                    }}
                    className="size-4 focus-visible:outline-2 focus-visible:outline-blue-700"
                  />
                  {separate ? t.separateHours : t.sameAsBusiness}
                </label>
              ))}
            </div>
          </fieldset>
          {workingHoursError && <p className="text-sm text-red-700">{workingHoursError}</p>}
          {form.separateAppointmentHours && (
            <WeekEditor
              id="appt"
              path="appointments.workinghours"
              hours={form.workingHours}
              errors={errors}
              dayName={(day) => t.appointmentDay(t.days[day])}
              onChange={(workingHours) => update({ ...form, workingHours })}
            />
          )}
        </Panel>

        <Panel
          title={t.overrides}
          id="date-overrides"
          actions={
            form.overrides.length < maxDateOverrides && (
              <Button
                onClick={() => {
                  const draft: OverrideDraft = { key: newOverrideKey(), date: '', ranges: [], note: '' }
                  restructure({ ...form, overrides: [...form.overrides, draft] })
                  requestAnimationFrame(() => document.getElementById(`override-${draft.key}-date`)?.focus())
                }}
              >
                {t.addOverride}
              </Button>
            )
          }
        >
          <p className="mb-3 text-sm text-slate-600">{t.overridesIntro}</p>
          {overridesError && <p className="mb-2 text-sm text-red-700">{overridesError}</p>}
          {form.overrides.length === 0 ? (
            <EmptyState title={t.overridesEmpty} body={t.overridesEmptyBody} />
          ) : (
            <ul className="space-y-3">
              {form.overrides.map((draft, i) => (
                <OverrideEditor
                  key={draft.key}
                  draft={draft}
                  index={i}
                  today={today}
                  errors={errors}
                  onChange={(next) => update({ ...form, overrides: form.overrides.map((o, j) => (j === i ? next : o)) })}
                  onRemove={() => restructure({ ...form, overrides: form.overrides.filter((_, j) => j !== i) })}
                />
              ))}
            </ul>
          )}
        </Panel>

        <Panel title={t.appointments} id="appointment-settings">
          <div className="grid gap-4 sm:grid-cols-2">
            {(
              [
                ['slotMinutes', 'appointments.slotMinutes', t.slotMinutes, t.slotHint],
                ['bufferMinutes', 'appointments.bufferMinutes', t.bufferMinutes, t.bufferHint],
                ['minNoticeMinutes', 'appointments.minNoticeMinutes', t.minNoticeMinutes, t.minNoticeHint],
                ['bookingWindowDays', 'appointments.bookingWindowDays', t.bookingWindowDays, t.bookingWindowHint],
              ] as const
            ).map(([field, key, label, hint]) => (
              <TextField
                key={field}
                id={`hours-${field}`}
                label={label}
                hint={hint}
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
          <SaveFeedback error={save.error ?? (invalid ? t.fixErrors : null)} saved={save.saved} />
        </div>
      </form>
    </>
  )
}
