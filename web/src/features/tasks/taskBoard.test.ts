import { describe, expect, it } from 'vitest'
import { messages } from '../../messages'
import { dueClasses, dueState } from './due'
import { appendTasks, groupTasks, hasMore, moveTask, positionAt } from './taskBoard'
import { dueAtFrom, taskBody, taskFieldErrors, validateTaskForm } from './taskForm'
import type { TaskColumn, TaskStatus, WorkTask } from './types'

function task(id: string, status: TaskStatus, position: number, dueAt: string | null = null): WorkTask {
  return {
    id,
    title: `משימה ${id}`,
    description: null,
    status,
    position,
    dueAt,
    dueWindow: null,
    assigneeUserId: null,
    assigneeName: null,
    leadId: null,
    leadName: null,
    leadPhone: null,
    version: 1,
  }
}

const col = (status: TaskStatus, items: WorkTask[]): TaskColumn => ({ status, count: items.length, items, next: null })

describe('groupTasks', () => {
  it('always gives open, in progress, done, each in position order', () => {
    const grouped = groupTasks([col('done', [task('d', 'done', 1)]), col('open', [task('b', 'open', 2), task('a', 'open', 1)])])
    expect(grouped.map((c) => c.status)).toEqual(['open', 'in_progress', 'done'])
    expect(grouped[0]?.items.map((t) => t.id)).toEqual(['a', 'b'])
    expect(grouped[1]).toMatchObject({ count: 0, items: [] })
  })
})

describe('positionAt', () => {
  const items = [task('a', 'open', 1), task('b', 'open', 2), task('c', 'open', 4)]
  it('takes the mean of the neighbours, or goes before the first or after the last', () => {
    expect(positionAt([], 0)).toBe(1)
    expect(positionAt(items, 0)).toBe(0)
    expect(positionAt(items, 2)).toBe(3)
    expect(positionAt(items, 1)).toBe(1.5)
    expect(positionAt(items, 3)).toBe(5)
  })
})

describe('moveTask', () => {
  const board = () => groupTasks([col('open', [task('a', 'open', 1), task('b', 'open', 2)]), col('done', [task('x', 'done', 10)])])

  it('moves a task to the end of another column by default', () => {
    const planned = moveTask(board(), 'a', 'done')
    expect(planned).not.toBeNull()
    expect(planned?.status).toBe('done')
    expect(planned?.position).toBe(11)
    expect(planned?.columns[0]?.items.map((t) => t.id)).toEqual(['b'])
    expect(planned?.columns[0]?.count).toBe(1)
    expect(planned?.columns[2]?.items.map((t) => t.id)).toEqual(['x', 'a'])
    expect(planned?.columns[2]?.items[1]?.status).toBe('done')
    expect(planned?.columns[2]?.count).toBe(2)
  })

  it('places a task between two others within its column', () => {
    const columns = groupTasks([col('open', [task('a', 'open', 1), task('b', 'open', 2), task('c', 'open', 3)])])
    const planned = moveTask(columns, 'c', 'open', 1)
    expect(planned?.position).toBe(1.5)
    expect(planned?.columns[0]?.items.map((t) => t.id)).toEqual(['a', 'c', 'b'])
    expect(planned?.columns[0]?.count).toBe(3)
  })

  it('is null when nothing would move', () => {
    expect(moveTask(board(), 'a', 'open', 0)).toBeNull()
    expect(moveTask(board(), 'missing', 'done')).toBeNull()
  })

  it('leaves the board it was given untouched, so a refused move can go back to it', () => {
    const before = board()
    const snapshot = JSON.stringify(before)
    moveTask(before, 'a', 'done')
    expect(JSON.stringify(before)).toBe(snapshot)
  })
})

