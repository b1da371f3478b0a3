import type { Lead, LeadBoard, LeadBoardColumn, LeadStatus } from './types'

/**
 * The board's columns in the business's status order: every status the business defines (empty ones too), then
 * any column of a status it no longer has, as the Api answered it.
 */
export function orderColumns(board: LeadBoard, statuses: readonly LeadStatus[]): LeadBoardColumn[] {
  const byStatus = new Map(board.columns.map((c) => [c.status, c]))
  const ordered: LeadBoardColumn[] = statuses.map(
    (s) =>
      byStatus.get(s.key) ?? {
        status: s.key,
        label: s.label,
        color: s.color,
        isDefault: Boolean(s.isDefault),
        isWon: Boolean(s.isWon),
        isLost: Boolean(s.isLost),
        isDefined: true,
        count: 0,
        leads: [],
      },
  )
  const known = new Set(statuses.map((s) => s.key))
  return [...ordered, ...board.columns.filter((c) => !known.has(c.status))]
}

/** Which column holds a lead now. */
export function columnOf(columns: readonly LeadBoardColumn[], leadId: string): string | null {
  return columns.find((c) => c.leads.some((l) => l.id === leadId))?.status ?? null
}

/**
 * The board after moving one lead to another status: it leaves its column and heads the new one (the board shows the
 * most recently updated first), and both counts follow. Moving to the column it is in, or an unknown lead or
 * column, leaves the board as it was (the same object).
 */
export function moveLead(columns: LeadBoardColumn[], leadId: string, toStatus: string): LeadBoardColumn[] {
  const from = columns.find((c) => c.leads.some((l) => l.id === leadId))
  const to = columns.find((c) => c.status === toStatus)
  if (!from || !to || from === to) return columns
  const lead = from.leads.find((l) => l.id === leadId) as Lead
  const moved: Lead = { ...lead, status: toStatus }
  return columns.map((c) => {
    if (c === from) return { ...c, count: Math.max(0, c.count - 1), leads: c.leads.filter((l) => l.id !== leadId) }
    if (c === to) return { ...c, count: c.count + 1, leads: [moved, ...c.leads] }
    return c
  })
}

/** The status with this key, or a neutral stand-in for a status the business no longer has. */
export function statusFor(statuses: readonly LeadStatus[], key: string): LeadStatus {
  return statuses.find((s) => s.key === key) ?? { key, label: key, color: '#6B7280' }
}

/** Black or white text, whichever reads better on the colour (WCAG relative luminance). */
export function textOn(hex: string): '#000000' | '#ffffff' {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim())
  if (!match) return '#000000'
  const n = parseInt(match[1] ?? '0', 16)
  const channel = (v: number) => {
    const s = v / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  const l = 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
  // Contrast with black (l+0.05)/0.05 against white 1.05/(l+0.05): equal at l ≈ 0.179.
  return l > 0.179 ? '#000000' : '#ffffff'
}

/**
 * A move shown before the Api confirms it, and how to take it back: `undo` puts the lead back where it was (its
 * column, its place, its status) on whatever the board has become meanwhile.
 */
export function optimisticMove(
  columns: LeadBoardColumn[],
  leadId: string,
  toStatus: string,
): { columns: LeadBoardColumn[]; from: string | null; undo: (current: LeadBoardColumn[]) => LeadBoardColumn[] } {
  const fromColumn = columns.find((c) => c.leads.some((l) => l.id === leadId))
  const moved = moveLead(columns, leadId, toStatus)
  if (!fromColumn || moved === columns) return { columns, from: fromColumn?.status ?? null, undo: (c) => c }
  const index = fromColumn.leads.findIndex((l) => l.id === leadId)
  const original = fromColumn.leads[index] as Lead
  return {
    columns: moved,
    from: fromColumn.status,
    undo: (current) =>
      current.map((c) => {
        if (c.status === toStatus && c.leads.some((l) => l.id === leadId))
          return { ...c, count: Math.max(0, c.count - 1), leads: c.leads.filter((l) => l.id !== leadId) }
        if (c.status === fromColumn.status && !c.leads.some((l) => l.id === leadId)) {
          const leads = [...c.leads]
          leads.splice(Math.min(index, leads.length), 0, original)
          return { ...c, count: c.count + 1, leads }
        }
        return c
      }),
  }
}

/**
 * The board after a further page of one column's leads: the ones it does not show yet go to its end, in the page's
 * order (the page may repeat leads the board already has, since the board and the list order differently).
 */
export function appendToColumn(columns: LeadBoardColumn[], status: string, page: readonly Lead[]): LeadBoardColumn[] {
  return columns.map((c) => {
    if (c.status !== status) return c
    const shown = new Set(c.leads.map((l) => l.id))
    const added = page.filter((l) => l.status === status && !shown.has(l.id))
    return added.length === 0 ? c : { ...c, leads: [...c.leads, ...added], count: Math.max(c.count, c.leads.length + added.length) }
  })
}
