import { useState, type FormEvent } from 'react'
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router'
import { TextField } from '../components/TextField'
import { useAuth } from '../features/auth/AuthProvider'
import { ApiError } from '../lib/api'
import { homePath } from '../lib/navigation'
import { messages } from '../messages'

/** Only a path inside the dashboard may be a return address, never another site. */
export function safeReturnPath(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : null
}

export function SignInPage() {
  const { session, signIn } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const [params] = useSearchParams()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({})
  const [submitting, setSubmitting] = useState(false)
  const expired = (location.state as { expired?: boolean } | null)?.expired === true
  const next = safeReturnPath(params.get('next'))

  if (session.kind === 'signed-in' && !submitting) {
    return <Navigate to={next ?? homePath(session.user.role, session.user.tenantId !== null)} replace />
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const missing = {
      email: email.trim() === '' ? messages.signIn.emailRequired : undefined,
      password: password === '' ? messages.signIn.passwordRequired : undefined,
    }
    setFieldErrors(missing)
    if (missing.email || missing.password) {
      setError(null)
      return
    }
    setSubmitting(true)
    setError(null)
    try {
      const user = await signIn(email.trim(), password)
      navigate(next ?? homePath(user.role, user.tenantId !== null), { replace: true })
    } catch (failure) {
      // The form keeps what was typed, so the user only corrects what was wrong.
      setError(failure instanceof ApiError ? failure.message : messages.signIn.failed)
      setSubmitting(false)
    }
  }

  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4 py-10">
      <title>{messages.app.documentTitle(messages.signIn.title)}</title>
      <section aria-labelledby="sign-in-title" className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <p className="text-lg font-bold tracking-tight text-blue-900">{messages.app.name}</p>
        <h1 id="sign-in-title" className="mt-4 text-2xl font-bold">
          {messages.signIn.title}
        </h1>
        <p className="mt-1 text-sm text-slate-600">{messages.signIn.intro}</p>
        {expired && !error && (
          <p role="status" className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            {messages.session.expired}
          </p>
        )}
        {error && (
          <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            {error}
          </p>
        )}
        <form noValidate onSubmit={submit} className="mt-6 space-y-4">
          <TextField
            id="sign-in-email"
            label={messages.signIn.email}
            name="email"
            type="email"
            dir="ltr"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldErrors.email}
          />
          <TextField
            id="sign-in-password"
            label={messages.signIn.password}
            name="password"
            type="password"
            dir="ltr"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldErrors.password}
          />
          <button
            type="submit"
            disabled={submitting}
            aria-busy={submitting}
            className="w-full rounded-md bg-blue-700 px-4 py-2.5 font-semibold text-white hover:bg-blue-800 disabled:cursor-wait disabled:opacity-70"
          >
            {submitting ? messages.signIn.submitting : messages.signIn.submit}
          </button>
        </form>
      </section>
    </main>
  )
}
