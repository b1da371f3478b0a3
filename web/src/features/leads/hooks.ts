import { useEffect, useState } from 'react'
import { useAuth } from '../auth/AuthProvider'
import { useApiQuery } from '../../lib/useApiQuery'
import type { LeadFieldDefinition } from './leadFields'
import { leadPaths, type Assignable, type LeadStatus } from './types'

interface SettingsAnswer {
  settings: { leadStatuses?: LeadStatus[]; leadFields?: LeadFieldDefinition[] }
}

const noStatuses: LeadStatus[] = []
const noFields: LeadFieldDefinition[] = []

/** The business's lead statuses in its order (from its settings); the same array until the settings change. */
export function useLeadStatuses() {
  const query = useApiQuery<SettingsAnswer>(leadPaths.settings)
  const statuses = query.data?.settings.leadStatuses ?? noStatuses
  return { ...query, statuses }
}

/** The business's lead field definitions in its order (from its settings); the same array until the settings change. */
export function useLeadFields() {
  const query = useApiQuery<SettingsAnswer>(leadPaths.settings)
  const fields = query.data?.settings.leadFields ?? noFields
  return { ...query, fields }
}

interface DirectoryEntry {
  id: string
  displayName: string
  role: string
}

/**
 * Whom a lead, task or reminder can be given to: the business's active users by name (its directory, which every role
 * may read). Until it answers, or if it fails, the signed-in user alone, so the form still works.
 */
export function useAssignables(): Assignable[] {
  const { client, session } = useAuth()
  const me = session.kind === 'signed-in' ? session.user : null
  const meId = me?.id
  const [users, setUsers] = useState<Assignable[] | null>(null)
  useEffect(() => {
    if (!meId) return
    const controller = new AbortController()
    client.get<DirectoryEntry[]>(leadPaths.directory, { signal: controller.signal }).then(
      (list) => setUsers(list.map((u) => ({ id: u.id, name: u.displayName, role: u.role }))),
      () => {},
    )
    return () => controller.abort()
  }, [client, meId])
  if (!me) return []
  return users ?? (me.role === 'system_admin' ? [] : [{ id: me.id, name: me.name, role: me.role }])
}

/** True for a role that may delete leads (admin and up). */
export function useCanDeleteLeads(): boolean {
  const { session } = useAuth()
  return session.kind === 'signed-in' && session.user.role !== 'agent'
}
