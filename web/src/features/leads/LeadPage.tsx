import { useEffect, useState, type FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { Button } from '../../components/Button'
import { ErrorState, Loading, Notice, PageHeader, Phone } from '../../components/PageState'
import { TextField } from '../../components/TextField'
import { ApiError } from '../../lib/api'
import { formatDateTime } from '../../lib/datetime'
import { useApiQuery, useTimeZone } from '../../lib/useApiQuery'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { assigneeOptions } from './assignees'
import { statusFor } from './board'
import { ConfirmDialog } from '../../components/Dialog'
import { useAssignables, useCanDeleteLeads, useLeadFields, useLeadStatuses } from './hooks'
import { LeadFieldsForm } from './LeadFieldsForm'
import { fieldErrorsFrom, patchBody, validateLeadForm, type LeadFormErrors, type LeadFormValues } from './leadForm'
import { LeadActivity, LeadAppointments, LeadCalls } from './LeadRelated'
import { leadName } from './LeadsTable'
import { LeadNotes } from './LeadNotes'
import { LeadReminders } from './LeadReminders'
import { StatusPill } from './StatusPill'
import { leadPaths, type Lead } from './types'

const t = messages.leads.page

const card = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5'

/** /leads/:id: the lead's details, status and assignee, then its notes, reminders, activity, calls and appointments. */
export function LeadPage() {
  const { id = '' } = useParams()
  const query = useApiQuery<Lead>(leadPaths.lead(id))
  const [lead, setLead] = useState<Lead | null>(null)
  const [activityKey, setActivityKey] = useState(0)

  useEffect(() => {
    if (query.status === 'ready') setLead(query.data)
  }, [query.status, query.data])

  if (query.status === 'error' && !lead) {
    return (
      <>
        <BackLink />
        <ErrorState
          error={query.error instanceof ApiError && query.error.status === 404 ? new Error(t.notFound) : query.error}
          onRetry={query.reload}
        />
      </>
    )
  }
  if (!lead) return <Loading />

  const changed = (next: Lead) => {
    setLead(next)
    setActivityKey((k) => k + 1)
  }
  const touched = () => setActivityKey((k) => k + 1)

  return (
    <>
      <BackLink />
      <PageHeader title={leadName(lead)} actions={<DeleteLead lead={lead} />}>
        <Phone value={lead.phone} />
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="lead-details" className={`${card} lg:col-span-2`}>
          <h2 id="lead-details" className="text-lg font-bold">
            {t.details}
          </h2>
          <StatusAndAssignee lead={lead} onChanged={changed} />
          <DetailsForm lead={lead} onSaved={changed} />
          <CollectedFields lead={lead} onSaved={changed} />
        </section>
        <section aria-labelledby="lead-notes" className={`${card} lg:col-span-2`}>
          <LeadNotes leadId={lead.id} onChanged={touched} />
        </section>
        <section aria-labelledby="lead-reminders" className={card}>
          <LeadReminders leadId={lead.id} onChanged={touched} />
        </section>
        <section aria-labelledby="lead-activity" className={card}>
          <LeadActivity leadId={lead.id} refreshKey={activityKey} />
        </section>
        <section aria-labelledby="lead-calls" className={card}>
          <LeadCalls leadId={lead.id} />
        </section>
        <section aria-labelledby="lead-appointments" className={card}>
          <LeadAppointments leadId={lead.id} />
        </section>
      </div>
    </>
  )
}

function BackLink() {
  return (
    <Link to="/leads" className="mb-3 inline-block text-sm font-medium text-blue-800 hover:underline">
      <span aria-hidden="true">→ </span>
      {t.back}
    </Link>
  )
}

function StatusAndAssignee({ lead, onChanged }: { lead: Lead; onChanged: (lead: Lead) => void }) {
  const { client, session } = useAuth()
  const zone = useTimeZone()
  const { statuses } = useLeadStatuses()
  const people = useAssignables()
  const me = session.kind === 'signed-in' ? session.user : null
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)

  async function changeStatus(status: string) {
    setBusy(true)
    setMessage(null)
    try {
      await client.post(leadPaths.status(lead.id), { body: { status, expectedVersion: lead.version } })
      onChanged(await client.get<Lead>(leadPaths.lead(lead.id)))
      setMessage({ kind: 'ok', text: t.statusSaved })
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : messages.errors.unexpected })
    } finally {
      setBusy(false)
    }
  }

  async function changeAssignee(userId: string) {
    setBusy(true)
    setMessage(null)
    try {
      onChanged(await client.put<Lead>(leadPaths.assignee(lead.id), { body: { userId: userId || null } }))
      setMessage({ kind: 'ok', text: t.assigneeSaved })
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : messages.errors.unexpected })
    } finally {
      setBusy(false)
    }
  }

  const options = assigneeOptions(people, { id: lead.assigneeUserId, name: lead.assigneeName }, me?.id ?? null)
  const current = statusFor(statuses, lead.status)
  const selectClass = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base'

  return (
    <div className="mt-3">
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="lead-status" className="flex items-center gap-2 text-sm font-medium">
            {t.status} <StatusPill status={current} />
          </label>
          <select id="lead-status" value={lead.status} disabled={busy} onChange={(e) => changeStatus(e.target.value)} className={selectClass}>
            {!statuses.some((s) => s.key === lead.status) && <option value={lead.status}>{current.label}</option>}
            {statuses.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="lead-assignee" className="block text-sm font-medium">
            {t.assignee}
          </label>
          <select
            id="lead-assignee"
            value={lead.assigneeUserId ?? ''}
            disabled={busy}
            onChange={(e) => changeAssignee(e.target.value)}
            className={selectClass}
          >
            <option value="">{t.nobody}</option>
            {options.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={`mt-2 text-sm ${message.kind === 'error' ? 'text-red-800' : 'text-green-800'}`}
        >
          {message.text}
        </p>
      )}
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm text-slate-600 sm:grid-cols-3">
        <div>
          <dt className="inline">{t.source}: </dt>
          <dd className="inline">{messages.leads.sources[lead.source] ?? lead.source}</dd>
        </div>
        <div>
          <dt className="inline">{t.created}: </dt>
          <dd className="inline tabular-nums">{formatDateTime(lead.capturedAt, zone)}</dd>
        </div>
        <div>
          <dt className="inline">{t.updated}: </dt>
          <dd className="inline tabular-nums">{formatDateTime(lead.updatedAt, zone)}</dd>
        </div>
      </dl>
    </div>
  )
}

