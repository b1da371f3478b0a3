import { describe, expect, it } from 'vitest'
import { messages } from '../../messages'
import { createBody, fieldErrorsFrom, patchBody, validateLeadForm } from './leadForm'
import { formatBytes, isImage, maxFileBytes, noteProblem } from './notes'
import { validateReminder } from './reminders'

describe('validateLeadForm', () => {
  it('needs a name or a phone', () => {
    expect(validateLeadForm({ name: ' ', phone: '', email: '' })).toEqual({ name: messages.leads.form.nameOrPhone })
    expect(validateLeadForm({ name: 'רות', phone: '', email: '' })).toEqual({})
    expect(validateLeadForm({ name: '', phone: '052-123-4567', email: '' })).toEqual({})
  })

  it('checks the shape of the phone and the e-mail', () => {
    const errors = validateLeadForm({ name: 'רות', phone: 'abc', email: 'ruth@' })
    expect(errors.phone).toBe(messages.leads.form.phoneInvalid)
    expect(errors.email).toBe(messages.leads.form.emailInvalid)
  })

  it('lets an edit leave both empty (the Api keeps what it has)', () => {
    expect(validateLeadForm({ name: '', phone: '', email: '' }, { requireNameOrPhone: false })).toEqual({})
  })
})

describe('createBody and patchBody', () => {
  it('leaves out empty fields on creation', () => {
    expect(createBody({ name: ' רות ', phone: '', email: '' })).toEqual({ name: 'רות' })
  })

  it('sends only what changed, an emptied e-mail as "" and never an emptied name', () => {
    const original = { name: 'רות', phone: '+972521234567', email: 'r@x.co' }
    expect(patchBody(original, { ...original })).toEqual({})
    expect(patchBody(original, { ...original, name: 'רות כהן' })).toEqual({ name: 'רות כהן' })
    expect(patchBody(original, { ...original, email: '' })).toEqual({ email: '' })
    expect(patchBody(original, { ...original, name: '' })).toEqual({})
  })
})

describe('fieldErrorsFrom', () => {
  it('puts the Api messages on the form fields whatever their case', () => {
    expect(fieldErrorsFrom({ Phone: ['מספר הטלפון אינו תקין.'], email: ['x', 'y'], 'fields.city': ['z'] })).toEqual({
      phone: 'מספר הטלפון אינו תקין.',
      email: 'x',
    })
  })
})

describe('notes', () => {
  it('needs text or a file, and a file within 10 MB', () => {
    expect(noteProblem('  ', null)).toBe(messages.leads.notes.needsContent)
    expect(noteProblem('שלום', null)).toBeNull()
    expect(noteProblem('', { size: 100 })).toBeNull()
    expect(noteProblem('', { size: maxFileBytes + 1 })).toBe(messages.leads.notes.tooLarge)
  })

  it('shows pictures as thumbnails and everything else as a link', () => {
    expect(isImage('image/png')).toBe(true)
    expect(isImage('image/jpeg')).toBe(true)
    expect(isImage('application/pdf')).toBe(false)
    expect(isImage('image/svg+xml')).toBe(false)
  })

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(12 * 1024)).toBe('12 KB')
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MB')
  })
})

describe('validateReminder', () => {
  it('needs its text and both a day and a time', () => {
    expect(validateReminder({ text: '', day: '2026-03-01', time: '' })).toEqual({
      text: messages.leads.reminders.textRequired,
      dueAt: messages.leads.reminders.dueRequired,
    })
    expect(validateReminder({ text: 'להתקשר', day: '2026-03-01', time: '10:00' })).toEqual({})
  })
})
