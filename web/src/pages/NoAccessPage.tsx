import { Link } from 'react-router'
import { messages } from '../messages'

export function NoAccessPage() {
  return (
    <section aria-labelledby="no-access-title" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-10">
      <title>{messages.app.documentTitle(messages.noAccess.title)}</title>
      <h1 id="no-access-title" className="text-2xl font-bold">
        {messages.noAccess.title}
      </h1>
      <p className="mt-3 text-slate-600">{messages.noAccess.body}</p>
      <Link
        to="/"
        className="mt-6 inline-flex items-center rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800"
      >
        {messages.noAccess.backHome}
      </Link>
    </section>
  )
}
