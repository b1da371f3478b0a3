import { describe, expect, it } from 'vitest'
import { ApiError } from '../../lib/api'
import { applyAssistant, assistantFormOf, validateAssistant } from './AssistantPage'
import { checkRange, errorFor, fieldErrorsOf, isHttpsUrl } from './forms'
import type { SettingsDocument } from './useSettingsDocument'
import { validateNewUser } from './UsersPage'

const settings = {
  assistantName: 'נועה',
  greeting: 'שלום',
  voice: 'alloy',
  assistantGender: 'female',
  botSpeaksFirst: true,
  autoHangup: { onLeadCaptured: false, onGoodbye: true },
  silence: { warningAfterSeconds: 8, hangupAfterSeconds: 20, maxWarnings: 2 },
  maxCallMinutes: 15,
  leadFields: [{ key: 'name' }],
} as unknown as SettingsDocument

describe('field errors', () => {
  it('keys the Api field errors without the prefix and case, first message only', () => {
    const error = new ApiError(400, 'הבקשה אינה תקינה', null, {
      'settings.greeting': ['הפתיח ארוך מדי', 'שני'],
      'Settings.Silence.MaxWarnings': ['עד 5'],
    })
    const errors = fieldErrorsOf(error, 'settings.')
    expect(errorFor(errors, 'greeting')).toBe('הפתיח ארוך מדי')
    expect(errorFor(errors, 'silence.maxWarnings')).toBe('עד 5')
    expect(fieldErrorsOf(new Error('x'))).toEqual({})
  })

  it('checks ranges and addresses', () => {
    expect(checkRange('7', 3, 120)).toBeUndefined()
    expect(checkRange('2', 3, 120)).toMatch(/3/)
    expect(checkRange('abc', 3, 120)).toBeDefined()
    expect(isHttpsUrl('https://example.co.il/hook')).toBe(true)
    expect(isHttpsUrl('http://example.co.il')).toBe(false)
  })
})

describe('assistant form', () => {
  it('maps the settings to the form and back, keeping the rest of the document', () => {
    const form = { ...assistantFormOf(settings), greeting: '  היי  ', maxWarnings: '4', botSpeaksFirst: false }
    const next = applyAssistant(settings, form)
    expect(next.greeting).toBe('היי')
    expect(next.silence.maxWarnings).toBe(4)
    expect(next.botSpeaksFirst).toBe(false)
    expect(next.leadFields).toBe(settings.leadFields)
  })

  it('refuses an empty greeting and out-of-range numbers before asking the Api', () => {
    const errors = validateAssistant({ ...assistantFormOf(settings), greeting: ' ', warningAfterSeconds: '1', maxCallMinutes: '500' })
    expect(Object.keys(errors).sort()).toEqual(['greeting', 'maxcallminutes', 'silence.warningafterseconds'])
  })
})

describe('new user', () => {
  it('asks for a name and a valid e-mail (the password is drawn, not typed)', () => {
    expect(validateNewUser({ displayName: '', email: 'x', role: 'agent' })).toEqual({
      displayname: expect.any(String),
      email: expect.any(String),
    })
    expect(validateNewUser({ displayName: 'דנה', email: 'dana@example.co.il', role: 'agent' })).toEqual({})
  })
})
