/** The Api's shapes that the leads pages read (JSON, camelCase). */

export interface Lead {
  id: string
  name: string | null
  phone: string | null
  email: string | null
  source: string
  status: string
  fields: Record<string, string>
  capturedAt: string
  updatedAt: string
  version: number
  assigneeUserId: string | null
  assigneeName: string | null
}

export interface LeadPage {
  items: Lead[]
  next: string | null
}

export interface LeadStatus {
  key: string
  label: string
  color: string
  isDefault?: boolean
  isWon?: boolean
  isLost?: boolean
}

export interface LeadBoardColumn {
  status: string
  label: string
  color: string
  isDefault: boolean
  isWon: boolean
  isLost: boolean
  isDefined: boolean
  count: number
  leads: Lead[]
}

export interface LeadBoard {
  columns: LeadBoardColumn[]
}

export interface DeletedLeads {
  deleted: string[]
  notFound: string[]
}

export interface ActivityEntry {
  id: string
  at: string
  type: string
  kind: string
  summary: string
  actor: string | null
}

export interface ActivityPage {
  items: ActivityEntry[]
  next: string | null
}

export interface NoteFile {
  id: string
  fileName: string
  contentType: string
  sizeBytes: number
}

export interface Note {
  id: string
  leadId: string
  text: string
  authorUserId: string
  authorName: string
  createdAt: string
  editedAt: string | null
  version: number
  attachments: NoteFile[]
}

export interface NotePage {
  items: Note[]
  next: string | null
}

export type DueWindow = 'overdue' | 'today' | 'upcoming'

export interface Reminder {
  id: string
  leadId: string
  ownerUserId: string
  ownerName: string | null
  text: string
  dueAt: string
  dueWindow: DueWindow | null
  completedAt: string | null
  version: number
}

export interface ReminderPage {
  items: Reminder[]
  next: string | null
}

export interface CallItem {
  id: string
  direction: 'inbound' | 'outbound'
  status: string
  startedAt: string
  durationSeconds: number | null
  endReason: string | null
}

export interface CallPage {
  items: CallItem[]
  next: string | null
}

export interface AppointmentItem {
  id: string
  start: string
  end: string
  status: 'booked' | 'cancelled'
  title: string | null
}

export interface AppointmentPage {
  items: AppointmentItem[]
  next: string | null
}

/** A user a lead or task can be given to. */
export interface Assignable {
  id: string
  name: string
  /** The user's role (owner, admin, agent) when known. */
  role?: string
}

export const leadPaths = {
  list: '/api/v1/leads',
  board: '/api/v1/leads/board',
  bulkDelete: '/api/v1/leads/bulk-delete',
  settings: '/api/v1/business/settings',
  directory: '/api/v1/users/directory',
  lead: (id: string) => `/api/v1/leads/${id}`,
  status: (id: string) => `/api/v1/leads/${id}/status`,
  assignee: (id: string) => `/api/v1/leads/${id}/assignee`,
  activity: (id: string) => `/api/v1/leads/${id}/activity?limit=50`,
  notes: (id: string) => `/api/v1/leads/${id}/notes`,
  noteFile: (leadId: string, noteId: string, fileId: string) => `/api/v1/leads/${leadId}/notes/${noteId}/attachments/${fileId}`,
  noteAttachments: (leadId: string, noteId: string) => `/api/v1/leads/${leadId}/notes/${noteId}/attachments`,
  reminders: (id: string) => `/api/v1/leads/${id}/reminders`,
  reminder: (id: string) => `/api/v1/reminders/${id}`,
  calls: (id: string) => `/api/v1/calls?leadId=${id}&limit=25`,
  appointments: (id: string) => `/api/v1/appointments?leadId=${id}&limit=25`,
}
