import { ApiError } from '../../lib/api'
import { messages } from '../../messages'

/** Field → first Hebrew message, keyed by the Api's property path in lower case (e.g. `settings.silence.maxwarnings`). */
export type FieldErrors = Record<string, string>

/** The field errors of a failed save, keyed by their path in lower case with any prefix (such as `settings.`) removed. */
export function fieldErrorsOf(error: unknown, prefix = ''): FieldErrors {
  if (!(error instanceof ApiError)) return {}
  const result: FieldErrors = {}
  const start = prefix.toLowerCase()
  for (const [field, texts] of Object.entries(error.fieldErrors)) {
    let key = field.toLowerCase()
    if (start && key.startsWith(start)) key = key.slice(start.length)
    if (texts[0] && !(key in result)) result[key] = texts[0]
  }
  return result
}

/** The message for a field, matched without regard to case. */
export function errorFor(errors: FieldErrors, field: string): string | undefined {
  return errors[field.toLowerCase()]
}

/** The message shown for a failed save: the Api's Hebrew detail, or a general one. */
export function saveErrorMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : messages.errors.unexpected
}

/** A whole number from a form field, or null when the field is empty or not a number. */
export function toInteger(value: string): number | null {
  const trimmed = value.trim()
  if (!/^-?\d+$/.test(trimmed)) return null
  return Number.parseInt(trimmed, 10)
}

/** Checks a whole-number field against its range; the Hebrew message when it is out, otherwise undefined. */
export function checkRange(value: string, min: number, max: number): string | undefined {
  const number = toInteger(value)
  if (number === null || number < min || number > max) return messages.settings.form.range(min, max)
  return undefined
}

/** True when the text looks like an https address. */
export function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value.trim()).protocol === 'https:'
  } catch {
    return false
  }
}
