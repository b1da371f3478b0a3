import { zonedInstant } from '../../lib/datetime'
import { messages } from '../../messages'
import { maxDescriptionLength, maxTitleLength, type TaskFormErrors, type TaskFormValues } from './taskBoard'

/** A due time is a day and a time together, or neither. */
export function validateTaskForm(values: TaskFormValues): TaskFormErrors {
  const errors: TaskFormErrors = {}
  const title = values.title.trim()
  if (!title) errors.title = messages.tasks.form.titleRequired
  else if (title.length > maxTitleLength) errors.title = messages.tasks.form.titleTooLong(maxTitleLength)
  if (values.description.length > maxDescriptionLength)
    errors.description = messages.tasks.form.descriptionTooLong(maxDescriptionLength)
  if (Boolean(values.dueDay) !== Boolean(values.dueTime)) errors.dueAt = messages.tasks.form.dueIncomplete
  return errors
}

/** The due time as an instant in the business's zone (ISO, UTC), or null when none was given. */
export function dueAtFrom(day: string, time: string, timeZone: string): string | null {
  if (!day || !time) return null
  return zonedInstant(day, time, timeZone).toISOString()
}

/** The body of `POST /api/v1/tasks` and `PUT /api/v1/tasks/{id}`: empty choices are sent as null. */
export function taskBody(values: TaskFormValues, timeZone: string) {
  return {
    title: values.title.trim(),
    description: values.description.trim() || null,
    dueAt: dueAtFrom(values.dueDay, values.dueTime, timeZone),
    assigneeUserId: values.assigneeUserId || null,
    leadId: values.leadId || null,
  }
}

/** The Api's field errors on the form's fields. */
export function taskFieldErrors(apiErrors: Record<string, string[]>): TaskFormErrors {
  const errors: TaskFormErrors = {}
  for (const [key, texts] of Object.entries(apiErrors)) {
    const field = key.charAt(0).toLowerCase() + key.slice(1)
    if ((field === 'title' || field === 'dueAt' || field === 'description') && texts[0]) errors[field] = texts[0]
  }
  return errors
}
