import { describe, expect, it } from 'vitest'
import {
  displayValue,
  fieldErrorsFromApi,
  fieldsPatch,
  fieldValuesOf,
  validateFields,
  type LeadFieldDefinition,
} from './leadFields'

const schema: LeadFieldDefinition[] = [
  { key: 'city', label: 'עיר', type: 'text', required: true },
  { key: 'budget', label: 'תקציב', type: 'number' },
  { key: 'kind', label: 'סוג נכס', type: 'select', options: ['דירה', 'משרד'] },
  { key: 'parking', label: 'חניה', type: 'boolean' },
  { key: 'move_in', label: 'כניסה', type: 'date' },
  { key: 'mail', label: 'דוא״ל נוסף', type: 'email' },
  { key: 'other_phone', label: 'טלפון נוסף', type: 'phone' },
]

describe('lead fields', () => {
  it('starts from the stored values, empty where the lead has none, ignoring keys the business does not define', () => {
    expect(fieldValuesOf(schema, { city: 'חיפה', old: 'x' })).toEqual({
      city: 'חיפה', budget: '', kind: '', parking: '', move_in: '', mail: '', other_phone: '',
    })
  })

  it('asks for required values and values of the right shape, each under its key', () => {
    const errors = validateFields(schema, {
      city: ' ', budget: 'הרבה', kind: 'וילה', parking: 'אולי', move_in: '1/3/27', mail: 'a@b', other_phone: '12',
    })
    expect(Object.keys(errors).sort()).toEqual(['budget', 'city', 'kind', 'mail', 'move_in', 'other_phone', 'parking'])
    expect(errors.city).toBe('עיר: שדה חובה.')
    expect(errors.budget).toBe('תקציב: יש להזין מספר.')
  })

  it('accepts what the Api accepts: separators and a shekel sign, an option, yes/no, an ISO date', () => {
    expect(validateFields(schema, {
      city: 'חיפה', budget: '2,500,000 ₪', kind: 'משרד', parking: 'false', move_in: '2027-03-01', mail: 'a@b.co.il', other_phone: '052-123-4567',
    })).toEqual({})
    expect(validateFields(schema, { city: 'חיפה', budget: '', kind: '', parking: '', move_in: '', mail: '', other_phone: '' })).toEqual({})
  })

  it('sends only changed fields, an emptied one as null', () => {
    const original = { city: 'חיפה', budget: '100', kind: '' }
    expect(fieldsPatch(original, { city: 'חיפה ', budget: '', kind: 'דירה' })).toEqual({ budget: null, kind: 'דירה' })
    expect(fieldsPatch(original, original)).toEqual({})
  })

  it('reads the Api errors for fields by key', () => {
    expect(fieldErrorsFromApi({ 'fields.budget': ['תקציב: יש להזין מספר.'], name: ['x'], 'Fields.city': ['עיר'] })).toEqual({
      budget: 'תקציב: יש להזין מספר.',
      city: 'עיר',
    })
  })

  it('shows stored values as people read them', () => {
    expect(displayValue(schema[3], 'true')).toBe('כן')
    expect(displayValue(schema[4], '2027-03-01')).toBe('01/03/2027')
    expect(displayValue(schema[1], '2500000')).toBe('2,500,000')
    expect(displayValue(undefined, 'abc')).toBe('abc')
  })
})
