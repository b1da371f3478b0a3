import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { signInPathFor, useAuth } from '../features/auth/AuthProvider'
import { canUse, type Section } from '../lib/navigation'
import { messages } from '../messages'
import { NoAccessPage } from '../pages/NoAccessPage'

/** A route of one section: signed-out users go to sign in, a role that may not use the section is refused. */
export function RequireSection({ section, children }: { section: Section; children: ReactNode }) {
  const { session } = useAuth()
  const location = useLocation()

  if (session.kind === 'loading') {
    return (
      <p role="status" className="text-slate-600">
        {messages.session.loading}
      </p>
    )
  }
  if (session.kind === 'signed-out') {
    return <Navigate to={signInPathFor(location.pathname + location.search)} replace />
  }
  if (!canUse(session.user.role, session.user.tenantId !== null, section)) return <NoAccessPage />
  return children
}
