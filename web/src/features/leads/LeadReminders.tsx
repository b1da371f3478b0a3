import { useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { ErrorState, Loading } from '../../components/PageState'
import { TextField } from '../../components/TextField'
import { ApiError } from '../../lib/api'
import { formatDateTime, zonedInstant } from '../../lib/datetime'
import { useApiQuery, useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { dueClasses, dueState } from '../tasks/due'
import { assigneeOptions } from './assignees'
import { ConfirmDialog } from '../../components/Dialog'
import { useAssignables } from './hooks'
import { validateReminder, type ReminderFormErrors, type ReminderFormValues } from './reminders'
import { leadPaths, type Reminder, type ReminderPage } from './types'

const t = messages.leads.reminders
const empty: ReminderFormValues = { text: '', day: '', time: '' }

/** The lead's reminders, earliest due first, overdue and due-today ones highlighted; set, complete, reopen, delete. */
export function LeadReminders({ leadId, onChanged }: { leadId: string; onChanged: () => void }) {
  const { client, session } = useAuth()
  const meId = session.kind === 'signed-in' ? session.user.id : null
  const zone = useTimeZone()
  const people = useAssignables()
  const [owner, setOwner] = useState('')
  const query = useApiQuery<ReminderPage>(`${leadPaths.reminders(leadId)}?limit=100`)
  const [values, setValues] = useState<ReminderFormValues>(empty)
  const [errors, setErrors] = useState<ReminderFormErrors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [working, setWorking] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<Reminder | null>(null)
  const [deleteError, setDeleteError] = useState<string | null>(null)
  const now = new Date()

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found = validateReminder(values)
    setErrors(found)
    setFailure(null)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    try {
      await client.post(leadPaths.reminders(leadId), {
        body: {
          text: values.text.trim(),
          dueAt: zonedInstant(values.day, values.time, zone).toISOString(),
          ...(owner ? { ownerUserId: owner } : {}),
        },
      })
      setValues(empty)
      query.reload()
      onChanged()
    } catch (error) {
      if (error instanceof ApiError) {
        const fe = error.fieldErrors
        setErrors({ text: fe.text?.[0], dueAt: fe.dueAt?.[0], ownerUserId: fe.ownerUserId?.[0] })
      }
      setFailure(error instanceof Error ? error.message : messages.errors.unexpected)
    } finally {
      setBusy(false)
    }
  }

  async function act(reminder: Reminder, action: 'complete' | 'reopen') {
    setWorking(reminder.id)
    setFailure(null)
    try {
      await client.post(`${leadPaths.reminder(reminder.id)}/${action}`)
      query.reload()
      onChanged()
    } catch (error) {
      setFailure(error instanceof Error ? error.message : messages.errors.unexpected)
    } finally {
      setWorking(null)
    }
  }

  async function remove() {
    if (!deleting) return
    setWorking(deleting.id)
    setDeleteError(null)
    try {
      await client.delete(leadPaths.reminder(deleting.id))
      setDeleting(null)
      query.reload()
      onChanged()
    } catch (error) {
      setDeleteError(error instanceof Error ? error.message : messages.errors.unexpected)
    } finally {
      setWorking(null)
    }
  }

  const items = query.data?.items ?? []

  return (
    <>
      <h2 id="lead-reminders" className="text-lg font-bold">
        {t.title}
      </h2>
      {query.status === 'loading' && <Loading />}
      {query.status === 'error' && <ErrorState error={query.error} onRetry={query.reload} />}
      {query.data && items.length === 0 && <p className="mt-2 text-slate-600">{t.empty}</p>}
      {items.length > 0 && (
        <ul className="mt-3 space-y-2" data-testid="lead-reminders">
          {items.map((r) => {
            const state = dueState(r.dueAt, now, zone, r.completedAt !== null)
            return (
              <li key={r.id} data-due={state ?? undefined} className={`rounded-lg border p-3 ${dueClasses(state)}`}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <p className={`min-w-0 break-words ${r.completedAt ? 'text-slate-500 line-through' : ''}`}>{r.text}</p>
                  {state === 'overdue' && <Badge className="bg-red-700 text-white">{t.overdue}</Badge>}
                  {state === 'today' && <Badge className="bg-amber-500 text-black">{t.today}</Badge>}
                  {r.completedAt && <Badge className="bg-green-700 text-white">{t.done}</Badge>}
                </div>
                <p className="mt-1 text-xs text-slate-600">
                  <time dateTime={r.dueAt} className="tabular-nums">
                    {formatDateTime(r.dueAt, zone)}
                  </time>
                  {r.ownerName && (
                    <>
                      {' · '}
                      <bdi>{t.owner(r.ownerName)}</bdi>
                    </>
                  )}
                </p>
                <div className="mt-2 flex flex-wrap gap-2">
                  {r.completedAt ? (
                    <Button className="!py-1 text-xs" disabled={working === r.id} onClick={() => act(r, 'reopen')}>
                      {t.reopen}
                    </Button>
                  ) : (
                    <Button className="!py-1 text-xs" disabled={working === r.id} onClick={() => act(r, 'complete')}>
                      {t.complete}
                    </Button>
                  )}
                  <Button
                    variant="ghost"
                    className="!py-1 text-xs"
                    onClick={() => {
                      setDeleteError(null)
                      setDeleting(r)
                    }}
                  >
                    {t.delete}
                  </Button>
                </div>
              </li>
            )
          })}
        </ul>
      )}

      <form noValidate onSubmit={submit} className="mt-4 space-y-3 border-t border-slate-100 pt-4">
        {failure && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            {failure}
          </p>
        )}
        <TextField
          id="reminder-text"
          label={t.text}
          value={values.text}
          onChange={(e) => setValues((v) => ({ ...v, text: e.target.value }))}
          error={errors.text}
        />
        <div className="grid grid-cols-2 gap-3">
          <TextField
            id="reminder-day"
            label={t.day}
            type="date"
            value={values.day}
            onChange={(e) => setValues((v) => ({ ...v, day: e.target.value }))}
            error={errors.dueAt}
          />
          <TextField
            id="reminder-time"
            label={t.time}
            type="time"
            value={values.time}
            onChange={(e) => setValues((v) => ({ ...v, time: e.target.value }))}
          />
        </div>
        <div>
          <label htmlFor="reminder-owner" className="block text-sm font-medium">
            {t.ownerLabel}
          </label>
          <select
            id="reminder-owner"
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
            aria-invalid={errors.ownerUserId ? true : undefined}
            aria-describedby={errors.ownerUserId ? 'reminder-owner-error' : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
          >
            <option value="">{t.ownerMe}</option>
            {assigneeOptions(people.filter((p) => p.id !== meId), null, meId).map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          {errors.ownerUserId && (
            <p id="reminder-owner-error" className="mt-1 text-sm text-red-700">
              {errors.ownerUserId}
            </p>
          )}
        </div>
        <div className="flex justify-end">
          <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
            {busy ? t.adding : t.add}
          </Button>
        </div>
      </form>

      <ConfirmDialog
        open={deleting !== null}
        title={t.deleteTitle}
        body={<p>{deleting ? t.deleteBody(deleting.text) : ''}</p>}
        confirmLabel={t.delete}
        busy={working !== null && working === deleting?.id}
        error={deleteError}
        onConfirm={remove}
        onCancel={() => setDeleting(null)}
      />
    </>
  )
}

function Badge({ className, children }: { className: string; children: string }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${className}`}>{children}</span>
}
