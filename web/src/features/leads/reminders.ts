import { messages } from '../../messages'

export interface ReminderFormValues {
  text: string
  day: string
  time: string
}

export type ReminderFormErrors = Partial<Record<'text' | 'dueAt' | 'ownerUserId', string>>

/** A reminder needs its text and both a day and a time. */
export function validateReminder(values: ReminderFormValues): ReminderFormErrors {
  const errors: ReminderFormErrors = {}
  if (!values.text.trim()) errors.text = messages.leads.reminders.textRequired
  if (!values.day || !values.time) errors.dueAt = messages.leads.reminders.dueRequired
  return errors
}
