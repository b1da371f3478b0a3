import { NavLink } from 'react-router'
import { messages } from '../messages'

const itemClass =
  'flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors hover:bg-white/10 hover:text-white'

function navLinkClass({ isActive }: { isActive: boolean }) {
  return `${itemClass} ${isActive ? 'bg-white/15 text-white' : 'text-slate-300'}`
}

export function SideNav() {
  return (
    <header className="bg-slate-900 text-white md:sticky md:top-0 md:flex md:h-dvh md:w-64 md:shrink-0 md:flex-col">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 md:block md:px-5 md:py-6">
        <div className="md:mb-8">
          <p className="text-lg font-bold tracking-tight">{messages.app.name}</p>
          <p className="text-xs text-slate-400">{messages.app.tagline}</p>
        </div>
        <nav aria-label={messages.app.mainNavigation}>
          <ul className="flex flex-wrap gap-1 md:flex-col">
            <li>
              <NavLink to="/" end className={navLinkClass}>
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
