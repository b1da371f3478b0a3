import { describe, expect, it } from 'vitest'
import { actorText, eventDetailText, eventTypeText } from './auditText'
import type { CallAuditEvent } from './types'

const event = (patch: Partial<CallAuditEvent>): CallAuditEvent => ({
  version: 1,
  type: 'call_started',
  at: '2025-03-01T10:00:00Z',
  recordedAt: '2025-03-01T10:00:00Z',
  actor: { kind: 'twilio', name: null },
  detail: null,
  statusAfter: 'ringing',
  speaker: null,
  ...patch,
})

describe('audit timeline wording', () => {
  it('names who or what caused an event', () => {
    expect(actorText({ kind: 'twilio', name: null })).toBe('ספק הטלפוניה (Twilio)')
    expect(actorText({ kind: 'media_host', name: null })).toBe('השרת הקולי')
    expect(actorText({ kind: 'user', name: 'דנה כהן' })).toBe('דנה כהן')
    expect(actorText({ kind: 'api_key', name: 'n8n' })).toBe('מפתח API: n8n')
    expect(actorText({ kind: 'system', name: 'call-reclaim' })).toBe('המערכת: סגירת שיחות שאבדו')
    expect(actorText({ kind: 'system', name: 'something-new' })).toBe('המערכת')
  })

  it('says what each event was, and its detail, in Hebrew', () => {
    expect(eventTypeText('call_completed')).toBe('השיחה הסתיימה')
    expect(eventTypeText('call_future_thing')).toBe('call_future_thing')
    expect(eventDetailText(event({ type: 'call_completed', detail: 'hung_up_by_business' }))).toBe('נותקה על ידי העסק')
    expect(eventDetailText(event({ type: 'call_status_changed', detail: 'in_progress' }))).toBe('המצב: בשיחה')
    expect(eventDetailText(event({ type: 'call_started', detail: 'inbound' }))).toBe('שיחה נכנסת')
    expect(eventDetailText(event({ type: 'call_transcript_turn', detail: 'שלום', speaker: 'caller' }))).toBe('המתקשר: שלום')
    expect(eventDetailText(event({ type: 'call_lead_linked', detail: null }))).toBeNull()
  })
})
