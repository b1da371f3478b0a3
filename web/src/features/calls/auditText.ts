import { messages } from '../../messages'
import { fieldKeysText, type LeadFieldDefinition } from './leadFields'
import type { CallActor, CallAuditEvent } from './types'

const t = messages.calls

/** Who or what caused an event, in Hebrew. */
export function actorText(actor: CallActor): string {
  switch (actor.kind) {
    case 'user':
      return actor.name ?? t.actors.system ?? ''
    case 'api_key':
      return t.actorApiKey(actor.name ?? '')
    case 'system':
      return (actor.name && t.systemJobs[actor.name]) || t.actors.system || ''
    default:
      return t.actors[actor.kind] ?? actor.kind
  }
}

/** What the event was, in Hebrew. */
export function eventTypeText(type: string): string {
  return t.eventTypes[type] ?? type
}

/**
 * The event's detail in Hebrew (a reason, a status, the details collected by the business's labels, what was said); null
 * when it has none.
 */
export function eventDetailText(event: CallAuditEvent, fieldDefinitions: readonly LeadFieldDefinition[] | null = null): string | null {
  const d = event.detail
  if (!d) return null
  switch (event.type) {
    case 'call_started':
      return t.detailDirection(t.directions[d] ?? d)
    case 'call_status_changed':
      return t.detailStatus(t.statuses[d] ?? d)
    case 'call_completed':
    case 'call_media_ended':
      return t.endReasons[d] ?? d
    case 'call_rejected':
      return t.rejectionReasons[d] ?? d
    case 'call_fields_collected':
      return t.detailFields(fieldKeysText(d, fieldDefinitions))
    case 'call_tool_applied':
      return t.detailTool(d)
    case 'call_configured':
      return t.detailPrompt(d)
    case 'call_transcript_turn':
      return `${event.speaker === 'caller' ? t.caller : t.assistant}: ${d}`
    default:
      return null
  }
}
