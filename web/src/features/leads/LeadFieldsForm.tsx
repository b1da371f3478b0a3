import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import { Button } from '../../components/Button'
import { ApiError } from '../../lib/api'
import { Notice } from '../../components/PageState'
import { messages } from '../../messages'
import { useAuth } from '../auth/AuthProvider'
import {
  displayValue,
  fieldErrorsFromApi,
  fieldsPatch,
  fieldValuesOf,
  validateFields,
  type FieldErrors,
  type FieldValues,
  type LeadFieldDefinition,
} from './leadFields'
import { leadPaths, type Lead } from './types'

const t = messages.leads.fields
const control =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-start shadow-sm aria-invalid:border-red-500'

/**
 * The details the business collects about a lead, editable as its field definitions say (type, options, required);
 * values the business no longer defines are shown as they are. A failed save keeps the input and puts the Api's
 * messages on their fields.
 */
export function LeadFieldsForm({
  lead,
  schema,
  onSaved,
}: {
  lead: Lead
  schema: LeadFieldDefinition[]
  onSaved: (lead: Lead) => void
}) {
  const { client } = useAuth()
  const original = fieldValuesOf(schema, lead.fields)
  const [values, setValues] = useState<FieldValues>(original)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [flash, setFlash] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const schemaKey = schema.map((f) => f.key).join('|')

  // The schema arrives after the lead: start from the stored values once it does.
  useEffect(() => {
    setValues(fieldValuesOf(schema, lead.fields))
  }, [schemaKey])

  const undefinedKeys = Object.keys(lead.fields).filter((k) => !schema.some((f) => f.key === k))

  async function submit(event: FormEvent) {
    event.preventDefault()
    setFlash(null)
    const found = validateFields(schema, values)
    setErrors(found)
    if (Object.keys(found).length > 0) {
      setFlash({ kind: 'error', text: Object.values(found)[0] ?? messages.errors.badRequest })
      return
    }
    const fields = fieldsPatch(original, values)
    if (Object.keys(fields).length === 0) {
      setFlash({ kind: 'ok', text: messages.leads.page.noChanges })
      return
    }
    setBusy(true)
    try {
      const saved = await client.patch<Lead>(leadPaths.lead(lead.id), { body: { fields, expectedVersion: lead.version } })
      setValues(fieldValuesOf(schema, saved.fields))
      onSaved(saved)
      setFlash({ kind: 'ok', text: t.saved })
    } catch (error) {
      setErrors(error instanceof ApiError ? fieldErrorsFromApi(error.fieldErrors) : {})
      setFlash({ kind: 'error', text: error instanceof Error ? error.message : messages.errors.unexpected })
    } finally {
      setBusy(false)
    }
  }

  const set = (key: string) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }))

  return (
    <form noValidate onSubmit={submit} aria-labelledby="lead-fields-title" className="mt-4 border-t border-slate-100 pt-4">
      <h3 id="lead-fields-title" className="text-sm font-semibold">
        {t.title}
      </h3>
      {schema.length === 0 && undefinedKeys.length === 0 && <p className="mt-1 text-sm text-slate-600">{t.none}</p>}
      {schema.length > 0 && (
        <div className="mt-2 grid gap-4 sm:grid-cols-2">
          {schema.map((field) => (
            <FieldControl key={field.key} field={field} value={values[field.key] ?? ''} error={errors[field.key]} onChange={set(field.key)} />
          ))}
        </div>
      )}
      {undefinedKeys.length > 0 && (
        <div className="mt-3">
          <h4 className="text-xs font-semibold text-slate-600">{t.notDefined}</h4>
          <dl className="mt-1 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
            {undefinedKeys.map((key) => (
              <div key={key}>
                <dt className="inline text-slate-600">
                  <bdi>{key}</bdi>:{' '}
                </dt>
                <dd className="inline">
                  <bdi>{lead.fields[key]}</bdi>
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      <Notice notice={flash} className="mt-3" />
      {schema.length > 0 && (
        <div className="mt-4 flex justify-end">
          <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
            {busy ? messages.common.saving : t.save}
          </Button>
        </div>
      )}
    </form>
  )
}

function FieldControl({
  field,
  value,
  error,
  onChange,
}: {
  field: LeadFieldDefinition
  value: string
  error?: string
  onChange: (e: { target: { value: string } }) => void
}) {
  const id = `lead-field-${field.key}`
  const errorId = `${id}-error`
  const common = {
    id,
    value,
    onChange,
    required: field.required || undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    className: control,
  }
  let input: ReactNode
  switch (field.type) {
    case 'long_text':
      input = <textarea rows={3} {...common} />
      break
    case 'select':
    case 'boolean': {
      const options =
        field.type === 'boolean'
          ? [
              { value: 'true', label: t.yes },
              { value: 'false', label: t.no },
            ]
          : (field.options ?? []).map((o) => ({ value: o, label: o }))
      if (value && !options.some((o) => o.value === value)) options.push({ value, label: displayValue(field, value) })
      input = (
        <select {...common}>
          <option value="">{t.choose}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )
      break
    }
    case 'number':
      input = <input type="text" inputMode="decimal" dir="ltr" autoComplete="off" {...common} />
      break
    case 'phone':
      input = <input type="tel" dir="ltr" autoComplete="off" {...common} />
      break
    case 'email':
      input = <input type="email" dir="ltr" autoComplete="off" {...common} />
      break
    case 'date':
      input = <input type="date" {...common} />
      break
    default:
      input = <input type="text" autoComplete="off" {...common} />
  }
  return (
    <div className={field.type === 'long_text' ? 'sm:col-span-2' : undefined}>
      <label htmlFor={id} className="block text-sm font-medium">
        {field.label}
        {field.required && <span className="ms-1 text-xs text-slate-500">{t.requiredMark}</span>}
      </label>
      {input}
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  )
}