function CollectedFields({ lead, onSaved }: { lead: Lead; onSaved: (lead: Lead) => void }) {
  const { status, error, reload, fields } = useLeadFields()
  if (status === 'loading') return <Loading />
  if (status === 'error') return <ErrorState error={error} onRetry={reload} />
  return <LeadFieldsForm lead={lead} schema={fields} onSaved={onSaved} />
}

function valuesOf(lead: Lead): LeadFormValues {
  return { name: lead.name ?? '', phone: lead.phone ?? '', email: lead.email ?? '' }
}

function DetailsForm({ lead, onSaved }: { lead: Lead; onSaved: (lead: Lead) => void }) {
  const { client } = useAuth()
  const [values, setValues] = useState<LeadFormValues>(() => valuesOf(lead))
  const [errors, setErrors] = useState<LeadFormErrors>({})
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const original = valuesOf(lead)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setMessage(null)
    const found = validateLeadForm(values, { requireNameOrPhone: false })
    if (original.name && !values.name.trim()) found.name = messages.leads.form.nameRequired
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const body = patchBody(original, values)
    if (Object.keys(body).length === 0) {
      setMessage({ kind: 'ok', text: t.noChanges })
      return
    }
    setBusy(true)
    try {
      const saved = await client.patch<Lead>(leadPaths.lead(lead.id), { body: { ...body, expectedVersion: lead.version } })
      setValues(valuesOf(saved))
      onSaved(saved)
      setMessage({ kind: 'ok', text: t.detailsSaved })
    } catch (error) {
      setErrors(error instanceof ApiError ? fieldErrorsFrom(error.fieldErrors) : {})
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : messages.errors.unexpected })
    } finally {
      setBusy(false)
    }
  }

  const set = (key: keyof LeadFormValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }))
  const f = messages.leads.form

  return (
    <form noValidate onSubmit={submit} className="mt-4 border-t border-slate-100 pt-4">
      <Notice notice={message} className="mb-3" />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField id="lead-name" label={f.name} value={values.name} onChange={set('name')} error={errors.name} autoComplete="off" />
        <TextField id="lead-phone" label={f.phone} type="tel" dir="ltr" value={values.phone} onChange={set('phone')} error={errors.phone} autoComplete="off" />
        <TextField id="lead-email" label={f.email} type="email" dir="ltr" value={values.email} onChange={set('email')} error={errors.email} autoComplete="off" />
      </div>
      <div className="mt-4 flex justify-end">
        <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
          {busy ? messages.common.saving : messages.common.save}
        </Button>
      </div>
    </form>
  )
}

function DeleteLead({ lead }: { lead: Lead }) {
  const { client } = useAuth()
  const navigate = useNavigate()
  const canDelete = useCanDeleteLeads()
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!canDelete) return null

  async function remove() {
    setBusy(true)
    setError(null)
    try {
      await client.delete(leadPaths.lead(lead.id))
      navigate('/leads', { replace: true })
    } catch (e) {
      setError(e instanceof Error ? e.message : messages.errors.unexpected)
      setBusy(false)
    }
  }

  return (
    <>
      <Button variant="danger" onClick={() => { setError(null); setOpen(true) }}>
        {t.deleteLead}
      </Button>
      <ConfirmDialog
        open={open}
        title={t.deleteTitle}
        body={<p>{t.deleteBody(leadName(lead))}</p>}
        confirmLabel={t.deleteLead}
        busy={busy}
        error={error}
        onConfirm={remove}
        onCancel={() => setOpen(false)}
      />
    </>
  )
}
