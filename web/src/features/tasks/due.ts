import { dayKey } from '../../lib/datetime'

export type DueState = 'overdue' | 'today' | 'upcoming'

/**
 * Where a due time stands on the business's calendar, as the Api places it: before now is overdue, from now to the
 * end of the business's day is today, later is upcoming. Finished items and undated ones have none.
 */
export function dueState(
  dueAt: string | null | undefined,
  now: Date,
  timeZone: string,
  finished = false,
): DueState | null {
  if (!dueAt || finished) return null
  const due = new Date(dueAt)
  if (Number.isNaN(due.getTime())) return null
  if (due.getTime() < now.getTime()) return 'overdue'
  return dayKey(due, timeZone) === dayKey(now, timeZone) ? 'today' : 'upcoming'
}

/** Highlight classes for a due state: overdue in red, due today in amber. */
export function dueClasses(state: DueState | null): string {
  if (state === 'overdue') return 'border-red-300 bg-red-50'
  if (state === 'today') return 'border-amber-300 bg-amber-50'
  return 'border-slate-200 bg-white'
}
