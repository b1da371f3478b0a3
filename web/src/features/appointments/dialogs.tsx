import { useState } from 'react'
import { Button } from '../../components/Button'
import { TextAreaField, TextField } from '../../components/TextField'
import { Phone } from '../../components/PageState'
import { ApiError } from '../../lib/api'
import { formatDateTime } from '../../lib/datetime'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { displayDate } from './calendar'
import { LeadSearch, type LeadOption } from './LeadSearch'
import { Modal } from '../../components/Dialog'
import { ProblemAlert } from '../../components/PageState'
import type { Appointment, Slot } from './types'

/** The first message the Api gave for a field, whichever case it names the field in. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined
  const key = Object.keys(error.fieldErrors).find((k) => k.toLowerCase() === field.toLowerCase())
  return key ? error.fieldErrors[key]?.[0] : undefined
}

/** Books a free slot: pick a lead (search), add a topic and notes. A refusal keeps everything typed. */
export function BookDialog({ slot, onClose, onBooked }: { slot: Slot; onClose: () => void; onBooked: (a: Appointment) => void }) {
  const t = messages.appointments.book
  const { client } = useAuth()
  const [lead, setLead] = useState<LeadOption | null>(null)
  const [title, setTitle] = useState('')
  const [notes, setNotes] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [leadMissing, setLeadMissing] = useState(false)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    if (!lead) {
      setLeadMissing(true)
      return
    }
    setBusy(true)
    setError(null)
    try {
      const booked = await client.post<Appointment>('/api/v1/appointments', {
        body: { leadId: lead.id, start: slot.start, title: title.trim() || null, notes: notes.trim() || null },
      })
      onBooked(booked)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const message = error instanceof Error ? error.message : null
  const titleError = fieldError(error, 'title')
  const notesError = fieldError(error, 'notes')
  return (
    <Modal title={t.title} onClose={onClose} testId="book-dialog">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <p className="font-medium tabular-nums">{t.when(displayDate(slot.date), slot.time)}</p>
        {lead ? (
          <div className="flex items-center justify-between gap-2 rounded-md border border-blue-200 bg-blue-50 px-3 py-2">
            <div className="min-w-0">
              <p className="text-xs text-slate-600">{t.chosenLead}</p>
              <p className="truncate font-semibold" data-testid="chosen-lead">
                <bdi>{lead.name ?? messages.appointments.noLeadName}</bdi>
              </p>
              <p className="text-sm">
                <Phone value={lead.phone} />
              </p>
            </div>
            <Button variant="ghost" onClick={() => setLead(null)}>
              {t.change}
            </Button>
          </div>
        ) : (
          <div>
            <LeadSearch
              label={t.leadSearch}
              autoFocus
              renderAction={(option) => (
                <Button
                  aria-label={t.pickLead(option.name ?? messages.appointments.noLeadName)}
                  onClick={() => {
                    setLead(option)
                    setLeadMissing(false)
                  }}
                >
                  {t.pick}
                </Button>
              )}
            />
            {(leadMissing || fieldError(error, 'leadId')) && (
              <p className="mt-1 text-sm text-red-700">{fieldError(error, 'leadId') ?? t.leadRequired}</p>
            )}
          </div>
        )}
        <TextField id="book-title" label={t.titleField} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} error={titleError} />
        <TextAreaField
          id="book-notes"
          label={t.notes}
          value={notes}
          rows={3}
          maxLength={2000}
          onChange={(e) => setNotes(e.target.value)}
          error={notesError}
        />
        <ProblemAlert message={message} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button onClick={onClose}>{messages.common.cancel}</Button>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? t.submitting : t.submit}
          </Button>
        </div>
      </form>
    </Modal>
  )
}

/** One appointment: its details, and the ways to move or cancel it. */
export function AppointmentDialog({
  appointment,
  zone,
  onClose,
  onReschedule,
  onCancel,
}: {
  appointment: Appointment
  zone: string
  onClose: () => void
  onReschedule: () => void
  onCancel: () => void
}) {
  const t = messages.appointments.details
  const rows: [string, React.ReactNode][] = [
    [t.lead, <bdi key="n">{appointment.leadName ?? messages.appointments.noLeadName}</bdi>],
    [t.phone, <Phone key="p" value={appointment.leadPhone} />],
    [t.when, <span key="w" className="tabular-nums">{formatDateTime(appointment.start, zone)}</span>],
  ]
  if (appointment.title) rows.push([t.topic, appointment.title])
  if (appointment.notes) rows.push([t.notes, <span key="x" className="whitespace-pre-wrap">{appointment.notes}</span>])
  return (
    <Modal title={t.title} onClose={onClose} testId="appointment-dialog">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <Button variant="danger" onClick={onCancel}>
          {t.cancel}
        </Button>
        <Button variant="primary" onClick={onReschedule}>
          {t.reschedule}
        </Button>
      </div>
    </Modal>
  )
}

/** Asks for the reason and confirms before cancelling: the time is freed at once. */
export function CancelDialog({
  appointment,
  zone,
  onClose,
  onCancelled,
}: {
  appointment: Appointment
  zone: string
  onClose: () => void
  onCancelled: () => void
}) {
  const t = messages.appointments.cancel
  const { client } = useAuth()
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [missing, setMissing] = useState(false)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    if (!reason.trim()) {
      setMissing(true)
      return
    }
    setBusy(true)
    setError(null)
    try {
      await client.post(`/api/v1/appointments/${appointment.id}/cancel`, { body: { reason: reason.trim() } })
      onCancelled()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const reasonError = fieldError(error, 'reason') ?? (missing ? t.reasonRequired : undefined)
  return (
    <Modal title={t.title} onClose={onClose} testId="cancel-dialog">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <p>{t.body(appointment.leadName ?? messages.appointments.noLeadName, formatDateTime(appointment.start, zone))}</p>
        <TextAreaField
          id="cancel-reason"
          label={t.reason}
          value={reason}
          rows={2}
          required
          onChange={(e) => {
            setReason(e.target.value)
            setMissing(false)
          }}
          error={reasonError}
        />
        <ProblemAlert message={error instanceof Error ? error.message : null} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button onClick={onClose}>{t.keep}</Button>
          <Button type="submit" variant="danger" disabled={busy}>
            {busy ? t.submitting : t.submit}
          </Button>
        </div>
      </form>
    </Modal>
  )
}

/** Confirms a move to the chosen free slot. */
export function RescheduleDialog({
  appointment,
  slot,
  zone,
  onClose,
  onMoved,
}: {
  appointment: Appointment
  slot: Slot
  zone: string
  onClose: () => void
  onMoved: () => void
}) {
  const t = messages.appointments.reschedule
  const { client } = useAuth()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function move() {
    setBusy(true)
    setError(null)
    try {
      await client.post(`/api/v1/appointments/${appointment.id}/reschedule`, {
        body: { start: slot.start, expectedVersion: appointment.version },
      })
      onMoved()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal title={t.confirmTitle} onClose={onClose} testId="reschedule-dialog">
      <p className="tabular-nums">{t.confirmBody(formatDateTime(appointment.start, zone), `${displayDate(slot.date)} ${slot.time}`)}</p>
      <div className="mt-3">
        <ProblemAlert message={error} />
      </div>
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <Button onClick={onClose}>{messages.common.cancel}</Button>
        <Button variant="primary" disabled={busy} onClick={move}>
          {busy ? t.submitting : t.submit}
        </Button>
      </div>
    </Modal>
  )
}
