import type { ApiClient } from '../../lib/api'
import { toRole, type Role } from '../../lib/navigation'

export interface CurrentUser {
  id: string
  name: string
  email: string | null
  role: Role
  tenantId: string | null
}

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; user: CurrentUser; businessName: string | null; timeZone: string }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Reads the Api's `Me`; null when it is not one (or is an API key, which never uses the dashboard). */
export function parseMe(body: unknown): CurrentUser | null {
  if (!isRecord(body) || body.kind !== 'user' || typeof body.id !== 'string' || typeof body.name !== 'string') return null
  const role = toRole(body.role)
  if (!role) return null
  return {
    id: body.id,
    name: body.name,
    email: typeof body.email === 'string' ? body.email : null,
    role,
    tenantId: typeof body.tenantId === 'string' && body.tenantId !== '' ? body.tenantId : null,
  }
}

export const authPaths = {
  signIn: '/api/v1/auth/sign-in',
  signOut: '/api/v1/auth/sign-out',
  me: '/api/v1/auth/me',
  business: '/api/v1/business',
}

/** Signs in and remembers the CSRF token for the session's changes. */
export async function signIn(client: ApiClient, email: string, password: string): Promise<CurrentUser> {
  const answer = await client.post<{ user: unknown; csrfToken: unknown }>(authPaths.signIn, {
    body: { email, password },
    redirectOnUnauthorized: false,
  })
  const user = parseMe(answer?.user)
  if (!user) throw new Error('Sign-in answer carries no user')
  client.setCsrfToken(typeof answer.csrfToken === 'string' ? answer.csrfToken : null)
  return user
}

/** The signed-in user, or null when there is no session. */
export async function currentUser(client: ApiClient, signal?: AbortSignal): Promise<CurrentUser | null> {
  try {
    return parseMe(await client.get(authPaths.me, { signal, redirectOnUnauthorized: false }))
  } catch (error) {
    if (signal?.aborted) throw error
    return null
  }
}

/** The time zone dates are shown in when the business has none (or the user acts on no business). */
export const defaultTimeZone = 'Asia/Jerusalem'

export interface BusinessSummary {
  name: string | null
  timeZone: string
}

/** The name and time zone of the business the user acts on; no name when there is none or it cannot be read. */
export async function businessSummary(client: ApiClient, user: CurrentUser, signal?: AbortSignal): Promise<BusinessSummary> {
  if (!user.tenantId) return { name: null, timeZone: defaultTimeZone }
  try {
    const profile = await client.get<{ name?: unknown; timeZone?: unknown }>(authPaths.business, { signal })
    return {
      name: typeof profile?.name === 'string' ? profile.name : null,
      timeZone: typeof profile?.timeZone === 'string' && profile.timeZone !== '' ? profile.timeZone : defaultTimeZone,
    }
  } catch {
    return { name: null, timeZone: defaultTimeZone }
  }
}