describe('dueState', () => {
  const zone = 'Asia/Jerusalem'
  // 2026-03-10 20:00 in Israel (UTC+2).
  const now = new Date('2026-03-10T18:00:00Z')

  it('is overdue before now, today until the end of the business day, upcoming after', () => {
    expect(dueState('2026-03-10T17:59:00Z', now, zone)).toBe('overdue')
    expect(dueState('2026-03-10T21:30:00Z', now, zone)).toBe('today')
    expect(dueState('2026-03-10T22:30:00Z', now, zone)).toBe('upcoming')
  })

  it('counts the day in the business zone, not in UTC', () => {
    // 23:30 in Israel is still today there, though in UTC it is the same day too; 00:30 Israel is tomorrow.
    expect(dueState('2026-03-10T21:59:00Z', now, zone)).toBe('today')
    expect(dueState('2026-03-10T22:00:00Z', now, zone)).toBe('upcoming')
    expect(dueState('2026-03-10T22:00:00Z', now, 'UTC')).toBe('today')
  })

  it('has none for finished or undated items', () => {
    expect(dueState('2026-03-01T10:00:00Z', now, zone, true)).toBeNull()
    expect(dueState(null, now, zone)).toBeNull()
    expect(dueState('nonsense', now, zone)).toBeNull()
  })

  it('highlights overdue in red and today in amber', () => {
    expect(dueClasses('overdue')).toContain('red')
    expect(dueClasses('today')).toContain('amber')
    expect(dueClasses(null)).toContain('white')
  })
})

describe('task form', () => {
  const values = { title: 'להתקשר', description: '', dueDay: '', dueTime: '', assigneeUserId: '', leadId: '' }

  it('needs a title, and a day and a time together', () => {
    expect(validateTaskForm({ ...values, title: ' ' }).title).toBe(messages.tasks.form.titleRequired)
    expect(validateTaskForm({ ...values, title: 'x'.repeat(201) }).title).toBe(messages.tasks.form.titleTooLong(200))
    expect(validateTaskForm({ ...values, dueDay: '2026-03-10' }).dueAt).toBe(messages.tasks.form.dueIncomplete)
    expect(validateTaskForm({ ...values, dueDay: '2026-03-10', dueTime: '09:30' })).toEqual({})
  })

  it('sends the due time as the instant in the business zone and empty choices as null', () => {
    expect(dueAtFrom('2026-03-10', '09:30', 'Asia/Jerusalem')).toBe('2026-03-10T07:30:00.000Z')
    expect(dueAtFrom('', '', 'Asia/Jerusalem')).toBeNull()
    expect(taskBody({ ...values, description: '  ' }, 'Asia/Jerusalem')).toEqual({
      title: 'להתקשר',
      description: null,
      dueAt: null,
      assigneeUserId: null,
      leadId: null,
    })
  })

  it('puts the Api field errors on the fields', () => {
    expect(taskFieldErrors({ Title: ['ארוך'], dueAt: ['לא תקין'], other: ['x'] })).toEqual({ title: 'ארוך', dueAt: 'לא תקין' })
  })
})

describe('appendTasks', () => {
  const task = (id: string, status: TaskStatus, position: number) => ({ id, status, position }) as WorkTask
  const board = (): TaskColumn[] => [
    { status: 'open', count: 4, items: [task('a', 'open', 1), task('b', 'open', 2)], next: 'cursor-1' },
    { status: 'in_progress', count: 0, items: [], next: null },
    { status: 'done', count: 0, items: [], next: null },
  ]

  it('adds the next page in board order, without repeats, and keeps the new cursor', () => {
    const before = board()
    const after = appendTasks(before, 'open', { items: [task('b', 'open', 2), task('d', 'open', 4), task('c', 'open', 3)], next: null })
    expect(after[0]?.items.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(after[0]?.next).toBeNull()
    expect(after[1]).toBe(before[1])
    expect(hasMore(after[0]!)).toBe(false)
  })

  it('tells whether a column can load more', () => {
    const [open, inProgress] = board()
    expect(hasMore(open!)).toBe(true)
    expect(hasMore(inProgress!)).toBe(false)
    expect(hasMore({ ...open!, count: 2 })).toBe(false)
  })
})
