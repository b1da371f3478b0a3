import { describe, expect, it } from 'vitest'
import { assigneeOptions } from './assignees'

const people = [
  { id: 'u1', name: 'דנה', role: 'owner' },
  { id: 'u2', name: 'Avi', role: 'agent' },
  { id: 'u3', name: 'רון' },
]

describe('assigneeOptions', () => {
  it('names each person with their role and marks the signed-in user', () => {
    expect(assigneeOptions(people, null, 'u2')).toEqual([
      { id: 'u1', label: 'דנה · בעלים' },
      { id: 'u2', label: 'אני (Avi · נציג)' },
      { id: 'u3', label: 'רון' },
    ])
  })

  it('keeps a current holder the directory no longer lists, under the name the item carries', () => {
    const options = assigneeOptions(people, { id: 'gone', name: 'יעל' }, null)
    expect(options.at(-1)).toEqual({ id: 'gone', label: 'יעל' })
    expect(assigneeOptions(people, { id: 'gone', name: null }, null).at(-1)?.label).toBe('משתמש שאינו פעיל')
  })

  it('adds nothing for a holder already listed or for no holder', () => {
    expect(assigneeOptions(people, { id: 'u1', name: 'דנה' }, null)).toHaveLength(3)
    expect(assigneeOptions(people, { id: null, name: null }, null)).toHaveLength(3)
  })
})
