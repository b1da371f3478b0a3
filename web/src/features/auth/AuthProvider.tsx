import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { api as defaultClient, type ApiClient } from '../../lib/api'
import { authPaths, businessSummary, currentUser, signIn as signInWith, type CurrentUser, type SessionState } from './session'

interface AuthContextValue {
  session: SessionState
  client: ApiClient
  signIn: (email: string, password: string) => Promise<CurrentUser>
  signOut: () => Promise<void>
  /** Reads the session again from the Api (after the user's business or profile changed). */
  refresh: () => Promise<void>
}

const AuthContext = createContext<AuthContextValue | null>(null)

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext)
  if (!value) throw new Error('useAuth outside AuthProvider')
  return value
}

export function signInPathFor(returnTo: string): string {
  return returnTo && returnTo !== '/' && !returnTo.startsWith('/sign-in')
    ? `/sign-in?next=${encodeURIComponent(returnTo)}`
    : '/sign-in'
}

/** Holds the session: asks the Api who is signed in on load, and sends the user to sign in when a call answers 401. */
export function AuthProvider({ children, client = defaultClient }: { children: ReactNode; client?: ApiClient }) {
  const [session, setSession] = useState<SessionState>({ kind: 'loading' })
  const navigate = useNavigate()
  const location = useLocation()
  const here = useRef('')
  here.current = location.pathname + location.search

  const enter = useCallback(
    async (user: CurrentUser, signal?: AbortSignal) => {
      const business = await businessSummary(client, user, signal)
      if (!signal?.aborted) setSession({ kind: 'signed-in', user, businessName: business.name, timeZone: business.timeZone })
    },
    [client],
  )

  useEffect(() => {
    const controller = new AbortController()
    currentUser(client, controller.signal).then(
      (user) => (user ? enter(user, controller.signal) : setSession({ kind: 'signed-out' })),
      () => {},
    )
    return () => controller.abort()
  }, [client, enter])

  useEffect(() => {
    client.onUnauthorized = () => {
      setSession({ kind: 'signed-out' })
      navigate(signInPathFor(here.current), { replace: true, state: { expired: true } })
    }
    return () => {
      client.onUnauthorized = undefined
    }
  }, [client, navigate])

  const signIn = useCallback(
    async (email: string, password: string) => {
      const user = await signInWith(client, email, password)
      await enter(user)
      return user
    },
    [client, enter],
  )

  const signOut = useCallback(async () => {
    try {
      await client.post(authPaths.signOut, { redirectOnUnauthorized: false })
    } finally {
      client.setCsrfToken(null)
      setSession({ kind: 'signed-out' })
      navigate('/sign-in', { replace: true })
    }
  }, [client, navigate])

  const refresh = useCallback(async () => {
    const user = await currentUser(client)
    if (user) await enter(user)
    else setSession({ kind: 'signed-out' })
  }, [client, enter])

  const value = useMemo(() => ({ session, client, signIn, signOut, refresh }), [session, client, signIn, signOut, refresh])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}
