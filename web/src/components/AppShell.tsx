import { Outlet } from 'react-router'
import { messages } from '../messages'
import { SideNav } from './SideNav'

/** Page frame: navigation on the start side (the right, in Hebrew) and the routed page beside it. */
export function AppShell() {
  return (
    <div className="min-h-dvh md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:start-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-slate-900 focus:shadow-lg"
      >
        {messages.app.skipToContent}
      </a>
      <SideNav />
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 sm:px-6 md:px-10 md:py-10">
        <div className="mx-auto max-w-4xl">
          <Outlet />
        </div>
      </main>
    </div>
  )
}
