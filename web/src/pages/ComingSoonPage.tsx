import { messages } from '../messages'

/** A section whose page is not built yet: its place in the shell, its name and a clear "coming soon". */
export function ComingSoonPage({ title }: { title: string }) {
  return (
    <section aria-labelledby="coming-soon-title" className="space-y-4">
      <title>{messages.app.documentTitle(title)}</title>
      <h1 id="coming-soon-title" className="text-2xl font-bold sm:text-3xl">
        {title}
      </h1>
      <div data-testid="coming-soon" className="rounded-xl border border-dashed border-slate-300 bg-white p-6 sm:p-10">
        <p className="inline-flex rounded-full bg-blue-50 px-3 py-1 text-sm font-semibold text-blue-800 ring-1 ring-blue-600/20 ring-inset">
          {messages.comingSoon.badge}
        </p>
        <p className="mt-3 text-slate-600">{messages.comingSoon.body}</p>
      </div>
    </section>
  )
}
