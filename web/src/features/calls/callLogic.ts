import { dayBoundaries, parseDay, showDay } from './dateRange'
import { callStatuses, type CallDirection, type CallStatus, type CallView, type TranscriptTurn } from './types'

/** The list's filters, as kept in the URL's query string. */
export interface CallFilters {
  direction: CallDirection | ''
  status: CallStatus | ''
  from: string
  to: string
}

/** A real calendar day written yyyy-MM-dd (the URL's form). */
function isDay(text: string): boolean {
  return parseDay(showDay(text)) === text
}

/** Reads the filters from a query string, dropping values the Api would refuse. */
export function filtersFromSearch(search: URLSearchParams): CallFilters {
  const direction = search.get('direction')
  const status = search.get('status')
  const from = search.get('from') ?? ''
  const to = search.get('to') ?? ''
  return {
    direction: direction === 'inbound' || direction === 'outbound' ? direction : '',
    status: status && (callStatuses as readonly string[]).includes(status) ? (status as CallStatus) : '',
    from: isDay(from) ? from : '',
    to: isDay(to) ? to : '',
  }
}

/** The query string of the filters (only those set). */
export function searchFromFilters(filters: CallFilters): URLSearchParams {
  const search = new URLSearchParams()
  if (filters.direction) search.set('direction', filters.direction)
  if (filters.status) search.set('status', filters.status)
  if (filters.from) search.set('from', filters.from)
  if (filters.to) search.set('to', filters.to)
  return search
}

/**
 * The list's Api path for the filters, optionally the page after `next`. The days go as the instants they begin and end
 * in the business's zone (`startedFrom`, `startedBefore`), so the browser's own zone never shifts them.
 */
export function listPath(filters: CallFilters, timeZone: string, next?: string | null, limit = 25): string {
  const search = new URLSearchParams()
  if (filters.direction) search.set('direction', filters.direction)
  if (filters.status) search.set('status', filters.status)
  const { startedFrom, startedBefore } = dayBoundaries(filters.from, filters.to, timeZone)
  if (startedFrom) search.set('startedFrom', startedFrom)
  if (startedBefore) search.set('startedBefore', startedBefore)
  search.set('limit', String(limit))
  if (next) search.set('next', next)
  return `/api/v1/calls?${search.toString()}`
}

export function hasFilters(filters: CallFilters): boolean {
  return Boolean(filters.direction || filters.status || filters.from || filters.to)
}

/** Whether a call belongs in the list under the filters (the Api's rules: direction, status, start within the days). */
export function matchesFilters(call: CallView, filters: CallFilters, timeZone: string): boolean {
  if (filters.direction && call.direction !== filters.direction) return false
  if (filters.status && call.status !== filters.status) return false
  if (filters.from || filters.to) {
    const { startedFrom, startedBefore } = dayBoundaries(filters.from, filters.to, timeZone)
    const started = new Date(call.startedAt).getTime()
    if (startedFrom && started < new Date(startedFrom).getTime()) return false
    if (startedBefore && started >= new Date(startedBefore).getTime()) return false
  }
  return true
}

function newestFirst(a: CallView, b: CallView): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/**
 * Applies a live change to the loaded list: a known call is replaced in place (unless the change is older than what is
 * shown); a new one that matches the filters is added in its place by start (new calls land at the top); one that no
 * longer matches the filters leaves. Returns the same array when nothing changed.
 */
export function applyLiveCall(
  items: CallView[],
  call: CallView,
  filters: CallFilters,
  timeZone: string,
  hasMore = false,
): CallView[] {
  const index = items.findIndex((c) => c.id === call.id)
  const matches = matchesFilters(call, filters, timeZone)
  if (index >= 0) {
    if ((items[index]?.version ?? 0) > call.version) return items
    if (!matches) return items.filter((c) => c.id !== call.id)
    const copy = items.slice()
    copy[index] = call
    return copy
  }
  if (!matches) return items
  // Older than the last loaded row: it belongs to a later page, which will show it.
  const last = items[items.length - 1]
  if (hasMore && last && newestFirst(call, last) > 0) return items
  return [...items, call].sort(newestFirst)
}

/** The turn being heard at `currentMs` of the recording: the last one that has started; -1 before the first. */
export function activeTurnIndex(turns: readonly TranscriptTurn[], currentMs: number): number {
  let active = -1
  for (let i = 0; i < turns.length; i++) {
    if ((turns[i]?.offsetMs ?? Infinity) <= currentMs) active = i
    else break
  }
  return active
}

/** Whether the turns carry places in the recording: all at 0 means the media host did not report any. */
export function turnsHaveOffsets(turns: readonly TranscriptTurn[]): boolean {
  return turns.some((t) => t.offsetMs > 0)
}

/** A position in the recording as `m:ss`. */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`
}

/** A latency in milliseconds for display: whole numbers, one decimal under 10 ms. */
export function formatMs(value: number): string {
  return value < 10 ? value.toFixed(1) : String(Math.round(value))
}

/** Whether the text reads right-to-left (has Hebrew letters). */
export function isHebrew(text: string): boolean {
  return /[\u0590-\u05FF]/.test(text)
}
