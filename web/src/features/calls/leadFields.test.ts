import { describe, expect, it } from 'vitest'
import { eventDetailText } from './auditText'
import { collectedFieldRows, fieldKeysText, fieldLabel, fieldValueText, type LeadFieldDefinition } from './leadFields'
import type { CallAuditEvent } from './types'

const definitions: LeadFieldDefinition[] = [
  { key: 'city', label: 'עיר / אזור', type: 'text' },
  { key: 'property_type', label: 'סוג נכס', type: 'select', options: ['דירה', 'Penthouse', 'משרד'] },
  { key: 'budget', label: 'תקציב (₪)', type: 'number' },
  { key: 'move_in', label: 'תאריך כניסה', type: 'date' },
  { key: 'parking', label: 'חניה', type: 'boolean' },
  { key: 'mobile', label: 'נייד נוסף', type: 'phone' },
]

describe('collected details by the business’s labels', () => {
  it('names a field by its label, and by its key once the business no longer has it', () => {
    expect(fieldLabel(definitions, 'city')).toBe('עיר / אזור')
    expect(fieldLabel(definitions, 'old_field')).toBe('old_field')
    expect(fieldLabel(null, 'city')).toBe('city')
  })

  it('shows values the way the business reads them', () => {
    const field = (key: string) => definitions.find((d) => d.key === key)
    expect(fieldValueText(field('parking'), 'true')).toBe('כן')
    expect(fieldValueText(field('parking'), 'false')).toBe('לא')
    expect(fieldValueText(field('move_in'), '2025-09-01')).toBe('01/09/2025')
    expect(fieldValueText(field('budget'), '2500000')).toBe('2,500,000')
    expect(fieldValueText(field('budget'), '3.5')).toBe('3.5')
    expect(fieldValueText(field('property_type'), 'penthouse')).toBe('Penthouse')
    expect(fieldValueText(field('city'), 'חיפה')).toBe('חיפה')
    // A value that does not fit the type is shown as stored.
    expect(fieldValueText(field('move_in'), 'בקיץ')).toBe('בקיץ')
    expect(fieldValueText(field('budget'), 'הרבה')).toBe('הרבה')
    expect(fieldValueText(undefined, 'true')).toBe('true')
  })

  it('orders details as the business orders its fields, then the ones it no longer has', () => {
    const rows = collectedFieldRows({ zeta: 'x', budget: '900000', city: 'חיפה', alpha: 'y' }, definitions)
    expect(rows.map((r) => [r.key, r.label, r.known, r.display])).toEqual([
      ['city', 'עיר / אזור', true, 'חיפה'],
      ['budget', 'תקציב (₪)', true, '900,000'],
      ['alpha', 'alpha', false, 'y'],
      ['zeta', 'zeta', false, 'x'],
    ])
    expect(collectedFieldRows({ city: 'חיפה' }, null)[0]).toMatchObject({ label: 'city', known: false, display: 'חיפה' })
  })

  it('names the details of a “fields collected” event by their labels', () => {
    expect(fieldKeysText('budget, city, gone', definitions)).toBe('עיר / אזור, תקציב (₪), gone')
    const event: CallAuditEvent = {
      version: 5,
      type: 'call_fields_collected',
      at: '2025-03-01T10:00:00Z',
      recordedAt: '2025-03-01T10:00:00Z',
      actor: { kind: 'media_host', name: null },
      detail: 'city, rooms',
      statusAfter: 'in_progress',
      speaker: null,
    }
    expect(eventDetailText(event, definitions)).toBe('פרטים: עיר / אזור, rooms')
    expect(eventDetailText(event)).toBe('פרטים: city, rooms')
  })
})
