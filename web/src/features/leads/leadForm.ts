import { messages } from '../../messages'

export interface LeadFormValues {
  name: string
  phone: string
  email: string
}

export type LeadFormErrors = Partial<Record<keyof LeadFormValues, string>>

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const phonePattern = /^\+?[\d\s\-()]{7,20}$/

/** What can be told before asking the Api: a name or a phone, and a phone and e-mail of the right shape. */
export function validateLeadForm(values: LeadFormValues, { requireNameOrPhone = true } = {}): LeadFormErrors {
  const errors: LeadFormErrors = {}
  const name = values.name.trim()
  const phone = values.phone.trim()
  const email = values.email.trim()
  if (requireNameOrPhone && !name && !phone) errors.name = messages.leads.form.nameOrPhone
  if (phone && !phonePattern.test(phone)) errors.phone = messages.leads.form.phoneInvalid
  if (email && !emailPattern.test(email)) errors.email = messages.leads.form.emailInvalid
  return errors
}

/** The body of `POST /api/v1/leads`: empty fields are left out. */
export function createBody(values: LeadFormValues): Record<string, string> {
  const body: Record<string, string> = {}
  for (const key of ['name', 'phone', 'email'] as const) {
    const value = values[key].trim()
    if (value) body[key] = value
  }
  return body
}

/**
 * The body of `PATCH /api/v1/leads/{id}`: only what changed. An emptied e-mail is sent as "" (the Api removes it);
 * the name and phone cannot be emptied, so an emptied one is not sent and the form says so before.
 */
export function patchBody(
  original: LeadFormValues,
  values: LeadFormValues,
): Partial<Record<keyof LeadFormValues, string>> {
  const body: Partial<Record<keyof LeadFormValues, string>> = {}
  for (const key of ['name', 'phone', 'email'] as const) {
    const before = original[key].trim()
    const after = values[key].trim()
    if (after === before) continue
    if (after === '' && key !== 'email') continue
    body[key] = after
  }
  return body
}

/** The Api's field errors (keyed by its property names, any case) on the form's fields; the first message of each. */
export function fieldErrorsFrom(apiErrors: Record<string, string[]>): LeadFormErrors {
  const errors: LeadFormErrors = {}
  for (const [key, texts] of Object.entries(apiErrors)) {
    const field = key.charAt(0).toLowerCase() + key.slice(1)
    if ((field === 'name' || field === 'phone' || field === 'email') && texts[0]) errors[field] = texts[0]
  }
  return errors
}
