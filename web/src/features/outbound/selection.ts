/** How many leads one start may call (the Api refuses more). */
export const maxLeads = 3

export interface Selectable {
  id: string
}

/** Adds a lead unless it is already chosen or the selection is full; the same array when nothing changes. */
export function addLead<T extends Selectable>(selection: T[], lead: T): T[] {
  if (selection.some((l) => l.id === lead.id) || selection.length >= maxLeads) return selection
  return [...selection, lead]
}

export function removeLead<T extends Selectable>(selection: T[], id: string): T[] {
  return selection.filter((l) => l.id !== id)
}

export function isFull(selection: Selectable[]): boolean {
  return selection.length >= maxLeads
}

/** Final call statuses: once every watched call has one, watching stops. */
const finalStatuses = new Set(['completed', 'busy', 'no_answer', 'failed', 'canceled', 'rejected'])

export function isFinal(status: string): boolean {
  return finalStatuses.has(status)
}

export interface WatchedCall {
  callId: string | null
  leadId: string
  leadName: string | null
  status: string
  error: string | null
  isLive?: boolean
  durationSeconds?: number | null
}

/** Whether any started call may still change, so polling goes on. */
export function stillRunning(calls: WatchedCall[]): boolean {
  return calls.some((c) => c.callId !== null && !isFinal(c.status) && c.isLive !== false)
}

/** A change of one call from the live feed, applied to the calls being watched; the same array when it is none of them. */
export function applyCallUpdate(
  calls: WatchedCall[],
  update: { id: string; status: string; isLive: boolean; durationSeconds: number | null },
): WatchedCall[] {
  if (!calls.some((c) => c.callId === update.id)) return calls
  return calls.map((c) =>
    c.callId === update.id ? { ...c, status: update.status, isLive: update.isLive, durationSeconds: update.durationSeconds } : c,
  )
}
