import { taskStatuses, type TaskColumn, type TaskStatus, type WorkTask } from './types'

/** The three columns in their fixed order, each in board order (by position), whatever order the answer came in. */
export function groupTasks(columns: readonly TaskColumn[]): TaskColumn[] {
  return taskStatuses.map((status) => {
    const column = columns.find((c) => c.status === status)
    const items = [...(column?.items ?? [])].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))
    return { status, count: column?.count ?? items.length, items, next: column?.next ?? null }
  })
}

/**
 * The position a card takes when placed at `index` among `items` (the column without the card): the mean of its
 * neighbours', one less than the first, one more than the last, or 1 in an empty column.
 */
export function positionAt(items: readonly WorkTask[], index: number): number {
  const first = items[0]
  const last = items[items.length - 1]
  if (!first || !last) return 1
  if (index <= 0) return first.position - 1
  if (index >= items.length) return last.position + 1
  return ((items[index - 1] as WorkTask).position + (items[index] as WorkTask).position) / 2
}

export interface TaskMove {
  columns: TaskColumn[]
  status: TaskStatus
  position: number
}

/**
 * The board after moving a task to a column (at `index`, default its end), and the status and position to send.
 * Null when the task is not on the board or would not move.
 */
export function moveTask(columns: TaskColumn[], taskId: string, toStatus: TaskStatus, index?: number): TaskMove | null {
  const from = columns.find((c) => c.items.some((t) => t.id === taskId))
  const to = columns.find((c) => c.status === toStatus)
  if (!from || !to) return null
  const task = from.items.find((t) => t.id === taskId) as WorkTask
  const rest = to.items.filter((t) => t.id !== taskId)
  const at = Math.max(0, Math.min(index ?? rest.length, rest.length))
  if (from === to && to.items.indexOf(task) === at) return null
  const position = positionAt(rest, at)
  const moved: WorkTask = { ...task, status: toStatus, position }
  const placed = [...rest.slice(0, at), moved, ...rest.slice(at)]
  const next = columns.map((c) => {
    if (c === to) return { ...c, items: placed, count: from === to ? c.count : c.count + 1 }
    if (c === from) return { ...c, items: c.items.filter((t) => t.id !== taskId), count: Math.max(0, c.count - 1) }
    return c
  })
  return { columns: next, status: toStatus, position }
}

export interface TaskFormValues {
  title: string
  description: string
  dueDay: string
  dueTime: string
  assigneeUserId: string
  leadId: string
}

export type TaskFormErrors = Partial<Record<'title' | 'dueAt' | 'description', string>>

export const maxTitleLength = 200
export const maxDescriptionLength = 4000

/**
 * The board after a further page of one column (`GET /api/v1/tasks?status=…&sort=position&next=…`): tasks it does not
 * show yet join in board order, and the column keeps the page's cursor (null when it has no more).
 */
export function appendTasks(columns: TaskColumn[], status: TaskStatus, page: { items: WorkTask[]; next: string | null }): TaskColumn[] {
  return columns.map((c) => {
    if (c.status !== status) return c
    const shown = new Set(c.items.map((x) => x.id))
    const added = page.items.filter((x) => x.status === status && !shown.has(x.id))
    const items = [...c.items, ...added].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))
    return { ...c, items, next: page.next, count: Math.max(c.count, items.length) }
  })
}

/** Whether a column has tasks beyond those it shows that its cursor can still fetch. */
export function hasMore(column: TaskColumn): boolean {
  return column.next !== null && column.count > column.items.length
}
