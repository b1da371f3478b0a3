/** The Api's call shapes (GET /api/v1/calls, /calls/{id}, /events, /state). */

export type CallDirection = 'inbound' | 'outbound'

export type CallStatus =
  | 'queued'
  | 'initiated'
  | 'ringing'
  | 'in_progress'
  | 'completed'
  | 'busy'
  | 'no_answer'
  | 'failed'
  | 'canceled'
  | 'rejected'

export const callStatuses: readonly CallStatus[] = [
  'queued',
  'initiated',
  'ringing',
  'in_progress',
  'completed',
  'busy',
  'no_answer',
  'failed',
  'canceled',
  'rejected',
]

export interface CallView {
  id: string
  direction: CallDirection
  status: CallStatus
  from: string | null
  to: string | null
  leadId: string | null
  leadName: string | null
  templateId: string | null
  templateName: string | null
  providerCallId: string | null
  startedAt: string
  answeredAt: string | null
  endedAt: string | null
  durationSeconds: number | null
  endReason: string | null
  rejectionReason: string | null
  isLive: boolean
  updatedAt: string
  version: number
}

export interface CallPage {
  items: CallView[]
  next: string | null
}

export type Speaker = 'caller' | 'assistant'

export interface TranscriptTurn {
  speaker: Speaker
  text: string
  offsetMs: number
  interrupted: boolean
  at: string
}

export interface LatencyFigures {
  p50: number
  p99: number
  max: number
  count: number
}

export interface CallMetrics {
  responseLatencyMs: LatencyFigures | null
  addedLatencyMs: { twilioToAi: LatencyFigures; aiToTwilio: LatencyFigures } | null
  bargeInReactionMs: LatencyFigures | null
  bargeIns: number
  framesIn: number
  framesOut: number
  framesDropped: number
  inboundQueueHighWater: number
  outboundQueueHighWater: number
  aiReconnects: number
  durationMs: number
}

export interface CallDetails {
  call: CallView
  transcript: TranscriptTurn[]
  collectedFields: Record<string, string>
  mediaEnd: { reason: string; at: string; metrics: CallMetrics } | null
  recording: { bytes: number; durationMs: number; storedAt: string; expiresAt: string; url: string } | null
  promptVersion: number | null
  summary: { text: string | null; nextActionText: string | null } | null
}

export interface CallActor {
  kind: 'twilio' | 'media_host' | 'user' | 'api_key' | 'system'
  name: string | null
}

export interface CallAuditEvent {
  version: number
  type: string
  at: string
  recordedAt: string
  actor: CallActor
  detail: string | null
  statusAfter: CallStatus
  speaker: Speaker | null
}

export interface CallAuditTrail {
  callId: string
  version: number
  events: CallAuditEvent[]
}

export interface CallState {
  callId: string
  version: number
  latestVersion: number
  eventType: string
  at: string
  direction: CallDirection
  status: CallStatus
  isLive: boolean
  from: string | null
  to: string | null
  leadId: string | null
  leadName: string | null
  startedAt: string
  answeredAt: string | null
  endedAt: string | null
  durationSeconds: number | null
  endReason: string | null
  rejectionReason: string | null
  mediaEndReason: string | null
  hasRecording: boolean
  promptVersion: number | null
  transcript: TranscriptTurn[]
  collectedFields: Record<string, string>
}
