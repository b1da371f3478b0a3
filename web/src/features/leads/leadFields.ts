import { messages } from '../../messages'

export type LeadFieldType = 'text' | 'long_text' | 'number' | 'phone' | 'email' | 'select' | 'date' | 'boolean'

/** One of the business's lead fields, as its settings define it. */
export interface LeadFieldDefinition {
  key: string
  label: string
  type: LeadFieldType
  options?: string[] | null
  collectOnCall?: boolean
  /** Whether a lead must have a value; definitions without it are optional. */
  required?: boolean
}

export type FieldValues = Record<string, string>
export type FieldErrors = Record<string, string>

const numberPattern = /^-?[\d,\s]*\.?\d+\s*(₪|ש"ח)?$/
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const phonePattern = /^\+?[\d\s\-()]{7,20}$/
const datePattern = /^\d{4}-\d{2}-\d{2}$/

/** The form's starting values: the lead's stored value for every defined field, "" where it has none. */
export function fieldValuesOf(schema: LeadFieldDefinition[], stored: Record<string, string>): FieldValues {
  return Object.fromEntries(schema.map((f) => [f.key, stored[f.key] ?? '']))
}

/** What can be told before asking the Api: required values, and numbers, phones, e-mails, dates and options in shape. */
export function validateFields(schema: LeadFieldDefinition[], values: FieldValues): FieldErrors {
  const m = messages.leads.fields
  const errors: FieldErrors = {}
  for (const field of schema) {
    const value = (values[field.key] ?? '').trim()
    if (!value) {
      if (field.required) errors[field.key] = m.required(field.label)
      continue
    }
    const wrong =
      (field.type === 'number' && !numberPattern.test(value) && m.number) ||
      (field.type === 'phone' && !phonePattern.test(value) && m.phone) ||
      (field.type === 'email' && !emailPattern.test(value) && m.email) ||
      (field.type === 'date' && !datePattern.test(value) && m.date) ||
      (field.type === 'select' && !(field.options ?? []).includes(value) && m.option) ||
      (field.type === 'boolean' && value !== 'true' && value !== 'false' && m.option) ||
      null
    if (wrong) errors[field.key] = `${field.label}: ${wrong}`
  }
  return errors
}

/** The `fields` of a lead's PATCH: each defined field whose value changed, an emptied one as null (the Api removes it). */
export function fieldsPatch(original: FieldValues, values: FieldValues): Record<string, string | null> {
  const patch: Record<string, string | null> = {}
  for (const [key, raw] of Object.entries(values)) {
    const after = raw.trim()
    if (after === (original[key] ?? '').trim()) continue
    patch[key] = after === '' ? null : after
  }
  return patch
}

/** The Api's errors for lead fields (`fields.<key>`) by field key; the first message of each. */
export function fieldErrorsFromApi(apiErrors: Record<string, string[]>): FieldErrors {
  const errors: FieldErrors = {}
  for (const [key, texts] of Object.entries(apiErrors)) {
    const match = /^fields\.(.+)$/i.exec(key)
    if (match?.[1] && texts[0]) errors[match[1]] = texts[0]
  }
  return errors
}

/** A stored value as people read it: yes/no for booleans, dd/MM/yyyy for dates, thousands separators for numbers. */
export function displayValue(field: LeadFieldDefinition | undefined, value: string): string {
  if (!field) return value
  if (field.type === 'boolean') return value === 'true' ? messages.leads.fields.yes : value === 'false' ? messages.leads.fields.no : value
  if (field.type === 'date') {
    const m = datePattern.exec(value) && value.split('-')
    return m ? `${m[2]}/${m[1]}/${m[0]}` : value
  }
  if (field.type === 'number' && /^-?\d+(\.\d+)?$/.test(value)) {
    const [whole = '', fraction] = value.split('.')
    return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '')
  }
  return value
}
