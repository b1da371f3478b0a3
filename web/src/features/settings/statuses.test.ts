import { describe, expect, it } from 'vitest'
import { keyboardMoveTarget, moveItem, newStatusKey, statusesReducer, type LeadStatus } from './statuses'

const list: LeadStatus[] = [
  { key: 'new', label: 'חדש', color: '#3B82F6', isDefault: true },
  { key: 'contacted', label: 'נוצר קשר', color: '#F59E0B' },
  { key: 'won', label: 'נסגר', color: '#22C55E', isWon: true },
]

describe('lead statuses', () => {
  it('moves an item and clamps the target', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a'])
    expect(moveItem(['a', 'b', 'c'], 2, -5)).toEqual(['c', 'a', 'b'])
    expect(moveItem(['a', 'b'], 1, 1)).toEqual(['a', 'b'])
  })

  it('maps arrow keys, Home and End to a new position', () => {
    expect(keyboardMoveTarget('ArrowUp', 1, 3)).toBe(0)
    expect(keyboardMoveTarget('ArrowUp', 0, 3)).toBeNull()
    expect(keyboardMoveTarget('ArrowDown', 1, 3)).toBe(2)
    expect(keyboardMoveTarget('End', 0, 3)).toBe(2)
    expect(keyboardMoveTarget('Home', 2, 3)).toBe(0)
    expect(keyboardMoveTarget('a', 1, 3)).toBeNull()
  })

  it('adds with a fresh key, renames, recolours, removes and moves the default', () => {
    let next = statusesReducer(list, { type: 'add', label: '  בטיפול ', color: '#64748B' })
    expect(next[3]).toEqual({ key: 'status_4', label: 'בטיפול', color: '#64748B' })
    next = statusesReducer(next, { type: 'rename', index: 1, label: 'שוחחנו' })
    next = statusesReducer(next, { type: 'color', index: 1, color: '#000000' })
    expect(next[1]).toMatchObject({ key: 'contacted', label: 'שוחחנו', color: '#000000' })
    next = statusesReducer(next, { type: 'makeDefault', index: 2 })
    expect(next.filter((s) => s.isDefault).map((s) => s.key)).toEqual(['won'])
    expect(next[2]?.isWon).toBe(false)
    next = statusesReducer(next, { type: 'remove', index: 0 })
    expect(next.map((s) => s.key)).toEqual(['contacted', 'won', 'status_4'])
  })

  it('never reuses a taken key', () => {
    expect(newStatusKey([{ key: 'status_2', label: 'x', color: '#000000' }])).toBe('status_3')
  })
})
