import { useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { TextField } from '../../components/TextField'
import { ApiError } from '../../lib/api'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import { FormDialog } from '../../components/Dialog'
import { createBody, fieldErrorsFrom, validateLeadForm, type LeadFormErrors, type LeadFormValues } from './leadForm'
import { leadPaths, type Lead } from './types'

const t = messages.leads.form
const empty: LeadFormValues = { name: '', phone: '', email: '' }

/** A new lead: name, phone, e-mail; the form keeps its input when the Api refuses it and shows why on each field. */
export function CreateLeadDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean
  onClose: () => void
  onCreated: (lead: Lead) => void
}) {
  const { client } = useAuth()
  const [values, setValues] = useState<LeadFormValues>(empty)
  const [errors, setErrors] = useState<LeadFormErrors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  function close() {
    setValues(empty)
    setErrors({})
    setFailure(null)
    onClose()
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found = validateLeadForm(values)
    setErrors(found)
    setFailure(null)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    try {
      const lead = await client.post<Lead>(leadPaths.list, { body: createBody(values) })
      setValues(empty)
      onCreated(lead)
    } catch (error) {
      const apiError = error instanceof ApiError ? error : null
      setErrors(apiError ? fieldErrorsFrom(apiError.fieldErrors) : {})
      setFailure(error instanceof Error ? error.message : messages.errors.unexpected)
    } finally {
      setBusy(false)
    }
  }

  const set = (key: keyof LeadFormValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }))

  return (
    <FormDialog open={open} title={t.createTitle} onClose={close}>
      <form noValidate onSubmit={submit} className="space-y-4">
        {failure && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            {failure}
          </p>
        )}
        <TextField id="new-lead-name" label={t.name} value={values.name} onChange={set('name')} error={errors.name} autoComplete="off" />
        <TextField
          id="new-lead-phone"
          label={t.phone}
          type="tel"
          dir="ltr"
          value={values.phone}
          onChange={set('phone')}
          error={errors.phone}
          autoComplete="off"
        />
        <TextField
          id="new-lead-email"
          label={t.email}
          type="email"
          dir="ltr"
          value={values.email}
          onChange={set('email')}
          error={errors.email}
          autoComplete="off"
        />
        <div className="flex justify-end gap-2">
          <Button onClick={close}>{messages.common.cancel}</Button>
          <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
            {busy ? t.creating : t.create}
          </Button>
        </div>
      </form>
    </FormDialog>
  )
}
