import { describe, expect, it } from 'vitest'
import { canChangeNote, canRemoveFile, editProblem, formatBytes, noteProblem } from './notes'

describe('notes', () => {
  it('lets the author and admins and up change a note, not another agent', () => {
    const note = { authorUserId: 'u1' }
    expect(canChangeNote(note, { id: 'u1', role: 'agent' })).toBe(true)
    expect(canChangeNote(note, { id: 'u2', role: 'agent' })).toBe(false)
    expect(canChangeNote(note, { id: 'u2', role: 'admin' })).toBe(true)
    expect(canChangeNote(note, null)).toBe(false)
  })

  it('keeps text on a note without files', () => {
    expect(editProblem('  ', 0)).toBe('יש לכתוב הערה או לצרף קובץ.')
    expect(editProblem('', 1)).toBeNull()
    expect(editProblem('טקסט', 0)).toBeNull()
  })

  it('lets a file go unless it is the only thing in the note', () => {
    expect(canRemoveFile({ text: '', attachments: [1] })).toBe(false)
    expect(canRemoveFile({ text: '', attachments: [1, 2] })).toBe(true)
    expect(canRemoveFile({ text: 'יש טקסט', attachments: [1] })).toBe(true)
  })

  it('checks a new note and sizes', () => {
    expect(noteProblem('', null)).not.toBeNull()
    expect(noteProblem('', { size: 11 * 1024 * 1024 })).toBe('הקובץ גדול מ-10MB.')
    expect(formatBytes(2048)).toBe('2 KB')
  })
})
