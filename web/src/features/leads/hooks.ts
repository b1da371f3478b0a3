import { useEffect, useState } from 'react'
import { useAuth } from '../auth/AuthProvider'
import { useApiQuery } from '../../lib/useApiQuery'
import { leadPaths, type Assignable, type LeadStatus } from './types'

interface SettingsAnswer {
  settings: { leadStatuses?: LeadStatus[] }
}

const noStatuses: LeadStatus[] = []

/** The business's lead statuses in its order (from its settings); the same array until the settings change. */
export function useLeadStatuses() {
  const query = useApiQuery<SettingsAnswer>(leadPaths.settings)
  const statuses = query.data?.settings.leadStatuses ?? noStatuses
  return { ...query, statuses }
}

interface UserAnswer {
  id: string
  displayName: string
  isDisabled: boolean
}

/**
 * Whom a lead or task can be given to: the business's active users for admins and up (who may list them); for an
 * agent, who may not, the agent alone.
 */
export function useAssignables(): Assignable[] {
  const { client, session } = useAuth()
  const me = session.kind === 'signed-in' ? session.user : null
  const canList = me !== null && me.role !== 'agent'
  const [users, setUsers] = useState<Assignable[] | null>(null)
  useEffect(() => {
    if (!canList) return
    const controller = new AbortController()
    client.get<UserAnswer[]>(leadPaths.users, { signal: controller.signal }).then(
      (list) => setUsers(list.filter((u) => !u.isDisabled).map((u) => ({ id: u.id, name: u.displayName }))),
      () => {},
    )
    return () => controller.abort()
  }, [client, canList])
  if (!me) return []
  return users ?? [{ id: me.id, name: me.name }]
}

/** True for a role that may delete leads (admin and up). */
export function useCanDeleteLeads(): boolean {
  const { session } = useAuth()
  return session.kind === 'signed-in' && session.user.role !== 'agent'
}
