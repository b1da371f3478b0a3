/** A lead status as the settings hold it. */
export interface LeadStatus {
  key: string
  label: string
  color: string
  isDefault?: boolean
  isWon?: boolean
  isLost?: boolean
}

export type StatusAction =
  | { type: 'reset'; statuses: LeadStatus[] }
  | { type: 'add'; label: string; color: string }
  | { type: 'rename'; index: number; label: string }
  | { type: 'color'; index: number; color: string }
  | { type: 'move'; from: number; to: number }
  | { type: 'remove'; index: number }
  | { type: 'makeDefault'; index: number }

/** The list with the item at `from` moved to `to` (both clamped to the list); the same list when nothing moves. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, to))
  if (from < 0 || from >= list.length || from === target) return [...list]
  const next = [...list]
  const [item] = next.splice(from, 1)
  next.splice(target, 0, item as T)
  return next
}

/** A key for a new status that no other status has: `status_1`, `status_2`, … */
export function newStatusKey(statuses: readonly LeadStatus[]): string {
  const taken = new Set(statuses.map((s) => s.key))
  let n = statuses.length + 1
  while (taken.has(`status_${n}`)) n++
  return `status_${n}`
}

export function statusesReducer(statuses: LeadStatus[], action: StatusAction): LeadStatus[] {
  switch (action.type) {
    case 'reset':
      return action.statuses
    case 'add':
      return [...statuses, { key: newStatusKey(statuses), label: action.label.trim(), color: action.color }]
    case 'rename':
      return statuses.map((s, i) => (i === action.index ? { ...s, label: action.label } : s))
    case 'color':
      return statuses.map((s, i) => (i === action.index ? { ...s, color: action.color } : s))
    case 'move':
      return moveItem(statuses, action.from, action.to)
    case 'remove':
      return statuses.filter((_, i) => i !== action.index)
    case 'makeDefault':
      return statuses.map((s, i) => ({ ...s, isDefault: i === action.index, ...(i === action.index ? { isWon: false, isLost: false } : {}) }))
  }
}

/** The next position for a keyboard move: ArrowUp/ArrowDown (and Home/End); null for any other key. */
export function keyboardMoveTarget(key: string, index: number, count: number): number | null {
  if (key === 'ArrowUp') return index > 0 ? index - 1 : null
  if (key === 'ArrowDown') return index < count - 1 ? index + 1 : null
  if (key === 'Home') return index > 0 ? 0 : null
  if (key === 'End') return index < count - 1 ? count - 1 : null
  return null
}
