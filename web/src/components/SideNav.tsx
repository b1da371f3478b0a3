import { useState } from 'react'
import { Link, NavLink } from 'react-router'
import { useAuth } from '../features/auth/AuthProvider'
import { allowedSections, sectionPaths } from '../lib/navigation'
import { messages } from '../messages'

const itemClass =
  'flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors hover:bg-white/10 hover:text-white'

function navLinkClass({ isActive }: { isActive: boolean }) {
  return `${itemClass} ${isActive ? 'bg-white/15 text-white' : 'text-slate-300'}`
}

export function SideNav() {
  const { session, signOut } = useAuth()
  const [signingOut, setSigningOut] = useState(false)
  const sections =
    session.kind === 'signed-in' ? allowedSections(session.user.role, session.user.tenantId !== null) : []

  function leave() {
    setSigningOut(true)
    signOut().catch(() => setSigningOut(false))
  }

  return (
    <header className="bg-slate-900 text-white md:sticky md:top-0 md:flex md:h-dvh md:w-64 md:shrink-0 md:flex-col md:overflow-y-auto">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 md:block md:px-5 md:py-6">
        <div className="md:mb-8">
          <p className="text-lg font-bold tracking-tight">{messages.app.name}</p>
          <p className="text-xs text-slate-400">{messages.app.tagline}</p>
        </div>
        <nav aria-label={messages.app.mainNavigation} className="w-full md:w-auto">
          <ul className="flex flex-wrap gap-1 md:flex-col">
            {sections.map((section) => (
              <li key={section}>
                <NavLink to={sectionPaths[section]} className={navLinkClass} data-section={section}>
                  {messages.nav[section]}
                </NavLink>
              </li>
            ))}
            <li>
              <NavLink to="/status" end className={navLinkClass}>
                <StatusIcon />
                {messages.nav.status}
              </NavLink>
            </li>
            <li>
              {/* Swagger is served by the Api, outside this app: a full page load, not a client route. */}
              <a href="/swagger" className={`${itemClass} text-slate-300`}>
                <DocsIcon />
                {messages.nav.apiDocs}
              </a>
            </li>
          </ul>
        </nav>
        {session.kind === 'signed-in' && (
          <section
            aria-label={messages.nav.currentUser}
            data-testid="current-user"
            className="flex w-full flex-wrap items-center justify-between gap-2 border-t border-white/10 pt-3 md:mt-8 md:block md:pt-5"
          >
            <div className="min-w-0 text-sm">
              <p className="truncate font-semibold">
                <bdi>{session.user.name}</bdi>
              </p>
              <p className="text-slate-400">
                <span data-testid="current-role">{messages.roles[session.user.role]}</span>
                {' · '}
                <bdi>{session.businessName ?? messages.nav.noBusiness}</bdi>
              </p>
            </div>
            <button
              type="button"
              onClick={signingOut ? undefined : leave}
              aria-busy={signingOut}
              className="rounded-md border border-white/20 px-3 py-1.5 text-sm font-medium text-slate-200 hover:bg-white/10 md:mt-3"
            >
              {signingOut ? messages.nav.signingOut : messages.nav.signOut}
            </button>
          </section>
        )}
        {session.kind === 'signed-out' && (
          <Link
            to="/sign-in"
            className="rounded-md bg-white/10 px-3 py-1.5 text-sm font-semibold text-white hover:bg-white/20 md:mt-8 md:inline-flex"
          >
            {messages.nav.signIn}
          </Link>
        )}
      </div>
    </header>
  )
}

function StatusIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-4 shrink-0">
      <path d="M2 10h3.5l2-5 5 10 2-5H18" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}

function DocsIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-4 shrink-0">
      <path d="M5 2.5h7l3 3v12H5z M12 2.5v3h3 M7.5 10h5 M7.5 13h5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}
