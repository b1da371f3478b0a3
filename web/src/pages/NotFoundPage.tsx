import { Link } from 'react-router'
import { messages } from '../messages'

export function NotFoundPage() {
  return (
    <section aria-labelledby="not-found-title" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-10">
      <title>{messages.app.documentTitle(messages.notFound.title)}</title>
      <p className="text-5xl font-extrabold text-slate-300" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title" className="mt-2 text-2xl font-bold">
        {messages.notFound.title}
      </h1>
      <p className="mt-3 text-slate-600">{messages.notFound.body}</p>
      <Link
        to="/"
        className="mt-6 inline-flex items-center rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800"
      >
        {messages.notFound.backHome}
      </Link>
    </section>
  )
}
