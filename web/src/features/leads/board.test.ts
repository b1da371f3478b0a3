import { describe, expect, it } from 'vitest'
import { appendToColumn, columnOf, moveLead, optimisticMove, orderColumns, statusFor, textOn } from './board'
import type { Lead, LeadBoardColumn, LeadStatus } from './types'

const statuses: LeadStatus[] = [
  { key: 'new', label: 'חדש', color: '#3B82F6', isDefault: true },
  { key: 'contacted', label: 'נוצר קשר', color: '#F59E0B' },
  { key: 'won', label: 'נסגר', color: '#22C55E', isWon: true },
]

function lead(id: string, status: string): Lead {
  return {
    id,
    name: `ליד ${id}`,
    phone: null,
    email: null,
    source: 'manual',
    status,
    fields: {},
    capturedAt: '2026-01-01T10:00:00Z',
    updatedAt: '2026-01-01T10:00:00Z',
    version: 1,
    assigneeUserId: null,
    assigneeName: null,
  }
}

function column(status: string, leads: Lead[], extra: Partial<LeadBoardColumn> = {}): LeadBoardColumn {
  return { status, label: status, color: '#000000', isDefault: false, isWon: false, isLost: false, isDefined: true, count: leads.length, leads, ...extra }
}

describe('orderColumns', () => {
  it('follows the business order, fills statuses with no column and keeps removed statuses last', () => {
    const board = {
      columns: [
        column('won', [lead('c', 'won')]),
        column('old', [lead('d', 'old')], { isDefined: false }),
        column('new', [lead('a', 'new')]),
      ],
    }
    const ordered = orderColumns(board, statuses)
    expect(ordered.map((c) => c.status)).toEqual(['new', 'contacted', 'won', 'old'])
    expect(ordered[1]).toMatchObject({ label: 'נוצר קשר', color: '#F59E0B', count: 0, leads: [] })
  })
})

describe('moveLead', () => {
  const columns = [column('new', [lead('a', 'new'), lead('b', 'new')]), column('contacted', [lead('c', 'contacted')])]

  it('moves the card to the head of the new column, with its status and both counts', () => {
    const moved = moveLead(columns, 'b', 'contacted')
    expect(moved[0]?.leads.map((l) => l.id)).toEqual(['a'])
    expect(moved[0]?.count).toBe(1)
    expect(moved[1]?.leads.map((l) => l.id)).toEqual(['b', 'c'])
    expect(moved[1]?.leads[0]?.status).toBe('contacted')
    expect(moved[1]?.count).toBe(2)
    expect(columnOf(moved, 'b')).toBe('contacted')
  })

  it('leaves the board as it is for the same column, an unknown lead or an unknown status', () => {
    expect(moveLead(columns, 'a', 'new')).toBe(columns)
    expect(moveLead(columns, 'zz', 'contacted')).toBe(columns)
    expect(moveLead(columns, 'a', 'nowhere')).toBe(columns)
  })
})

describe('optimisticMove', () => {
  it('shows the move at once and its undo puts the card back in its place and status', () => {
    const columns = [column('new', [lead('a', 'new'), lead('b', 'new'), lead('x', 'new')]), column('won', [])]
    const attempt = optimisticMove(columns, 'b', 'won')
    expect(attempt.from).toBe('new')
    expect(columnOf(attempt.columns, 'b')).toBe('won')
    const undone = attempt.undo(attempt.columns)
    expect(undone[0]?.leads.map((l) => l.id)).toEqual(['a', 'b', 'x'])
    expect(undone[0]?.leads[1]?.status).toBe('new')
    expect(undone[0]?.count).toBe(3)
    expect(undone[1]?.leads).toEqual([])
    expect(undone[1]?.count).toBe(0)
  })

  it('undoes only its own move when another move happened meanwhile', () => {
    const columns = [column('new', [lead('a', 'new'), lead('b', 'new')]), column('won', [])]
    const first = optimisticMove(columns, 'a', 'won')
    const second = optimisticMove(first.columns, 'b', 'won')
    const undone = first.undo(second.columns)
    expect(undone[0]?.leads.map((l) => l.id)).toEqual(['a'])
    expect(undone[1]?.leads.map((l) => l.id)).toEqual(['b'])
  })

  it('changes nothing when the move is to the same column', () => {
    const columns = [column('new', [lead('a', 'new')])]
    const attempt = optimisticMove(columns, 'a', 'new')
    expect(attempt.columns).toBe(columns)
    expect(attempt.undo(columns)).toBe(columns)
  })
})

describe('statusFor and textOn', () => {
  it('finds the status or stands in for a removed one', () => {
    expect(statusFor(statuses, 'won').label).toBe('נסגר')
    expect(statusFor(statuses, 'gone')).toEqual({ key: 'gone', label: 'gone', color: '#6B7280' })
  })

  it('picks the readable text colour', () => {
    expect(textOn('#F59E0B')).toBe('#000000')
    expect(textOn('#1E3A8A')).toBe('#ffffff')
    expect(textOn('#22C55E')).toBe('#000000')
    expect(textOn('not a colour')).toBe('#000000')
  })
})

describe('appendToColumn', () => {
  const lead = (id: string, status: string) => ({ id, status }) as unknown as Lead
  const column = (status: string, ids: string[], count: number) =>
    ({ status, label: status, color: '#000000', isDefault: false, isWon: false, isLost: false, isDefined: true, count, leads: ids.map((id) => lead(id, status)) }) as LeadBoardColumn

  it('adds the leads the column does not show yet to its end and leaves other columns alone', () => {
    const columns = [column('new', ['a', 'b'], 4), column('won', ['z'], 1)]
    const next = appendToColumn(columns, 'new', [lead('b', 'new'), lead('c', 'new'), lead('d', 'new')])
    expect(next[0]?.leads.map((l) => l.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(next[0]?.count).toBe(4)
    expect(next[1]).toBe(columns[1])
  })

  it('skips leads that moved to another status meanwhile and keeps the same column when nothing is new', () => {
    const columns = [column('new', ['a'], 3)]
    expect(appendToColumn(columns, 'new', [lead('a', 'new'), lead('x', 'won')])[0]).toBe(columns[0])
  })
})
