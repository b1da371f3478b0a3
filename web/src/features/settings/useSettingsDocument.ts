import { useCallback, useState } from 'react'
import { useAuth } from '../auth/AuthProvider'
import { useApiQuery } from '../../lib/useApiQuery'
import { fieldErrorsOf, saveErrorMessage, type FieldErrors } from './forms'
import type { LeadStatus } from './statuses'

export const settingsPath = '/api/v1/business/settings'

export interface OpeningRange {
  open: string
  close: string
}

/** A date whose hours differ from its weekday's (yyyy-MM-dd; no ranges: closed all day). */
export interface DateOverride {
  date: string
  ranges: OpeningRange[]
  note: string | null
}

export type WeekHours = Record<(typeof weekDays)[number], OpeningRange[]>

export const weekDays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const

/** The settings document as the Api holds it (the fields the dashboard edits; the rest travel back untouched). */
export interface SettingsDocument {
  assistantName: string
  greeting: string
  voice: string
  assistantGender: string
  botSpeaksFirst: boolean
  autoHangup: { onLeadCaptured: boolean; onGoodbye: boolean }
  silence: { warningAfterSeconds: number; hangupAfterSeconds: number; maxWarnings: number }
  maxCallMinutes: number
  recordingRetentionDays: number
  businessHours: WeekHours
  appointments: {
    slotMinutes: number
    bufferMinutes: number
    minNoticeMinutes: number
    bookingWindowDays: number
    workingHours: WeekHours | null
    dateOverrides: DateOverride[]
  }
  leadStatuses: LeadStatus[]
  [other: string]: unknown
}

export interface SettingsView {
  tenantId: string
  settings: SettingsDocument
  version: number
  updatedAt: string
}

export interface SaveState {
  saving: boolean
  error: string | null
  fieldErrors: FieldErrors
  saved: string | null
}

const idle: SaveState = { saving: false, error: null, fieldErrors: {}, saved: null }

/**
 * The settings document of a page: read, and saved whole with the version it was read at (a concurrent change is the
 * Api's 409). A failed save keeps the page's input and holds the Api's message and field errors (without `settings.`).
 */
export function useSettingsDocument() {
  const query = useApiQuery<SettingsView>(settingsPath)
  const { client } = useAuth()
  const [save, setSave] = useState<SaveState>(idle)

  const saveWith = useCallback(
    async (change: (settings: SettingsDocument) => SettingsDocument, savedMessage: string): Promise<boolean> => {
      if (query.status !== 'ready' && !query.data) return false
      const current = query.data!
      setSave({ ...idle, saving: true })
      try {
        await client.put(settingsPath, { body: { settings: change(current.settings), expectedVersion: current.version } })
        setSave({ ...idle, saved: savedMessage })
        query.reload()
        return true
      } catch (error) {
        setSave({ saving: false, error: saveErrorMessage(error), fieldErrors: fieldErrorsOf(error, 'settings.'), saved: null })
        return false
      }
    },
    [client, query],
  )

  const clearSaved = useCallback(() => setSave((s) => (s.saved ? { ...s, saved: null } : s)), [])
  /** Forgets the last save's outcome, its field errors too (after a change that moves the fields they point at). */
  const resetSave = useCallback(() => setSave((s) => (s.saving ? s : idle)), [])
  return { query, save, saveWith, clearSaved, resetSave }
}
